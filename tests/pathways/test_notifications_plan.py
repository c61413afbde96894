"""A new version of the individual plan is told to the youth and to the relatives the age rules and the
youth's choices let see it: by SMS or e-mail as they chose, never at night, never with the plan's
content, only that there is a new version and the link to it."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.models import RelativeSharing, User
from pathways.models import Notification, NotificationKind
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from pathways.services.notifications import notifications_dispatch
from pathways.services.plan import action_create
from tests import factories
from tests.pathways.test_my_stafett import sign_in
from tests.pathways.test_notifications import _account, _at, _relative

PLAN = NotificationKind.PLAN_VERSION_NEW
YOUTH_TEXT = "Det er en ny versjon av planen din i Stafett. Logg inn og les planen: {link}"
RELATIVE_TEXT = "Det er en ny versjon av en plan du kan se i Stafett. Logg inn og les planen: {link}"
# What the plan and the case say; none of it may be in a message.
CONTENT_WORDS = ("Sara", "Ung", "Kari", "Nordmann", "skolen", "sove", "kontaktlærer", "BUP", "Mor")


@pytest.fixture
def day(time_machine) -> datetime.date:
    """A working morning in Oslo, tomorrow, frozen."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    time_machine.move_to(_at(tomorrow, 10), tick=False)
    return tomorrow


def _aged(youth, years: int, day: datetime.date) -> None:
    youth.birth_date = day.replace(year=day.year - years) - datetime.timedelta(days=30)
    youth.save(update_fields=["birth_date"])


@pytest.fixture
def plan(cast, day):
    """Sara (14) with her own account and an individual plan with a school goal and a sleep goal."""
    _aged(cast.youth, 14, day)
    cast.youth.account = _account("youth")
    cast.youth.save(update_fields=["account"])
    school = factories.goal(
        cast.youth, cast.holder, description="Jeg vil gå på skolen hver dag", category="school"
    )
    factories.action(school, cast.member, description="Samtale med kontaktlærer", category="school")
    sleep = factories.goal(
        cast.youth, cast.holder, description="Jeg vil sove bedre", category="mental_health"
    )
    factories.action(sleep, cast.holder, description="Timer hos BUP", category="mental_health")
    return individual_plan_start(actor=cast.holder, youth=cast.youth)


def _adopt(cast, plan, capture):
    with capture(execute=True):
        return plan_version_adopt(actor=cast.holder, plan=plan)


def _told() -> set[tuple[int, str]]:
    return set(Notification.objects.values_list("recipient_id", "kind"))


def _link(settings) -> str:
    return settings.STAFETT_BASE_URL + "/min/individuell-plan/"


def test_the_youth_and_the_relatives_who_may_see_the_plan_are_told(
    cast, plan, django_capture_on_commit_callbacks
):
    mother = _relative(cast.youth, "Mona Ung", guardian=True)
    RelativeSharing.objects.create(relative=mother, kept_back=["mental_health"])  # school she sees
    father = _relative(cast.youth, "Per Ung", guardian=True)
    RelativeSharing.objects.create(relative=father, kept_back=["school", "mental_health"])
    _relative(cast.youth, "Tone Tante", guardian=False)  # the youth shares nothing with her
    uncle = _relative(cast.youth, "Ali Onkel", guardian=False)
    RelativeSharing.objects.create(relative=uncle, plan=True)  # the plan, without health
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    assert _told() == {
        (cast.youth.account_id, PLAN),
        (mother.account_id, PLAN),
        (uncle.account_id, PLAN),
    }  # not the father, who may see none of what the version holds; not the aunt


def test_a_guardian_of_a_17_year_old_is_told_only_when_the_youth_shares_the_plan(
    cast, plan, day, django_capture_on_commit_callbacks
):
    _aged(cast.youth, 17, day)
    mother = _relative(cast.youth, "Mona Ung", guardian=True)
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    assert _told() == {(cast.youth.account_id, PLAN)}
    RelativeSharing.objects.create(relative=mother, plan=True)  # school is not a health category
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    assert (mother.account_id, PLAN) in _told()


