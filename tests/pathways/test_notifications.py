"""Youths and relatives hear of a new or changed meeting and of a new step in the plan: only those who may
see it, by SMS or e-mail as they chose, never at night, never with content, each message once."""

import datetime
import re
import threading
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connections, transaction
from django.utils import timezone

from coordination.accounts.sms import SMSNotSent
from coordination.models import AccountKind, Relative, RelativeSharing, User, Youth
from coordination.services.youths import case_close
from pathways.models import Meeting, Notification, NotificationKind
from pathways.services.meetings import meeting_create, meeting_update
from pathways.services.notifications import MAX_ATTEMPTS, notifications_dispatch
from pathways.services.plan import action_create
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")
_numbers = iter(range(10_000_000, 99_999_999, 7919))


class BrokenGateway:
    def send(self, to: str, text: str) -> None:
        raise SMSNotSent("gateway answered 503")


def _account(kind: str = AccountKind.RELATIVE, **fields) -> User:
    number = next(_numbers)
    fields.setdefault("phone", f"+479{str(number)[:7]}")
    return User.objects.create(username=f"{kind}-{number}", kind=kind, is_active=True, **fields)


def _relative(youth: Youth, name: str, *, guardian: bool, **account_fields) -> Relative:
    return youth.relatives.create(
        name=name,
        relation="Mor" if guardian else "Tante",
        has_parental_responsibility=guardian,
        agency=youth.originating_agency,
        account=_account(**account_fields),
    )


@dataclass
class Family:
    youth: Youth  # 14 years old, with their own account
    guardian: Relative  # parental responsibility, invited to meetings in the tests
    other_guardian: Relative  # parental responsibility, not invited
    aunt: Relative  # no parental responsibility; the youth shares meetings with her
    older: Youth  # 17 years old
    older_guardian: Relative  # parental responsibility, nothing shared


