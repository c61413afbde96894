"""Reminders instead of discharge: what has lapsed, who was told, and whether the e-mail went out.

A `Lapse` is one occurrence of something the services owe a youth (an evaluation date passed, no contact
for too long…). It is derived from the database by the sweep (pathways/sweep.py) and identified by
(rule, subject, reference date), so the same lapse is found again by every sweep but stored once.
A `Reminder` tells one person about one lapse; the database allows exactly one per lapse and recipient,
whatever the number of sweeps, workers or redelivered messages.
Nothing here ever changes the youth's case: a lapse resolves when the services act, or when a case is
closed by its own explicit decision.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Youth
from coordination.models.choices import ChoiceLabels


class ReminderRule(models.TextChoices):
    EVALUATION_OVERDUE = "evaluation_overdue", _("Evaluation date passed without an evaluation")
    NO_CONTACT = "no_contact", _("No contact logged within the follow-up interval")
    MISSED_NO_OUTREACH = "missed_no_outreach", _("Missed appointment without outreach")
    CONSENT_DUE = "consent_due", _("Consent review or expiry is near")
    HANDOVER_PENDING = "handover_pending", _("Handover not accepted")
    NO_ACTIVE_HOLDER = "no_active_holder", _("No active stafettholder")
    TURNING_18 = "turning_18", _("Turns 18 without a planned transition")
    REGISTRATION_ATTEMPT = "registration_attempt", _("Another service tried to register the youth")
    YOUTH_WROTE = "youth_wrote", _("The youth wrote to the team")
    CONSENT_CHANGE_ASKED = "consent_change", _("The youth asks for a change to a consent")


# What the recipient can do about it, shown in the inbox.
ADVICE = {
    ReminderRule.EVALUATION_OVERDUE: _("Evaluate the action with the youth, or set a new evaluation date."),
    ReminderRule.NO_CONTACT: _("Get in touch with the youth and log the contact."),
    ReminderRule.MISSED_NO_OUTREACH: _("Reach out to the youth and log the outreach."),
    ReminderRule.CONSENT_DUE: _("Review the consent with the youth before it runs out."),
    ReminderRule.HANDOVER_PENDING: _("Answer the handover, or withdraw the request and ask someone else."),
    ReminderRule.NO_ACTIVE_HOLDER: _("Find a new stafettholder for the youth."),
    ReminderRule.TURNING_18: _("Plan the transition at 18 together with the youth."),
    ReminderRule.YOUTH_WROTE: _("Read what the youth wrote in the log, and answer them."),
    ReminderRule.CONSENT_CHANGE_ASKED: _("Talk with the youth and record the change on the consent page."),
    ReminderRule.REGISTRATION_ATTEMPT: _(
        "The access log says who. Get in touch, and add them to the team if the youth agrees."
    ),
}


class ReminderStep(models.IntegerChoices):
    """Who is told, in escalation order."""

    RESPONSIBLE = 1, _("Responsible person")
    STAFETTHOLDER = 2, _("Stafettholder")
    TEAM_LEAD = 3, _("Team lead")


class LapseResolution(models.TextChoices):
    FIXED = "fixed", _("Followed up")
    CASE_CLOSED = "case_closed", _("Case closed")


class Lapse(ChoiceLabels, models.Model):
    rule = models.CharField(_("reminder"), max_length=24, choices=ReminderRule.choices)
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="lapses")
    # The row the rule is about (action, youth, log entry, handover, stafettholder period, consent).
    subject_id = models.PositiveBigIntegerField()
    # Which occurrence: the evaluation date, the day of last contact, of the missed appointment…
    reference_date = models.DateField()
    # The first day it counted as lapsed; escalation steps count from here.
    due_on = models.DateField(_("due since"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detected_at = models.DateTimeField(default=timezone.now)
    # Set when the lapse reached the team lead: the lead's list of open escalations.
    escalated_at = models.DateTimeField(null=True, blank=True)
    # A recipient took it on and said how; no further escalation, but it stays open until fixed.
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What was done is written in the youth's log (content, seen as the log is), not kept here.
    handled_entry = models.ForeignKey(
        "pathways.LogEntry", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=12, choices=LapseResolution.choices, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("lapse")
        verbose_name_plural = _("lapses")
        constraints = [
            # Only one open lapse per occurrence. A resolved one does not block a new occurrence with
            # the same identity (a reopened case, a cancelled transition).
            models.UniqueConstraint(
                fields=["rule", "subject_id", "reference_date"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_lapse_per_occurrence",
            ),
        ]
        indexes = [
            models.Index(
                fields=["rule", "due_on"], condition=Q(resolved_at__isnull=True), name="open_lapses"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} ({self.youth_id}, {self.reference_date})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None and self.handled_at is None

    @property
    def advice(self) -> str:
        return ADVICE[self.rule]


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    NOT_SENT = "not_sent", _("Not sent")


class Reminder(ChoiceLabels, models.Model):
    lapse = models.ForeignKey(Lapse, on_delete=models.PROTECT, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reminders"
    )
    step = models.PositiveSmallIntegerField(_("sent to"), choices=ReminderStep.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    # Not before this moment (quiet hours, backoff after a failure); empty: at once.
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_queued_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["lapse", "recipient"], name="one_reminder_per_lapse_and_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="reminder_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="unread_reminders"),
            models.Index(
                fields=["email_next_attempt_at"],
                condition=Q(email_status="pending"),
                name="pending_reminder_emails",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lapse} → {self.recipient_id}"


class SweepRun(models.Model):
    """One run of the sweep: when it started and finished and what it found (operations, tests)."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    lapses_found = models.PositiveIntegerField(default=0)
    lapses_resolved = models.PositiveIntegerField(default=0)
    reminders_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
