from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, InformationCategory, Youth
from coordination.models.content import AppendOnlyContentModel, ContentModel


class GoalKind(models.TextChoices):
    SAFETY = "safety", _("Safety")
    STABILISATION = "stabilisation", _("Stabilisation")
    REDUCED_USE = "reduced_use", _("Reduced use")
    ABSTINENCE = "abstinence", _("Abstinence")
    SCHOOL_WORK = "school_work", _("School or work")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    RELATIONSHIPS = "relationships", _("Relationships")
    LEISURE = "leisure", _("Leisure")
    OTHER = "other", _("Other")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    REACHED = "reached", _("Reached")
    PAUSED = "paused", _("Paused by the youth")
    REPLACED = "replaced", _("Replaced by another goal")


class Goal(ContentModel):
    CONTENT_FIELDS = ("description",)

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="goals")
    kind = models.CharField(_("kind"), max_length=16, choices=GoalKind.choices)
    # Written in the youth's own words.
    description = models.TextField(_("goal in the youth's own words"))
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE
    )
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency: an edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.description[:60]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.ONGOING)


class Action(ContentModel):
    """A tiltak: who does what, and when it is evaluated."""

    CONTENT_FIELDS = ("description",)

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="actions")
    # Denormalised from the goal so youth-wide queries need no join.
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(_("what is done"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible"), on_delete=models.PROTECT, related_name="+"
    )
    responsible_agency = models.ForeignKey(
        Agency, verbose_name=_("responsible agency"), on_delete=models.PROTECT, related_name="+"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    evaluation_date = models.DateField(_("evaluation date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The agency it was written for, fixed when written (not the author's agency of today).
    agency = models.ForeignKey(
        Agency, verbose_name=_("written for"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["evaluation_date", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluation_date__gte=models.F("start_date")), name="evaluation_not_before_start"
            ),
        ]
        indexes = [
            models.Index(fields=["youth", "evaluation_date"]),
            models.Index(fields=["status", "evaluation_date"]),
            # "Next evaluation" per youth on list pages looks only at open actions.
            models.Index(
                fields=["youth", "evaluation_date"],
                condition=Q(status__in=["planned", "ongoing"]),
                name="open_action_next_evaluation",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES


class EvaluationOutcome(models.TextChoices):
    REACHED = "reached", _("Working as intended")
    PARTLY = "partly", _("Partly working")
    NOT_REACHED = "not_reached", _("Not working")


class NextStep(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    ADJUST = "adjust", _("Adjust the action")
    COMPLETE = "complete", _("Complete the action")
    STOP = "stop", _("Stop the action")


class Evaluation(AppendOnlyContentModel):
    """Evaluations are part of the record: appended, never edited."""

    CONTENT_FIELDS = ("assessment", "youth_view")
    YOUTH_PATH = "action__youth"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="evaluations")
    outcome = models.CharField(_("outcome"), max_length=12, choices=EvaluationOutcome.choices)
    assessment = models.TextField(_("assessment"))
    youth_view = models.TextField(_("the youth's own view"))
    next_step = models.CharField(_("next step"), max_length=10, choices=NextStep.choices)
    next_evaluation_date = models.DateField(_("next evaluation date"), null=True, blank=True)
    category = models.CharField(
        max_length=16, choices=InformationCategory.choices, default=InformationCategory.GENERAL
    )
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    evaluated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-evaluated_at", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
