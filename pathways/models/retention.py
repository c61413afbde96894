"""Records retention: how long each agency keeps each kind of record after a case is closed, and the
append-only log of what the retention job did (pathways/services/retention.py)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, Youth
from coordination.models.append_only import AppendOnlyModel


class RecordType(models.TextChoices):
    LOG = "log", _("Log entries")
    PLAN = "plan", _("Plan: goals, actions, evaluations, levels and transitions")
    MEETINGS = "meetings", _("Meetings")
    CONSENTS = "consents", _("Consent history")
    ACCESS_LOG = "access_log", _("Access log")
    # The youth's identity (names, national id, contact details), relatives and the case decisions.
    CASE = "case", _("Identity and case decisions")


class Disposition(models.TextChoices):
    DELETE = "delete", _("Delete")
    ANONYMISE = "anonymise", _("Anonymise")
    KEEP = "keep", _("Keep permanently")


class RetentionPolicy(models.Model):
    """One agency's rule for one record type; without a row the defaults in settings apply
    (settings.RETENTION_DEFAULTS, and RETENTION_KEEP_SECTORS for records that must be kept)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="retention_policies")
    record_type = models.CharField(_("record type"), max_length=12, choices=RecordType.choices)
    disposition = models.CharField(_("when the time is up"), max_length=10, choices=Disposition.choices)
    years = models.PositiveSmallIntegerField(
        _("years after the case was closed"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")
        constraints = [
            models.UniqueConstraint(fields=["agency", "record_type"], name="one_policy_per_record_type"),
            # The youth's row stays (statistics, the retention log point at it): it is anonymised, and
            # content rows are deleted, never half-anonymised.
            models.CheckConstraint(
                condition=(Q(record_type="case") & ~Q(disposition="delete"))
                | (~Q(record_type="case") & ~Q(disposition="anonymise")),
                name="retention_disposition_fits_record_type",
            ),
            models.CheckConstraint(condition=Q(years__gte=1, years__lte=100), name="retention_years_1_100"),
        ]


class RetentionRun(AppendOnlyModel):
    """One run of the retention job: a dry run (a report, nothing changed) or a real one."""

    dry_run = models.BooleanField()
    # Empty when the scheduled job ran it.
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at", "-id"]


class RetentionOutcome(models.TextChoices):
    WOULD_DELETE = "would_delete", _("Would be deleted")
    WOULD_ANONYMISE = "would_anonymise", _("Would be anonymised")
    DELETED = "deleted", _("Deleted")
    ANONYMISED = "anonymised", _("Anonymised")
    KEPT = "kept", _("Kept permanently")
    HELD = "held", _("Kept: legal hold")
    WAITING = "waiting", _("Waits for other records")


class RetentionLogEntry(AppendOnlyModel):
    """What one run found or did with one record type of one case, and why. Append-only: the
    retention log outlives what it deleted. It names the case by id only, never its content."""

    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="entries")
    # Youth rows are never deleted (only anonymised), so the case can still be named.
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="+")
    # The agency whose policy applied.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=12, choices=RecordType.choices)
    outcome = models.CharField(max_length=16, choices=RetentionOutcome.choices)
    count = models.PositiveIntegerField()
    reason = models.CharField(max_length=300)
    closed_at = models.DateTimeField()
    due_on = models.DateField(null=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "-at"])]