@pytest.fixture
def day(time_machine) -> datetime.date:
    """A working morning in Oslo, tomorrow (never before the cast was made), frozen."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    time_machine.move_to(_at(tomorrow, 10), tick=False)
    return tomorrow


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=OSLO)


@pytest.fixture
def family(cast, day) -> Family:
    youth = factories.youth(
        holder=cast.holder,
        first_name="Sara",
        last_name="Hansen",
        birth_date=day - datetime.timedelta(days=5300),
    )
    youth.account = _account(AccountKind.YOUTH)
    youth.save(update_fields=["account"])
    aunt = _relative(youth, "Fatima Tante", guardian=False)
    RelativeSharing.objects.create(relative=aunt, meetings=True)
    older = factories.youth(
        holder=cast.holder, first_name="Jon", last_name="Berg", birth_date=day - datetime.timedelta(days=6400)
    )
    assert (youth.age, older.age) == (14, 17)
    return Family(
        youth=youth,
        guardian=_relative(youth, "Amina Hansen", guardian=True),
        other_guardian=_relative(youth, "Ali Hansen", guardian=True),
        aunt=aunt,
        older=older,
        older_guardian=_relative(older, "Eva Berg", guardian=True),
    )


def _meeting(cast, youth: Youth, relatives, capture, **fields) -> Meeting:
    with capture(execute=True):
        return meeting_create(
            actor=cast.holder,
            youth=youth,
            participants=[cast.member],
            relatives=relatives,
            title=fields.pop("title", "Møte om skolefravær"),
            starts_at=timezone.now() + datetime.timedelta(days=3),
            location="Charlottenlund vgs",
            **fields,
        )


def _told(youth: Youth | None = None) -> set[tuple[int, str]]:
    rows = Notification.objects.all() if youth is None else Notification.objects.filter(youth=youth)
    return set(rows.values_list("recipient_id", "kind"))


# --- who is told ---------------------------------------------------------------------------------


def test_a_new_meeting_reaches_the_youth_and_the_invited_guardian_only(
    cast, family, django_capture_on_commit_callbacks
):
    _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    assert _told() == {
        (family.youth.account_id, NotificationKind.MEETING_NEW),
        (family.guardian.account_id, NotificationKind.INVITED_TO_MEETING),
    }  # not the guardian who was not invited, not the aunt (shares meetings, but not invited)


def test_a_guardian_of_a_17_year_old_gets_nothing_the_youth_did_not_share(
    cast, family, django_capture_on_commit_callbacks
):
    _meeting(cast, family.older, [family.older_guardian], django_capture_on_commit_callbacks)
    assert _told(family.older) == set()  # and the 17-year-old has no account
    RelativeSharing.objects.create(relative=family.older_guardian, meetings=True)
    _meeting(cast, family.older, [family.older_guardian], django_capture_on_commit_callbacks)
    assert _told(family.older) == {(family.older_guardian.account_id, NotificationKind.INVITED_TO_MEETING)}


def test_a_relative_invited_and_shared_with_is_told(cast, family, django_capture_on_commit_callbacks):
    _meeting(cast, family.youth, [family.aunt], django_capture_on_commit_callbacks)
    assert (family.aunt.account_id, NotificationKind.INVITED_TO_MEETING) in _told()


def test_not_about_a_category_the_youth_keeps_from_the_guardian(
    cast, family, django_capture_on_commit_callbacks
):
    RelativeSharing.objects.create(relative=family.guardian, kept_back=["mental_health"])
    _meeting(
        cast, family.youth, [family.guardian], django_capture_on_commit_callbacks, category="mental_health"
    )
    assert _told() == {(family.youth.account_id, NotificationKind.MEETING_NEW)}


def test_a_changed_meeting_is_told_too(cast, family, django_capture_on_commit_callbacks):
    meeting = _meeting(cast, family.youth, [], django_capture_on_commit_callbacks)
    notifications_dispatch()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            actor=cast.holder,
            meeting=meeting,
            expected_version=meeting.version,
            participants=[cast.member],
            relatives=[family.guardian],
            location="Rådhuset",
        )
    waiting = Notification.objects.filter(sent_at__isnull=True)
    assert set(waiting.values_list("recipient_id", "kind")) == {
        (family.youth.account_id, NotificationKind.MEETING_CHANGED),
        (family.guardian.account_id, NotificationKind.MEETING_CHANGED),
    }


def test_changes_before_it_went_out_make_one_message(cast, family, django_capture_on_commit_callbacks):
    meeting = _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            actor=cast.holder,
            meeting=meeting,
            expected_version=meeting.version,
            participants=[],
            relatives=[family.guardian],
            location="Rådhuset",
        )
    assert Notification.objects.count() == 2


def test_a_new_step_reaches_the_youth_and_the_guardians_who_see_the_plan(
    cast, family, django_capture_on_commit_callbacks
):
    RelativeSharing.objects.create(relative=family.other_guardian, kept_back=["school"])
    goal = factories.goal(family.youth, cast.holder)
    with django_capture_on_commit_callbacks(execute=True):
        action_create(
            actor=cast.holder,
            goal=goal,
            description="Leksehjelp to dager i uka",
            responsible=cast.holder,
            evaluator=cast.holder,
            start_date=timezone.localdate(),
            evaluation_date=timezone.localdate() + datetime.timedelta(days=30),
            category="school",
        )
    assert _told() == {
        (family.youth.account_id, NotificationKind.STEP_NEW),
        (family.guardian.account_id, NotificationKind.STEP_NEW),
    }  # the other guardian: the youth keeps school from them; the aunt: the plan is not shared


def test_an_account_not_in_use_or_that_chose_silence_is_not_told(
    cast, family, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=family.youth.account_id).update(is_active=False)
    User.objects.filter(pk=family.guardian.account_id).update(notify_by="none")
    _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()


def test_nothing_is_told_when_the_change_is_rolled_back(cast, family, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                meeting_create(
                    actor=cast.holder,
                    youth=family.youth,
                    participants=[],
                    relatives=[family.guardian],
                    title="Møte",
                    starts_at=timezone.now() + datetime.timedelta(days=3),
                )
                raise RuntimeError("the request failed after the meeting was saved")
        except RuntimeError:
            pass
    assert callbacks == [] and not Notification.objects.exists()
    assert not Meeting.objects.exists()


# --- sending -------------------------------------------------------------------------------------


def test_sent_once_by_sms_with_no_name_and_no_content(
    cast, family, _sms_outbox, settings, django_capture_on_commit_callbacks
):
    _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    assert notifications_dispatch() == 2
    assert notifications_dispatch() == 0
    youth_account, guardian_account = family.youth.account, family.guardian.account
    assert sorted(message["to"] for message in _sms_outbox) == sorted(
        [youth_account.phone, guardian_account.phone]
    )
    for message in _sms_outbox:
        link = re.search(r"https?://\S+", message["text"]).group(0)
        assert link == settings.STAFETT_BASE_URL + "/min/"
        assert message["text"].startswith("Det er noe nytt til deg i Stafett.")
        for word in ("Sara", "Hansen", "Amina", "Møte", "skolefravær", "Charlottenlund", "Kari"):
            assert word not in message["text"]
    assert set(Notification.objects.values_list("channel", "attempts")) == {("sms", 1)}
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


def test_by_email_when_chosen_in_the_accounts_language(
    cast, family, _sms_outbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=family.guardian.account_id).update(
        notify_by="email", email="amina@example.no", language="nn"
    )
    User.objects.filter(pk=family.youth.account_id).update(language="en")
    _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    notifications_dispatch()
    (message,) = mail.outbox
    assert message.to == ["amina@example.no"]
    assert message.subject == "Noko nytt i Stafett"
    assert message.body.startswith("Det er noko nytt til deg i Stafett.")
    assert "Amina" not in message.body and "Sara" not in message.body
    assert Notification.objects.get(recipient=family.guardian.account).channel == "email"
    (youths,) = _sms_outbox
    assert youths["text"].startswith("There is something new for you in Stafett.")


def test_an_account_with_only_an_email_address_gets_an_email(
    cast, family, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=family.guardian.account_id).update(phone="", email="amina@example.no")
    _meeting(cast, family.guardian.youth, [family.guardian], django_capture_on_commit_callbacks)
    notifications_dispatch()
    assert [message.to for message in mail.outbox] == [["amina@example.no"]]


def test_never_at_night(cast, family, time_machine, _sms_outbox, django_capture_on_commit_callbacks, day):
    time_machine.move_to(_at(day, 23, 30), tick=False)
    _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    morning = _at(day + datetime.timedelta(days=1), 7)
    assert set(Notification.objects.values_list("send_after", flat=True)) == {morning}
    assert notifications_dispatch() == 0
    time_machine.move_to(_at(day + datetime.timedelta(days=1), 6, 59), tick=False)
    assert notifications_dispatch() == 0
    time_machine.move_to(morning, tick=False)
    assert notifications_dispatch() == 2
    assert len(_sms_outbox) == 2


def test_one_made_before_the_quiet_hours_waits_for_the_morning(
    cast, family, time_machine, _sms_outbox, django_capture_on_commit_callbacks, day
):
    time_machine.move_to(_at(day, 21, 59), tick=False)
    _meeting(cast, family.youth, [], django_capture_on_commit_callbacks)
    time_machine.move_to(_at(day, 22, 1), tick=False)
    assert notifications_dispatch() == 0 and not _sms_outbox


def test_a_failure_is_tried_again_later_and_then_given_up(
    cast, family, settings, time_machine, _sms_outbox, django_capture_on_commit_callbacks, day
):
    _meeting(cast, family.youth, [], django_capture_on_commit_callbacks)
    settings.SMS_BACKEND = "tests.pathways.test_notifications.BrokenGateway"
    assert notifications_dispatch() == 0
    notification = Notification.objects.get()
    assert (notification.attempts, notification.sent_at) == (1, None)
    assert notification.send_after == _at(day, 10, 1)
    assert notifications_dispatch() == 0  # not before the wait
    assert Notification.objects.get().attempts == 1
    settings.SMS_BACKEND = "coordination.accounts.sms.LocmemBackend"
    time_machine.move_to(_at(day, 10, 1), tick=False)
    assert notifications_dispatch() == 1
    assert Notification.objects.get().attempts == 2 and len(_sms_outbox) == 1
    # A notification that keeps failing is left alone after MAX_ATTEMPTS.
    Notification.objects.update(sent_at=None, attempts=MAX_ATTEMPTS)
    assert notifications_dispatch() == 0 and len(_sms_outbox) == 1


def test_not_sent_when_the_youth_stopped_sharing_before_it_went_out(
    cast, family, _sms_outbox, django_capture_on_commit_callbacks
):
    sharing = RelativeSharing.objects.create(relative=family.older_guardian, meetings=True)
    _meeting(cast, family.older, [family.older_guardian], django_capture_on_commit_callbacks)
    sharing.meetings = False
    sharing.save()
    assert notifications_dispatch() == 0
    assert not _sms_outbox
    notification = Notification.objects.get()
    assert notification.channel == "none" and notification.sent_at is not None


def test_not_sent_about_a_closed_case(cast, family, _sms_outbox, django_capture_on_commit_callbacks):
    _meeting(cast, family.youth, [family.guardian], django_capture_on_commit_callbacks)
    case_close(
        actor=cast.holder,
        youth=family.youth,
        reason="goals_reached",
        explanation="Målene er nådd.",
        youth_view="Jeg klarer meg selv nå.",
    )
    assert notifications_dispatch() == 0 and not _sms_outbox


def test_the_celery_task_dispatches_and_beat_runs_it_every_minute(
    cast, family, settings, _sms_outbox, django_capture_on_commit_callbacks
):
    from pathways.tasks import dispatch_notifications

    _meeting(cast, family.youth, [], django_capture_on_commit_callbacks)
    assert dispatch_notifications() == 1 and len(_sms_outbox) == 1
    entry = settings.CELERY_BEAT_SCHEDULE["notifications"]
    assert (entry["task"], entry["schedule"]) == ("pathways.dispatch_notifications", 60)


@pytest.mark.django_db(transaction=True)
def test_a_notification_being_sent_by_another_worker_is_not_sent_twice(cast, _sms_outbox):
    account = _account(AccountKind.YOUTH)
    Youth.objects.filter(pk=cast.youth.pk).update(account=account)
    notification = Notification.objects.create(
        recipient=account, youth=cast.youth, kind=NotificationKind.STEP_NEW
    )
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Notification.objects.select_for_update().get(pk=notification.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    # A daytime moment after the row was made (the real clock may be in the quiet hours).
    later = _at(timezone.localdate() + datetime.timedelta(days=1), 10)
    worker = threading.Thread(target=other_worker)
    worker.start()
    assert locked.wait(10)
    try:
        assert notifications_dispatch(now=later) == 0  # skipped while the other worker holds it
    finally:
        release.set()
        worker.join(10)
    assert not _sms_outbox
    assert notifications_dispatch(now=later) == 1 and len(_sms_outbox) == 1
    assert notifications_dispatch(now=later) == 0 and len(_sms_outbox) == 1
