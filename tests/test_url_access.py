"""Every URL has an access rule, and nobody outside a youth's team reaches any of the youth's pages.

The URLconf is enumerated, so a new URL without a rule, or a youth URL a stranger can open, fails here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pathways.models import Evaluation, Meeting, Transition
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from tests import factories

YOUTH_RULES = ("youth_team_member", "youth_team_member_emergency", "team_lead_youth")
KNOWN_RULES = {
    "youth_team_member",
    "youth_team_member_emergency",
    "team_lead_youth",
    "own_data",
    "public",
    "citizen_own",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django admin: staff-only by its own AdminSite checks (tested separately)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def all_patterns():
    return list(_walk(get_resolver().url_patterns))


def _rule(callback):
    return getattr(callback, "access_rule", None) or getattr(
        getattr(callback, "view_class", None), "access_rule", None
    )


def test_every_url_declares_an_access_rule():
    unguarded = [route for route, pattern in all_patterns() if _rule(pattern.callback) not in KNOWN_RULES]
    assert unguarded == []


def test_every_url_with_a_youth_in_it_is_guarded_by_team_membership():
    wrong = [
        route
        for route, pattern in all_patterns()
        if "youth_id" in route
        and _rule(pattern.callback)
        not in ("youth_team_member", "youth_team_member_emergency", "team_lead_youth")
    ]
    assert wrong == []


def youth_urls_by_name(cast) -> dict[str, str]:
    """url name -> concrete URL for every youth route, with ids of real objects of the youth
    (created as the stafettholder; the open handover is addressed to the member)."""
    goal = factories.goal(cast.youth, cast.holder)
    action = factories.action(goal, cast.holder)
    entry = factories.log_entry(cast.youth, cast.holder)
    ids = {
        "youth_id": cast.youth.pk,
        "goal_id": goal.pk,
        "action_id": action.pk,
        "entry_id": entry.pk,
        "membership_id": cast.youth.team_memberships.get(user=cast.member).pk,
        "handover_id": _handover(cast).pk,
        "meeting_id": _meeting(cast).pk,
        "transition_id": _transition(cast).pk,
        "consent_id": cast.youth.consents.get().pk,
        "version_id": _plan_version(cast).pk,
    }
    urls = {
        pattern.name: "/" + re.sub(r"<(?:int|id):(\w+)>", lambda m: str(ids[m.group(1)]), route)
        for route, pattern in all_patterns()
        if "youth_id" in route
    }
    assert len(urls) >= 25
    return urls


def _youth_urls(cast) -> list[str]:
    return list(youth_urls_by_name(cast).values())


def _plan_version(cast):
    """Version 1 of the youth's individual plan, adopted by the stafettholder (the coordinator)."""
    plan = individual_plan_start(actor=cast.holder, youth=cast.youth)
    return plan_version_adopt(actor=cast.holder, plan=plan)


def _handover(cast):
    from coordination.models import Handover

    return Handover.objects.create(youth=cast.youth, from_user=cast.holder, to_user=cast.member)


def _meeting(cast):
    from django.utils import timezone

    return Meeting.objects.create(
        youth=cast.youth,
        title="Ansvarsgruppe",
        starts_at=timezone.now(),
        location="Skolen",
        created_by=cast.holder,
        agency=cast.holder.agency,
    )


def _transition(cast):
    from django.utils import timezone

    return Transition.objects.create(
        youth=cast.youth,
        kind="turning_18",
        responsible=cast.holder,
        planned_date=timezone.localdate(),
        created_by=cast.holder,
        agency=cast.holder.agency,
    )


@pytest.mark.parametrize("who", ["outsider", "team_lead", "admin"])
def test_people_outside_the_team_get_404_on_every_youth_url(cast, client, who, login):
    login(getattr(cast, who))
    urls = youth_urls_by_name(cast)
    if who == "team_lead":
        # The lead of the stafettholder's agency may give the baton to someone else (a page of facts).
        urls.pop("baton_reassign")
    before = _snapshot()
    for url in urls.values():
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 404, (who, method, url, response.status_code)
    assert _snapshot() == before


def test_anonymous_visitors_are_sent_to_login_on_every_youth_url(cast, client):
    for url in _youth_urls(cast):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/logg-inn/"), url
        response = client.post(url)
        assert response.status_code in (302, 403), url


def test_a_member_who_left_the_team_loses_access(cast, client, login):
    from coordination.services.team import team_member_end

    membership = cast.youth.team_memberships.get(user=cast.member)
    team_member_end(actor=cast.holder, youth=cast.youth, membership=membership)
    login(cast.member)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404
    assert cast.youth.full_name not in client.get("/ungdommer/").content.decode()


def test_ids_of_another_youths_objects_are_404_inside_my_youth(cast, client, login):
    """Objects are looked up within the youth in the URL, so mixing ids leaks nothing."""
    other = factories.youth(holder=cast.outsider)
    goal = factories.goal(other, cast.outsider)
    action = factories.action(goal, cast.outsider)
    entry = factories.log_entry(other, cast.outsider)
    login(cast.holder)
    base = f"/ungdommer/{cast.youth.pk}"
    for url in (
        f"{base}/plan/mal/{goal.pk}/endre/",
        f"{base}/plan/tiltak/{action.pk}/endre/",
        f"{base}/plan/tiltak/{action.pk}/evaluer/",
        f"{base}/logg/{entry.pk}/korriger/",
    ):
        assert client.get(url).status_code == 404, url
    assert not Evaluation.objects.exists()


def test_the_list_shows_only_my_teams(cast, client, login):
    other = factories.youth(holder=cast.outsider, first_name="Hemmelig", last_name="Person")
    login(cast.member)
    html = client.get("/ungdommer/").content.decode()
    assert cast.youth.last_name in html
    assert other.last_name not in html


def _snapshot():
    from coordination.models import CaseDecision, Handover, Relative, TeamMembership
    from pathways.models import Action, Goal, LogEntry

    models = (CaseDecision, Handover, Relative, TeamMembership, Action, Goal, LogEntry, Meeting, Transition)
    return [model.objects.count() for model in models]


def test_admin_requires_staff(cast, client, login):
    login(cast.holder)
    assert client.get("/admin/").status_code == 302
    login(cast.admin)
    assert client.get("/admin/").status_code == 200


def test_huge_and_malformed_ids_are_404_not_500(cast, client, login):
    login(cast.holder)
    for url in (
        "/ungdommer/99999999999999999999999999/",
        # The longest id the URLs take: the access check's prepared query sends it as it is.
        "/ungdommer/999999999999999999/",
        f"/ungdommer/{cast.youth.pk}/plan/tiltak/999999999999999999/endre/",
        f"/ungdommer/{cast.youth.pk}/plan/tiltak/99999999999999999999999/endre/",
        "/ungdommer/-1/",
        "/ungdommer/abc/",
        "/ungdommer/?page=99999999999999999999&level=x&order=%00&q=%00",
    ):
        assert client.get(url).status_code in (200, 404), url
