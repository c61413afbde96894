"""A case closes only by an explicit, reasoned decision; missed appointments never close anything."""

import datetime

import pytest
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.models import CaseDecision, Youth
from coordination.services.youths import case_close, case_reopen
from pathways.services.log import log_entry_append


def _status(youth) -> str:
    return Youth.objects.get(pk=youth.pk).status


def test_close_needs_explanation_and_youth_view(cast):
    with pytest.raises(BusinessRuleError):
        case_close(
            actor=cast.holder, youth=cast.youth, reason="goals_reached", explanation="Ferdig", youth_view=""
        )
    assert _status(cast.youth) == "active"


def test_close_and_reopen_are_recorded_decisions(cast):
    case_close(
        actor=cast.holder,
        youth=cast.youth,
        reason="goals_reached",
        explanation="Målene er nådd",
        youth_view="Jeg klarer meg selv nå",
    )
    assert _status(cast.youth) == "closed"
    case_reopen(actor=cast.holder, youth=cast.youth, explanation="Ny bekymring fra skolen")
    assert _status(cast.youth) == "active"
    assert list(CaseDecision.objects.filter(youth=cast.youth).values_list("kind", flat=True)) == [
        "reopen",
        "close",
    ]


def test_many_missed_appointments_change_nothing(cast):
    before = Youth.objects.get(pk=cast.youth.pk)
    for days in range(1, 11):
        log_entry_append(
            actor=cast.holder,
            youth=cast.youth,
            kind="missed",
            text="Møtte ikke til avtalt time",
            occurred_at=timezone.now() - datetime.timedelta(days=days),
        )
    after = Youth.objects.get(pk=cast.youth.pk)
    assert (after.status, after.bti_level, after.stafettholder_id) == (
        before.status,
        before.bti_level,
        before.stafettholder_id,
    )


def test_close_page_requires_reason_in_norwegian(cast, client, login):
    login(cast.holder)
    response = client.post(f"/ungdommer/{cast.youth.pk}/avslutt/", {"reason": "goals_reached"})
    assert response.status_code == 200
    assert "Feltet er påkrevet." in response.content.decode()
    assert _status(cast.youth) == "active"


def test_team_member_who_is_not_holder_cannot_close(cast, client, login):
    login(cast.member)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/avslutt/",
        {"reason": "goals_reached", "explanation": "x", "youth_view": "y"},
    )
    assert response.status_code == 403
    assert _status(cast.youth) == "active"
