"""The individual plan's pages and the case summary use a constant number of SQL queries whatever the
size of the plan: each is rendered with 5 and with 50 goals and actions (and one more adopted version
each time); the counts must be equal and match the locked number (update it knowingly)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways.models import PlanVersion
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from tests import factories
from tests.pathways.test_my_stafett import sign_in, youth_account

# page -> locked count: session, user, device, emergency banner, the access check (permissions,
# emergency, youth) and the access-log insert; then the page's own reads.
STAFF_PAGES = {
    # the plan, its goals → actions → evaluations, versions + their answers
    "/ungdommer/{youth}/individuell-plan/": 11,
    # the version + answers, its items, then for the diff the previous version and both versions' items
    "/ungdommer/{youth}/individuell-plan/versjon/{version}/": 11,
    # team, plan (3), individual plan, newest version (+ answers), meetings (+ people, minutes),
    # transitions, log
    "/ungdommer/{youth}/sammendrag/": 15,
}
# session, user, device, banner, the youth's record; the newest version + answers, its items
YOUTH_PAGES = {"/min/individuell-plan/": 7}


def _grow(cast, size: int) -> PlanVersion:
    for number in range(size):
        goal = factories.goal(cast.youth, cast.holder, description=f"Mål nummer {number}")
        factories.action(goal, cast.member if number % 2 else cast.holder, description=f"Tiltak {number}")
        factories.log_entry(cast.youth, cast.member)
    plan = getattr(cast.youth, "individual_plan", None) or individual_plan_start(
        actor=cast.holder, youth=cast.youth
    )
    return plan_version_adopt(actor=cast.holder, plan=plan)


def _counts(cast, client, page: str) -> list[int]:
    counts = []
    _grow(cast, 1)  # every measured version has one before it (the diff reads both)
    for size in (5, 45):
        version = _grow(cast, size)
        url = page.format(youth=cast.youth.pk, version=version.pk)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return counts


@pytest.mark.parametrize("page", list(STAFF_PAGES))
def test_staff_page_query_count_is_constant(cast, client, login, page):
    login(cast.member)
    assert _counts(cast, client, page) == [STAFF_PAGES[page]] * 2


@pytest.mark.parametrize("page", list(YOUTH_PAGES))
def test_youth_page_query_count_is_constant(cast, client, page):
    sign_in(client, youth_account(cast.youth))
    assert _counts(cast, client, page) == [YOUTH_PAGES[page]] * 2
