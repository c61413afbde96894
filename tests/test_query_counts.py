"""Pages use a constant number of SQL queries whatever the size of the case.

Each page is rendered for a youth with 5 and with 50 goals' worth of actions, log entries, meetings and
transitions; the counts must be equal and match the locked number (update it knowingly).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pathways.models import Evaluation, Meeting, Transition
from tests import factories

# page -> locked query count (session + user + the page's own reads)
PAGES = {
    "/ungdommer/": 5,
    "/ungdommer/{youth}/": 13,
    "/ungdommer/{youth}/plan/": 7,
    "/ungdommer/{youth}/logg/": 8,  # +1: team members to choose who reaches out after a missed appointment
    "/ungdommer/{youth}/team/": 9,
    "/ungdommer/{youth}/moter/": 7,
    "/ungdommer/{youth}/overganger/": 5,
    "/ungdommer/{youth}/niva/": 5,
    "/ungdommer/{youth}/plan/tiltak/{action}/endre/": 7,
    "/stafetter/": 4,
}


def _grow(cast, size: int):
    """Adds `size` actions (with evaluations), log entries, meetings and transitions, and youths."""
    now = timezone.now()
    goal = factories.goal(cast.youth, cast.holder)
    actions = []
    for number in range(size):
        action = factories.action(goal, cast.member if number % 2 else cast.holder)
        Evaluation.objects.create(
            action=action,
            outcome="partly",
            assessment="Går bedre",
            youth_view="Greit",
            next_step="continue",
            evaluated_by=cast.holder,
            agency=cast.holder.agency,
        )
        actions.append(action)
        factories.log_entry(cast.youth, cast.member, occurred_at=now - datetime.timedelta(hours=number + 1))
        meeting = Meeting.objects.create(
            youth=cast.youth,
            title=f"Møte {number}",
            starts_at=now + datetime.timedelta(days=number + 1),
            location="Skolen",
            created_by=cast.holder,
        )
        meeting.participants.set([cast.holder, cast.member])
        Transition.objects.create(
            youth=cast.youth,
            kind="moving",
            responsible=cast.holder,
            planned_date=timezone.localdate() + datetime.timedelta(days=number),
            created_by=cast.holder,
        )
        other = factories.youth(holder=cast.holder, last_name=f"Ekstra{number}")
        factories.add_member(other, cast.member)
    return actions[0]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", list(PAGES))
def test_page_query_count_is_constant(cast, client, page):
    client.force_login(cast.member)
    counts = []
    for size in (5, 45):  # 5, then 5 + 45 = 50
        action = _grow(cast, size)
        url = page.format(youth=cast.youth.pk, action=action.pk)
        counts.append(_count(client, url))
    assert counts == [PAGES[page], PAGES[page]], page
