from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, InformationCategory, Youth
from coordination.models.content import ContentModel


class TransitionKind(models.TextChoices):
    ADMISSION = "admission", _("Admission")
    DISCHARGE = "discharge", _("Discharge")
    AFTERCARE = "aftercare", _("Aftercare")
    TURNING_18 = "turning_18", _("Turning 18")
    SCHOOL_CHANGE = "school_change", _("Change of school")
    MOVING = "moving", _("Moving")


class TransitionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Transition(ContentModel):
    """An overgang planned ahead, with a responsible person, so nobody is dropped at the seams.
    Where it goes (a detox admission…) is content: the writer picks its category."""

    CONTENT_FIELDS = ("from_service", "to_service", "note")

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="transitions")
    kind = models.CharField(_("kind"), max_length=16, choices=TransitionKind.choices)
    from_service = models.CharField(_("from service"), max_length=200, blank=True)
    to_service = models.CharField(_("to service"), max_length=200, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible"), on_delete=models.PROTECT, related_name="+"
    )
    planned_date = models.DateField(_("planned date"))
    status = models.CharField(
        _("status"), max_length=12, choices=TransitionStatus.choices, default=TransitionStatus.PLANNED
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The agency it was written for, fixed when written (not the author's agency of today).
    agency = models.ForeignKey(
        Agency, verbose_name=_("written for"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["planned_date", "id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        indexes = [models.Index(fields=["youth", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.planned_date}"
