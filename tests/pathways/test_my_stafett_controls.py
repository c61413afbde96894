"""No youth or relative page shows a control that answers 403 or a link that leads nowhere: the walk of
tests/test_no_forbidden_controls.py over the /min/ pages, as the youth (active and closed case) and as
a guardian, with every form submitted in a transaction that is rolled back."""

import pytest

from coordination.models import RelativeSharing
from coordination.services.youths import case_close
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from tests.pathways.test_my_stafett import build_case, relative_account, sign_in, youth_account
from tests.test_no_forbidden_controls import Walk

MY_PAGES = ["/min/", "/min/individuell-plan/", "/min/samtykker/", "/min/innsyn/", "/min/skriv/"]
WALKS = [("youth", "active", 5), ("youth", "closed", 5), ("guardian", "active", 2)]


@pytest.mark.parametrize(("who", "case_state", "min_pages"), WALKS)
def test_no_my_page_shows_a_control_that_answers_403(cast, client, who, case_state, min_pages):
    build_case(cast)
    plan_version_adopt(actor=cast.holder, plan=individual_plan_start(actor=cast.holder, youth=cast.youth))
    youth_user = youth_account(cast.youth)
    relative_account(cast.youth, cast.holder, guardian=False, name="Ali Venn")  # a sharing form
    guardian = relative_account(cast.youth, cast.holder)
    RelativeSharing.objects.create(relative=guardian, plan=True, meetings=True, transitions=True)
    if case_state == "closed":
        case_close(
            actor=cast.holder,
            youth=cast.youth,
            reason="goals_reached",
            explanation="Målene er nådd.",
            youth_view="Jeg klarer meg selv nå.",
        )
    sign_in(client, youth_user if who == "youth" else guardian.account)
    walk = Walk(client)
    for url in MY_PAGES:
        walk.page(url)
    assert len(walk.pages) >= min_pages, walk.pages
    assert walk.submitted or who == "guardian"
    assert walk.problems == []
