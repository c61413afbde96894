"""Writes about reminders: the sweep, e-mail delivery, and a recipient reading or handling them.

E-mail is at-least-once and the database decides: a reminder's e-mail is sent while its row is locked,
and marked sent in the same transaction, so two workers never send it twice and a worker that dies
before the commit leaves it pending for the next attempt. (A worker killed after the mail server
accepted the message but before the commit would send it again: no mail server offers exactly-once.)
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.access import youths_visible_to
from coordination.celery import enqueue
from coordination.errors import BusinessRuleError
from coordination.models import InformationCategory, User, YouthStatus
from pathways import sweep
from pathways.calendar import quiet_until
from pathways.models import EmailStatus, Lapse, LogEntryKind, Reminder
from pathways.selectors.reminders import still_addressed
from pathways.services.log import log_entry_record_system

logger = logging.getLogger(__name__)


class EmailNotSent(Exception):
    """The mail server refused or could not be reached; the task retries with backoff."""


def reminders_sweep(*, now: datetime.datetime | None = None) -> sweep.SweepResult:
    """Finds everything that has lapsed and creates the reminders; their e-mails go out after commit."""
    result = sweep.run(now=now)
    reminder_emails_dispatch(now=now)
    return result


def lapses_settle(*, youth_id: int) -> int:
    """After something was logged for a youth: resolve what it fixed now, not at the next sweep."""
    return sweep.settle(youth_id=youth_id)


def reminder_emails_dispatch(*, now: datetime.datetime | None = None) -> list[int]:
    """Queues the e-mails that are due, after commit. Also picks up e-mails whose task was lost."""
    now = now or timezone.now()
    with transaction.atomic():
        # Nothing about a closed case or a settled lapse goes out, whenever the reminder was made.
        settled = Q(lapse__resolved_at__isnull=False) | Q(lapse__handled_at__isnull=False)
        Reminder.objects.filter(email_status=EmailStatus.PENDING).filter(
            settled | ~Q(lapse__youth__status=YouthStatus.ACTIVE)
        ).update(email_status=EmailStatus.NOT_SENT, email_error="settled before it was sent")
        if quiet_until(now):
            return []  # held: the first dispatch after the quiet hours sends them
        stale = now - datetime.timedelta(minutes=settings.REMINDER_EMAIL_REQUEUE_MINUTES)
        ids = list(
            Reminder.objects.filter(email_status=EmailStatus.PENDING)
            .filter(Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now))
            .filter(Q(email_queued_at__isnull=True) | Q(email_queued_at__lt=stale))
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[: settings.REMINDER_EMAIL_BATCH]
        )
        Reminder.objects.filter(pk__in=ids).update(email_queued_at=now)
        transaction.on_commit(lambda: [enqueue("pathways.deliver_reminder_email", pk) for pk in ids])
    return ids


def reminder_email_deliver(*, reminder_id: int, now: datetime.datetime | None = None) -> str:
    """Sends one reminder's e-mail in the recipient's language, unless it is sent, settled or night."""
    now = now or timezone.now()
    failure: OSError | None = None
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("lapse", "lapse__youth", "recipient")
            .filter(pk=reminder_id, email_status=EmailStatus.PENDING)
            .first()
        )
        if reminder is None:
            return "nothing to send"  # sent already, or another worker is sending it right now
        lapse, recipient = reminder.lapse, reminder.recipient
        if not lapse.is_open or lapse.youth.status != YouthStatus.ACTIVE:
            return _not_sent(reminder, "settled before it was sent")
        if not recipient.is_active or not recipient.email:
            return _not_sent(reminder, "no active recipient with an e-mail address")
        if not still_addressed(reminder):
            return _not_sent(reminder, "the recipient no longer has access to the youth")
        held_until = quiet_until(now)
        if held_until is not None:
            reminder.email_next_attempt_at = held_until
            reminder.email_queued_at = None
            reminder.save(update_fields=["email_next_attempt_at", "email_queued_at"])
            return "held until morning"
        reminder.email_attempts += 1
        try:
            _reminder_email(reminder).send()
        except OSError as exc:  # smtplib's errors are OSErrors
            failure = exc
            backoff = min(30 * 2 ** (reminder.email_attempts - 1), settings.REMINDER_EMAIL_RETRY_BACKOFF_MAX)
            reminder.email_next_attempt_at = now + datetime.timedelta(seconds=backoff)
            reminder.email_error = f"{type(exc).__name__}: {exc}"[:500]
        else:
            reminder.email_status = EmailStatus.SENT
            reminder.email_sent_at = now
            reminder.email_error = ""
        reminder.save(
            update_fields=[
                "email_attempts",
                "email_status",
                "email_sent_at",
                "email_error",
                "email_next_attempt_at",
            ]
        )
    if failure is not None:
        logger.warning("Reminder %s: e-mail not sent (%s), will retry", reminder_id, failure)
        raise EmailNotSent(str(failure)) from failure
    return "sent"


def _not_sent(reminder: Reminder, why: str) -> str:
    reminder.email_status = EmailStatus.NOT_SENT
    reminder.email_error = why
    reminder.save(update_fields=["email_status", "email_error"])
    return why


def _reminder_email(reminder: Reminder) -> EmailMessage:
    """The e-mail names no youth and no case content: it only says there is something in the inbox."""
    recipient: User = reminder.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": recipient,
            "reminder": reminder,
            "rule": reminder.lapse.get_rule_display(),
            "step": reminder.get_step_display(),
            "inbox_url": settings.STAFETT_BASE_URL + reverse("reminder_inbox"),
        }
        subject = render_to_string("pathways/email/reminder_subject.txt", context).strip()
        body = render_to_string("pathways/email/reminder_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )


def reminders_mark_read(*, actor: User, reminder_ids: list[int]) -> int:
    if not reminder_ids:
        return 0
    return Reminder.objects.filter(pk__in=reminder_ids, recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def reminder_mark_handled(
    *, actor: User, reminder: Reminder, note: str, category: str = InformationCategory.GENERAL
) -> Lapse:
    """The recipient says what was done: it is written in the youth's log (content of the category the
    writer picks). Escalation stops; the lapse still resolves when it is fixed."""
    if reminder.recipient_id != actor.pk:
        raise BusinessRuleError(_("Only the person who got the reminder can mark it handled."))
    if not youths_visible_to(actor).filter(pk=reminder.lapse.youth_id).exists():
        raise BusinessRuleError(_("You no longer have access to this youth."))
    if not note.strip():
        raise BusinessRuleError(_("Write what was done, so the others on the team know."))
    lapse = Lapse.objects.select_for_update().select_related("youth").get(pk=reminder.lapse_id)
    if not lapse.is_open:
        raise BusinessRuleError(_("This reminder is already settled."))
    now = timezone.now()
    entry = log_entry_record_system(
        youth=lapse.youth,
        actor=actor,
        kind=LogEntryKind.NOTE,
        text=_("Reminder handled (%(rule)s): %(note)s")
        % {"rule": lapse.get_rule_display(), "note": note.strip()},
        category=category,
    )
    lapse.handled_at, lapse.handled_by, lapse.handled_entry = now, actor, entry
    lapse.save(update_fields=["handled_at", "handled_by", "handled_entry"])
    Reminder.objects.filter(pk=reminder.pk, read_at__isnull=True).update(read_at=now)
    return lapse
