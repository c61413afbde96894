"""The BTI level: a description of the need for cooperation, changed with a reason, logged, and never a
gate: changing it closes, ends or downgrades nothing."""

import html

import pytest
from django.db.models import Model

from coordination.errors import BusinessRuleError
from coordination.models import CaseDecision, TeamMembership, Youth
from coordination.services.youths import case_close
from pathways.models import Action, Goal, LevelChange, LogEntry, LogEntryKind, Meeting, Transition
from pathways.services.levels import level_change
from tests import factories
from tests.test_url_access import _meeting, _transition


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _level_url(cast) -> str:
    return f"/ungdommer/{cast.youth.pk}/niva/"


def _refusal(**kwargs) -> str:
    with pytest.raises(BusinessRuleError) as refused:
        level_change(**kwargs)
    return " ".join(refused.value.messages)


def test_a_level_change_is_logged_with_its_reason(cast, client, login):
    login(cast.member)
    reason = "Barnevern og skole samarbeider nå om skolefraværet."
    response = client.post(_level_url(cast), {"to_level": 2, "reason": reason}, follow=True)
    assert "BTI-nivået er endret." in _text(response)
    assert Youth.objects.get(pk=cast.youth.pk).bti_level == 2
    change = LevelChange.objects.get()
    assert (change.from_level, change.to_level, change.reason, change.changed_by) == (
        0,
        2,
        reason,
        cast.member,
    )
    entry = LogEntry.objects.get(kind=LogEntryKind.LEVEL_CHANGE)
    assert entry.text == f"BTI-nivå endret fra 0 til 2: {reason}"
    assert entry.author == cast.member
    assert "BTI-nivå 2" in _text(client.get(f"/ungdommer/{cast.youth.pk}/"))


def test_the_same_level_is_refused(cast, client, login):
    login(cast.holder)
    response = client.post(_level_url(cast), {"to_level": 0, "reason": "Ingen endring egentlig."})
    assert response.status_code == 200
    assert "Ungdommen er allerede på dette nivået." in _text(response)
    assert not LevelChange.objects.exists()
    assert not LogEntry.objects.filter(kind=LogEntryKind.LEVEL_CHANGE).exists()


def test_a_level_change_needs_a_reason(cast, client, login):
    login(cast.holder)
    response = client.post(_level_url(cast), {"to_level": 1, "reason": "   "})
    assert "Feltet er påkrevet." in _text(response)
    assert _refusal(actor=cast.holder, youth=cast.youth, to_level=1, reason="  ") == (
        "Skriv hvorfor du endrer nivået."
    )
    assert not LevelChange.objects.exists()


def test_a_closed_case_refuses_a_level_change(cast, client, login):
    case_close(
        actor=cast.holder,
        youth=cast.youth,
        reason="goals_reached",
        explanation="Målene er nådd.",
        youth_view="Jeg har det bra nå.",
    )
    login(cast.holder)
    assert client.get(_level_url(cast)).status_code == 403
    assert client.post(_level_url(cast), {"to_level": 1, "reason": "Ny bekymring."}).status_code == 403
    assert "Endre BTI-nivå" not in _text(client.get(f"/ungdommer/{cast.youth.pk}/"))
    assert _refusal(actor=cast.holder, youth=cast.youth, to_level=1, reason="Ny bekymring.") == (
        "Saken er avsluttet. Gjenåpne saken for å endre nivået."
    )
    assert not LevelChange.objects.exists()


def test_the_level_page_shows_the_history(cast, client, login):
    level_change(actor=cast.holder, youth=cast.youth, to_level=2, reason="Flere tjenester er inne.")
    level_change(actor=cast.member, youth=cast.youth, to_level=1, reason="Skolen følger opp alene.")
    login(cast.holder)
    page = _text(client.get(_level_url(cast)))
    assert "Tidligere endringer" in page
    assert "0 → 2 – Flere tjenester er inne." in page
    assert "2 → 1 – Skolen følger opp alene." in page
    assert "Nivået beskriver behovet for samarbeid. Det er aldri et vilkår for å få hjelp." in page


def test_the_level_page_says_when_there_is_no_history(cast, client, login):
    login(cast.holder)
    assert "Ingen endringer ennå." in _text(client.get(_level_url(cast)))


def _rows(model: type[Model], *fields: str) -> list[tuple]:
    return list(model.objects.order_by("pk").values_list("pk", *fields))


def _case_state(cast) -> list:
    return [
        _rows(Youth, "status", "stafettholder_id", "follow_up_days"),
        _rows(TeamMembership, "user_id", "ended_on"),
        _rows(Goal, "status"),
        _rows(Action, "status", "responsible_id", "evaluation_date"),
        _rows(Transition, "status", "planned_date"),
        _rows(Meeting, "starts_at"),
        CaseDecision.objects.count(),
    ]


def test_changing_the_level_never_closes_ends_or_downgrades_anything(cast):
    goal = factories.goal(cast.youth, cast.holder)
    factories.action(goal, cast.member)
    _meeting(cast)
    _transition(cast)
    before = _case_state(cast)
    for level in (3, 0, 2, 0):
        level_change(
            actor=cast.holder, youth=cast.youth, to_level=level, reason=f"Behovet er nå nivå {level}."
        )
    assert _case_state(cast) == before
    assert Youth.objects.get(pk=cast.youth.pk).is_active
    assert LevelChange.objects.count() == 4