def test_the_message_says_there_is_a_new_version_and_links_to_it_and_nothing_more(
    cast, plan, settings, _sms_outbox, django_capture_on_commit_callbacks
):
    mother = _relative(cast.youth, "Mona Ung", guardian=True)
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    assert notifications_dispatch() == 2
    by_number = {message["to"]: message["text"] for message in _sms_outbox}
    assert by_number == {
        cast.youth.account.phone: YOUTH_TEXT.format(link=_link(settings)),
        mother.account.phone: RELATIVE_TEXT.format(link=_link(settings)),
    }
    for text in by_number.values():
        assert not [word for word in CONTENT_WORDS if word in text]
    assert notifications_dispatch() == 0 and len(_sms_outbox) == 2  # once


def test_by_email_in_nynorsk_when_the_guardian_chose_it(
    cast, plan, settings, _sms_outbox, django_capture_on_commit_callbacks
):
    mother = _relative(cast.youth, "Mona Ung", guardian=True, notify_by="email", email="mona@example.no")
    User.objects.filter(pk=mother.account_id).update(language="nn")
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    notifications_dispatch()
    (message,) = mail.outbox
    assert message.to == ["mona@example.no"]
    assert message.subject == "Ein ny versjon av ein plan i Stafett"
    assert message.body == (
        f"Det er ein ny versjon av ein plan du kan sjå i Stafett. Logg inn og les planen: {_link(settings)}"
    )


def test_adopted_on_the_staff_page_the_youth_gets_the_link_and_it_opens_the_new_version(
    cast, plan, client, login, settings, _sms_outbox, django_capture_on_commit_callbacks
):
    login(cast.holder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/ungdommer/{cast.youth.pk}/individuell-plan/vedta/")
    assert response.status_code == 302
    notifications_dispatch()
    (message,) = _sms_outbox
    assert message["to"] == cast.youth.account.phone
    link = re.search(r"https?://\S+", message["text"]).group(0)
    assert link == _link(settings)
    client.logout()
    sign_in(client, cast.youth.account)
    page = client.get(link.removeprefix(settings.STAFETT_BASE_URL)).content.decode()
    assert "Versjon 1, fra" in page and "Jeg vil gå på skolen hver dag" in page


def test_never_at_night(cast, plan, day, time_machine, _sms_outbox, django_capture_on_commit_callbacks):
    time_machine.move_to(_at(day, 23, 30), tick=False)
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    morning = _at(day + datetime.timedelta(days=1), 7)
    assert set(Notification.objects.values_list("send_after", flat=True)) == {morning}
    assert notifications_dispatch() == 0 and not _sms_outbox
    time_machine.move_to(morning, tick=False)
    assert notifications_dispatch() == 1 and len(_sms_outbox) == 1


def test_a_waiting_something_new_does_not_swallow_the_new_version_nor_two_versions_make_two(
    cast, plan, settings, _sms_outbox, django_capture_on_commit_callbacks
):
    goal = plan.youth.goals.first()
    with django_capture_on_commit_callbacks(execute=True):
        action_create(
            actor=cast.holder,
            goal=goal,
            description="Leksehjelp",
            responsible=cast.holder,
            evaluator=cast.holder,
            start_date=timezone.localdate(),
            evaluation_date=timezone.localdate() + datetime.timedelta(days=30),
            category="school",
        )
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    _adopt(cast, plan, django_capture_on_commit_callbacks)
    assert notifications_dispatch() == 2
    texts = sorted(message["text"] for message in _sms_outbox)
    assert texts == sorted(
        [
            YOUTH_TEXT.format(link=_link(settings)),
            f"Det er noe nytt til deg i Stafett. Logg inn for å se det: {settings.STAFETT_BASE_URL}/min/",
        ]
    )


def test_nobody_is_told_when_the_adoption_is_refused(cast, day, django_capture_on_commit_callbacks):
    _aged(cast.youth, 14, day)
    cast.youth.account = _account("youth")
    cast.youth.save(update_fields=["account"])
    empty = individual_plan_start(actor=cast.holder, youth=cast.youth)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(BusinessRuleError):
        plan_version_adopt(actor=cast.holder, plan=empty)  # no goals yet
    assert not Notification.objects.exists()
