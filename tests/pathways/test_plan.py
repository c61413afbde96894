"""Plan editing: validation in Norwegian, and a second concurrent edit is detected, not overwritten."""

import datetime

import pytest
from django.utils import timezone

from coordination.errors import ConcurrentEditError
from pathways.models import Action, Evaluation, Goal
from pathways.services.plan import goal_update
from tests import factories


@pytest.fixture
def goal(cast):
    return factories.goal(cast.youth, cast.holder, description="Jeg vil ha et sted å bo")


def _goal_form(goal, **overrides):
    return {
        "kind": goal.kind,
        "description": goal.description,
        "status": "active",
        "category": "general",
        "version": goal.version,
        **overrides,
    }


def test_second_concurrent_goal_edit_is_refused_and_reported(cast, client, goal, login):
    """The stafettholder has the goal open in two tabs (or on two devices) and saves both."""
    url = f"/ungdommer/{cast.youth.pk}/plan/mal/{goal.pk}/endre/"
    stale_version = goal.version
    login(cast.holder)
    first = client.post(url, _goal_form(goal, description="Jeg vil ha egen leilighet"))
    assert first.status_code == 302
    second = client.post(url, _goal_form(goal, description="Jeg vil bo hos mamma", version=stale_version))
    assert second.status_code == 200
    assert "endret" in second.content.decode()  # "someone else changed this", in bokmål
    assert Goal.objects.get(pk=goal.pk).description == "Jeg vil ha egen leilighet"


def test_team_member_cannot_change_goals_but_changes_own_action(cast, client, goal, login):
    login(cast.member)
    url = f"/ungdommer/{cast.youth.pk}/plan/mal/{goal.pk}/endre/"
    assert client.post(url, _goal_form(goal, description="Noe annet")).status_code == 403
    assert Goal.objects.get(pk=goal.pk).description == "Jeg vil ha et sted å bo"
    own = factories.action(goal, cast.member, category="school")
    other = factories.action(goal, cast.holder, category="school")
    data = _action_form(cast, description="Endret av kontaktlærer", version=1)
    assert client.post(f"/ungdommer/{cast.youth.pk}/plan/tiltak/{own.pk}/endre/", data).status_code == 302
    assert client.post(f"/ungdommer/{cast.youth.pk}/plan/tiltak/{other.pk}/endre/", data).status_code == 403


def test_service_refuses_stale_version(cast, goal):
    goal_update(actor=cast.holder, goal=goal, expected_version=1, description="Ny tekst")
    with pytest.raises(ConcurrentEditError):
        goal_update(actor=cast.member, goal=goal, expected_version=1, description="Annen tekst")


def _action_form(cast, **overrides):
    today = timezone.localdate()
    data = {
        "description": "Samtale hver uke",
        "responsible": cast.member.pk,
        "evaluator": cast.holder.pk,
        "start_date": today.isoformat(),
        "evaluation_date": (today + datetime.timedelta(days=30)).isoformat(),
        "status": "planned",
        "category": "school",
    }
    return {**data, **overrides}


def test_create_action_and_concurrent_edit(cast, client, goal, login):
    login(cast.holder)
    response = client.post(f"/ungdommer/{cast.youth.pk}/plan/mal/{goal.pk}/tiltak/ny/", _action_form(cast))
    assert response.status_code == 302
    action = Action.objects.get(goal=goal)
    assert action.responsible_agency == cast.member.agency
    url = f"/ungdommer/{cast.youth.pk}/plan/tiltak/{action.pk}/endre/"
    assert client.post(url, _action_form(cast, description="Annenhver uke", version=1)).status_code == 302
    response = client.post(url, _action_form(cast, description="Hver dag", version=1))
    assert response.status_code == 200
    assert Action.objects.get(pk=action.pk).description == "Annenhver uke"


def test_evaluation_date_before_start_gets_a_clear_message(cast, client, goal, login):
    login(cast.holder)
    today = timezone.localdate()
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/plan/mal/{goal.pk}/tiltak/ny/",
        _action_form(cast, evaluation_date=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()
    assert not Action.objects.exists()


def test_responsible_must_be_on_the_team(cast, client, goal, login):
    login(cast.holder)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/plan/mal/{goal.pk}/tiltak/ny/",
        _action_form(cast, responsible=cast.outsider.pk),
    )
    assert response.status_code == 200
    assert not Action.objects.exists()


def test_evaluation_records_youth_view_and_moves_the_date(cast, client, goal, login):
    action = factories.action(goal, cast.holder)
    next_date = timezone.localdate() + datetime.timedelta(days=60)
    login(cast.holder)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/plan/tiltak/{action.pk}/evaluer/",
        {
            "outcome": "partly",
            "assessment": "Møter oftere",
            "youth_view": "Det hjelper litt",
            "next_step": "continue",
            "next_evaluation_date": next_date.isoformat(),
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.evaluation_date, action.status) == (next_date, "ongoing")
    assert Evaluation.objects.get(action=action).youth_view == "Det hjelper litt"


def test_evaluation_without_youth_view_is_refused(cast, client, goal, login):
    action = factories.action(goal, cast.holder)
    login(cast.holder)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/plan/tiltak/{action.pk}/evaluer/",
        {"outcome": "partly", "assessment": "x", "youth_view": "", "next_step": "complete"},
    )
    assert response.status_code == 200
    assert not Evaluation.objects.exists()
