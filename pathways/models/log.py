from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, InformationCategory, Youth
from coordination.models.append_only import AppendOnlyModel
from coordination.models.content import AppendOnlyContentModel, ContentModel


class LogEntryKind(models.TextChoices):
    CONTACT = "contact", _("Contact with the youth")
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone or message")
    MISSED_APPOINTMENT = "missed", _("Missed appointment")
    OUTREACH = "outreach", _("Outreach")
    NOTE = "note", _("Note")
    LEVEL_CHANGE = "level", _("BTI level change")
    HANDOVER = "handover", _("Handover")
    TEAM = "team", _("Team change")
    PLAN_CHANGE = "plan", _("Plan change")
    EVALUATION = "evaluation", _("Evaluation")
    TRANSITION = "transition", _("Transition")
    CASE_DECISION = "case", _("Case closed or reopened")
    LYSGLIMT = "lysglimt", _("Lysglimt: something that went well")
    # Written by the youth themselves.
    YOUTH_MESSAGE = "youth_msg", _("Message from the youth")
    GOAL_SUGGESTION = "goal_idea", _("Goal suggested by the youth")
    YOUTH_VIEW = "youth_view", _("The youth's view on an evaluation")


# What a youth writes in their own Stafett; it reaches the stafettholder's inbox.
YOUTH_KINDS = frozenset({LogEntryKind.YOUTH_MESSAGE, LogEntryKind.GOAL_SUGGESTION, LogEntryKind.YOUTH_VIEW})


# Entries that count as contact with the youth for "days since last contact" and follow-up rules.
CONTACT_KINDS = frozenset(
    {LogEntryKind.CONTACT, LogEntryKind.MEETING, LogEntryKind.PHONE, LogEntryKind.OUTREACH}
)
# Any of these after a missed appointment means the services reached out (or the youth came back).
FOLLOW_UP_KINDS = CONTACT_KINDS
# Kinds a caseworker writes by hand; the others are written by services as side effects.
MANUAL_KINDS = (
    LogEntryKind.CONTACT,
    LogEntryKind.PHONE,
    LogEntryKind.MEETING,
    LogEntryKind.MISSED_APPOINTMENT,
    LogEntryKind.OUTREACH,
    LogEntryKind.NOTE,
    LogEntryKind.LYSGLIMT,
)


class LogEntry(AppendOnlyContentModel):
    """One line of the stafettlogg. Never updated or deleted: a correction is a new entry."""

    CONTENT_FIELDS = ("text",)

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="log_entries")
    kind = models.CharField(_("kind"), max_length=12, choices=LogEntryKind.choices)
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )
    text = models.TextField(_("text"))
    occurred_at = models.DateTimeField(_("when it happened"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The agency it was written for; empty when the youth wrote it themselves.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    # The youth's own view on an evaluation is an entry about that evaluation.
    evaluation = models.ForeignKey(
        "pathways.Evaluation", on_delete=models.PROTECT, null=True, blank=True, related_name="youth_views"
    )

    @classmethod
    def visibility(cls, access, prefix: str = "") -> Q:
        rule = super().visibility(access, prefix)
        if getattr(access, "hides_withheld", False):
            # A youth sees everything about themselves except what staff withheld with a reason,
            # and the corrections of it, which say the same thing again.
            path = f"{prefix}{cls.VISIBILITY_PATH}"
            withheld = Withholding.objects.filter(
                Q(entry=OuterRef(f"{path}pk")) | Q(entry=OuterRef(f"{path}corrects_id"))
            )
            rule &= ~Exists(withheld)
        return rule

    @property
    def withheld_reason_label(self) -> str:
        """The reason it is kept from the youth, on entries read through pathways.selectors.log."""
        return WithholdingReason(self.withheld_reason).label if self.withheld_reason else ""

    @property
    def by_youth(self) -> bool:
        return self.kind in YOUTH_KINDS

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        indexes = [
            models.Index(fields=["youth", "-occurred_at"]),
            models.Index(fields=["youth", "kind"]),
            # The reminder sweep looks at missed appointments across all youths.
            models.Index(fields=["occurred_at"], condition=Q(kind="missed"), name="missed_appointments"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class WithholdingReason(models.TextChoices):
    """The only reasons an entry may be kept from the youth (pasientjournalloven § 18 / helsepersonell-
    loven § 41 and forvaltningsloven § 19, simplified)."""

    THIRD_PARTY = "third_party", _("Information about someone else (a third party)")
    SERIOUS_HARM = "serious_harm", _("Could seriously harm the youth's life or health")
    OTHERS_SAFETY = "others_safety", _("Needed to protect someone else")


class Withholding(AppendOnlyModel):
    """A log entry not shown to the youth, with a reason from the fixed list. Logged, and shown to the
    team lead. Everything else about the youth is shown to the youth."""

    entry = models.OneToOneField(LogEntry, on_delete=models.PROTECT, related_name="withholding")
    reason = models.CharField(_("reason"), max_length=16, choices=WithholdingReason.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)


class Lysglimt(AppendOnlyModel):
    """Someone (staff or the youth) marked a log entry as a moment that went well."""

    entry = models.ForeignKey(LogEntry, on_delete=models.PROTECT, related_name="lysglimt")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "marked_by"], name="one_lysglimt_mark_each")]


class PlannedOutreach(ContentModel):
    """The follow-up the services owe a youth who did not attend (uteblitt): who reaches out, by when.

    Recorded with every missed appointment, so a no-show starts outreach instead of counting against
    the youth. The reminder sweep tells the responsible person if nothing is logged in time.
    """

    CONTENT_FIELDS = ("how",)
    VISIBILITY_PATH = "missed_entry__"

    missed_entry = models.OneToOneField(LogEntry, on_delete=models.PROTECT, related_name="planned_outreach")
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="planned_outreach")
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who reaches out"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_for = models.DateField(_("reach out no later than"))
    how = models.CharField(_("how"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("planned outreach")
        verbose_name_plural = _("planned outreach")

    def __str__(self) -> str:
        return f"{self.responsible_id} {self.planned_for}"
