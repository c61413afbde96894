"""The youth's pages use a constant number of SQL queries whatever the size of the case: each is
rendered with 5 and with 50 goals, actions with evaluations and the youth's views, log entries and
lysglimt, meetings, transitions, consents, relatives, access-log rows and messages; the counts must be
equal and match the locked number (update it knowingly)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import AccessLogEntry, Relative, RelativeSharing
from pathways.models import Evaluation, LogEntry, Lysglimt, Meeting, Transition
from tests import factories
from tests.pathways.test_my_stafett import relative_account, sign_in, youth_account

# page -> locked count: session, user (read with whether an emergency access is active), the verified
# device, the youth's record; then
# the page's own reads.
YOUTH_PAGES = {
    # the stafettholder, lysglimt, goals, steps, evaluations + my views, meetings (+ participants,
    # relatives), team, transitions
    "/min/": 14,
    "/min/logg/": 6,  # count + page
    "/min/samtykker/": 8,  # consents + grants + events, relatives with their sharing
    "/min/innsyn/": 6,  # count + page
    "/min/skriv/": 6,  # count + page
}
# No youth record: the relative, their sharing, the youths they are a relative of; no log.
GUARDIAN_PAGES = {"/min/": 14}


def _grow(cast, youth_user, size: int) -> None:
    now = timezone.now()
    goal = factories.goal(cast.youth, cast.holder)
    for number in range(size):
        factories.goal(cast.youth, cast.member, description=f"Mål {number}", category="mental_health")
        action = factories.action(goal, cast.member if number % 2 else cast.holder)
        evaluation = Evaluation.objects.create(
            action=action,
            outcome="partly",
            assessment="Går bedre",
            youth_view="Greit",
            next_step="continue",
            evaluated_by=cast.holder,
            agency=cast.holder.agency,
        )
        LogEntry.objects.create(
            youth=cast.youth,
            kind="youth_view",
            text=f"Mitt syn {number}",
            occurred_at=now,
            author=youth_user,
            evaluation=evaluation,
        )
        entry = factories.log_entry(
            cast.youth, cast.member, occurred_at=now - datetime.timedelta(hours=number + 1)
        )
        Lysglimt.objects.create(entry=entry, marked_by=cast.holder)
        LogEntry.objects.create(
            youth=cast.youth, kind="youth_msg", text=f"Melding {number}", occurred_at=now, author=youth_user
        )
        meeting = Meeting.objects.create(
            youth=cast.youth,
            title=f"Møte {number}",
            starts_at=now + datetime.timedelta(days=number + 1),
            location="Skolen",
            created_by=cast.holder,
            agency=cast.holder.agency,
        )
        relative = Relative.objects.create(
            youth=cast.youth, name=f"Slekt {number}", relation="Tante", agency=cast.holder.agency
        )
        RelativeSharing.objects.create(relative=relative, meetings=True)
        meeting.participants.set([cast.holder, cast.member])
        meeting.relatives.set([relative])
        Transition.objects.create(
            youth=cast.youth,
            kind="moving",
            responsible=cast.holder,
            planned_date=timezone.localdate() + datetime.timedelta(days=number),
            created_by=cast.holder,
            agency=cast.holder.agency,
        )
        factories.consent(
            cast.youth, cast.holder, {(cast.member.agency_id, "health")}, purpose=f"Nr {number}"
        )
        AccessLogEntry.objects.create(
            user=cast.member,
            agency=cast.member.agency,
            role="member",
            youth=cast.youth,
            action="view",
            what="log",
        )
        staff = factories.staff(agency=cast.member.agency)
        factories.add_member(cast.youth, staff, role=f"Rolle {number}")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _assert_constant(cast, client, viewer, youth_user, page, expected):
    counts = []
    for size in (5, 45):  # 5, then 5 + 45 = 50
        _grow(cast, youth_user, size)
        sign_in(client, viewer)
        counts.append(_count(client, page))
    assert counts == [expected, expected], page


@pytest.mark.parametrize("page", list(YOUTH_PAGES))
def test_youth_page_query_count_is_constant(cast, client, page):
    youth_user = youth_account(cast.youth)
    _assert_constant(cast, client, youth_user, youth_user, page, YOUTH_PAGES[page])


@pytest.mark.parametrize("page", list(GUARDIAN_PAGES))
def test_guardian_page_query_count_is_constant(cast, client, page):
    youth_user = youth_account(cast.youth)
    guardian = relative_account(cast.youth, cast.holder)
    RelativeSharing.objects.create(relative=guardian, plan=True, meetings=True, transitions=True)
    _assert_constant(cast, client, guardian.account, youth_user, page, GUARDIAN_PAGES[page])
