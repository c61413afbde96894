"""The individual plan (individuell plan, BTI level 3), kept in the same record as the stafettlogg.

The working plan adds to the youth's goals and actions what the statutory plan needs: a coordinator,
the consent that covers it and its evaluation dates. Goals and actions are not retyped: adopting the
plan freezes them as they stand into a numbered version (append-only items that keep each goal's and
action's agency and category, so the one visibility rule still decides who reads what). The youth's
answer to a version is an append-only event, like a consent event; the latest answer counts.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, Consent, InformationCategory, Youth
from coordination.models.append_only import AppendOnlyModel
from coordination.models.content import AppendOnlyContentModel
from pathways.models.plan import ActionStatus, GoalKind, GoalStatus


class IndividualPlan(models.Model):
    youth = models.OneToOneField(Youth, on_delete=models.PROTECT, related_name="individual_plan")
    # Defaults to the stafettholder; may be another member of the team.
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinator"), on_delete=models.PROTECT, related_name="+"
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("the consent that covers the plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the whole plan is evaluated together (ISO dates, in order).
    evaluation_dates = models.JSONField(_("evaluation dates"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency: an edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("individual plan")
        verbose_name_plural = _("individual plans")

    @property
    def evaluation_days(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(day) for day in self.evaluation_dates]


class PlanVersion(AppendOnlyModel):
    """One adopted version of the individual plan, frozen."""

    plan = models.ForeignKey(IndividualPlan, on_delete=models.PROTECT, related_name="versions")
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("version"))
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    evaluation_dates = models.JSONField(default=list, blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"

    @property
    def evaluation_days(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(day) for day in self.evaluation_dates]


class PlanItemKind(models.TextChoices):
    GOAL = "goal", _("Goal")
    ACTION = "action", _("Action")


class PlanVersionItem(AppendOnlyContentModel):
    """A goal or an action as it stood when the version was adopted."""

    CONTENT_FIELDS = ("text",)

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="items")
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8, choices=PlanItemKind.choices)
    # The live goal or action it was taken from: the same item in two versions (for the diff).
    source_id = models.PositiveBigIntegerField()
    goal_source_id = models.PositiveBigIntegerField()
    position = models.PositiveIntegerField(default=0)
    goal_kind = models.CharField(max_length=16, blank=True)
    text = models.TextField()
    status = models.CharField(max_length=10)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField(null=True, blank=True)
    evaluation_date = models.DateField(null=True, blank=True)
    category = models.CharField(
        max_length=16, choices=InformationCategory.choices, default=InformationCategory.GENERAL
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind", "source_id"], name="one_item_per_source")
        ]

    @property
    def goal_kind_label(self) -> str:
        return GoalKind(self.goal_kind).label if self.goal_kind in GoalKind.values else ""

    @property
    def status_label(self) -> str:
        choices = GoalStatus if self.kind == PlanItemKind.GOAL else ActionStatus
        return choices(self.status).label if self.status in choices.values else self.status


class PlanAnswer(models.TextChoices):
    AGREED = "agreed", _("Agrees with the plan")
    WANTS_CHANGES = "wants_changes", _("Wants changes to the plan")


class PlanAgreement(AppendOnlyModel):
    """The youth's answer to an adopted version (a consent-style event: appended, the latest counts)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="agreements")
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=14, choices=PlanAnswer.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
