"""E-mail delivery of reminders: once, in the recipient's language, never at night, retried, never lost,
never about a closed case, and queued only after the transaction commits."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from coordination.services.youths import case_close
from pathways import sweep
from pathways.models import EmailStatus, Reminder
from pathways.services.reminders import (
    EmailNotSent,
    reminder_email_deliver,
    reminder_emails_dispatch,
)
from pathways.tasks import deliver_reminder_email
from tests import factories
from tests.pathways.conftest import oslo


@pytest.fixture(autouse=True)
def _quiet_hours(settings):
    settings.REMINDER_EMAIL_QUIET_START, settings.REMINDER_EMAIL_QUIET_END = 22, 7


@pytest.fixture
def reminder(cast, time_machine):
    """One pending reminder to the team member about an overdue evaluation, found on a Monday morning."""
    time_machine.move_to(oslo(2026, 3, 2, 8), tick=False)
    cast.member.email, cast.member.language = "per.laerer@skole.no", "nn"
    cast.member.save()
    goal = factories.goal(cast.youth, cast.holder)
    factories.action(
        goal,
        cast.member,
        description="Hemmelig tiltak om rus",
        start_date=datetime.date(2026, 2, 1),
        evaluation_date=datetime.date(2026, 3, 1),
    )
    sweep.run()
    return Reminder.objects.get(recipient=cast.member)


def test_sent_once_in_the_recipients_language(reminder, cast):
    assert reminder_email_deliver(reminder_id=reminder.pk) == "sent"
    assert reminder_email_deliver(reminder_id=reminder.pk) == "nothing to send"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["per.laerer@skole.no"]
    assert "Du har ei ny påminning i Stafett" in message.body  # nynorsk
    assert "/innboks/" in message.body
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 1)


def test_bokmaal_is_the_default_language(reminder, cast):
    cast.member.language = "nb"
    cast.member.save()
    reminder_email_deliver(reminder_id=reminder.pk)
    assert "Du har en ny påminnelse i Stafett" in mail.outbox[0].body


def test_the_email_names_no_youth_and_no_case_content(reminder, cast):
    reminder_email_deliver(reminder_id=reminder.pk)
    text = mail.outbox[0].subject + mail.outbox[0].body
    for secret in (cast.youth.first_name, cast.youth.last_name, "Hemmelig tiltak", "rus"):
        assert secret not in text


def test_nothing_is_sent_between_22_and_07_oslo_time(reminder, time_machine):
    time_machine.move_to(oslo(2026, 3, 2, 22, 30), tick=False)
    assert reminder_email_deliver(reminder_id=reminder.pk) == "held until morning"
    assert reminder_emails_dispatch() == []
    time_machine.move_to(oslo(2026, 3, 3, 6, 59), tick=False)
    assert reminder_emails_dispatch() == []
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.email_next_attempt_at == oslo(2026, 3, 3, 7)
    time_machine.move_to(oslo(2026, 3, 3, 7, 0), tick=False)
    with mock.patch("coordination.celery.app.send_task"):
        assert reminder_emails_dispatch() == [reminder.pk]
    assert reminder_email_deliver(reminder_id=reminder.pk) == "sent"


def test_a_failed_send_is_recorded_and_raised_for_retry(reminder):
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPServerDisconnected("gone")),
        pytest.raises(EmailNotSent),
    ):
        reminder_email_deliver(reminder_id=reminder.pk)
    reminder.refresh_from_db()
    assert reminder.email_status == EmailStatus.PENDING
    assert reminder.email_attempts == 1
    assert "gone" in reminder.email_error
    assert reminder.email_next_attempt_at is not None
    assert reminder_email_deliver(reminder_id=reminder.pk) == "sent"
    assert len(mail.outbox) == 1


def test_the_task_retries_with_backoff_and_stops_after_a_bounded_number(reminder, settings):
    assert deliver_reminder_email.autoretry_for == (EmailNotSent,)
    assert deliver_reminder_email.retry_backoff == 30
    assert deliver_reminder_email.retry_backoff_max == settings.REMINDER_EMAIL_RETRY_BACKOFF_MAX
    assert deliver_reminder_email.max_retries == settings.REMINDER_EMAIL_MAX_RETRIES
    outcomes = [smtplib.SMTPConnectError(421, "busy"), smtplib.SMTPConnectError(421, "busy"), None]
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=outcomes):
        result = deliver_reminder_email.apply(args=[reminder.pk])
    assert result.get() == "sent"
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 3)


def test_when_retries_run_out_the_reminder_stays_pending_for_the_dispatcher(reminder, settings, time_machine):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("no route")):
        result = deliver_reminder_email.apply(args=[reminder.pk])
    assert result.failed()
    reminder.refresh_from_db()
    assert reminder.email_status == EmailStatus.PENDING
    assert reminder.email_attempts == settings.REMINDER_EMAIL_MAX_RETRIES + 1
    reminder.email_queued_at = oslo(2026, 3, 2, 8)
    reminder.save()
    time_machine.move_to(oslo(2026, 3, 2, 9), tick=False)  # later than the requeue window and backoff
    assert reminder_emails_dispatch() == [reminder.pk]


def test_nothing_is_sent_about_a_closed_case(reminder, cast):
    case_close(actor=cast.holder, youth=cast.youth, reason="moved", explanation="Flyttet", youth_view="Greit")
    assert reminder_email_deliver(reminder_id=reminder.pk) == "settled before it was sent"
    assert mail.outbox == []


def test_the_dispatcher_drops_pending_emails_about_a_closed_case(reminder, cast):
    case_close(actor=cast.holder, youth=cast.youth, reason="moved", explanation="Flyttet", youth_view="Greit")
    assert reminder_emails_dispatch() == []
    reminder.refresh_from_db()
    assert reminder.email_status == EmailStatus.NOT_SENT
    assert reminder_email_deliver(reminder_id=reminder.pk) == "nothing to send"
    assert mail.outbox == []


def test_no_address_means_in_app_only(reminder, cast):
    cast.member.email = ""
    cast.member.save()
    assert reminder_email_deliver(reminder_id=reminder.pk) == "no active recipient with an e-mail address"
    reminder.refresh_from_db()
    assert reminder.email_status == EmailStatus.NOT_SENT


def test_dispatch_enqueues_only_after_commit(reminder, django_capture_on_commit_callbacks):
    with mock.patch("coordination.celery.app.send_task") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            ids = reminder_emails_dispatch()
        assert reminder.pk in ids
        assert delay.call_count == 0  # not before the commit
        for callback in callbacks:
            callback()
        assert mock.call("pathways.deliver_reminder_email", args=(reminder.pk,)) in delay.call_args_list


def test_a_rolled_back_dispatch_enqueues_nothing(reminder, django_capture_on_commit_callbacks):
    class Boom(Exception):
        pass

    with mock.patch("coordination.celery.app.send_task") as delay:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(Boom), transaction.atomic():
            reminder_emails_dispatch()
            raise Boom
        assert delay.call_count == 0
    reminder.refresh_from_db()
    assert reminder.email_queued_at is None
