"""Transitions (overganger) planned ahead: a kind, a date and a responsible person on the team, edited
without overwriting a colleague's change, and every step in the log."""

import datetime
import html

import pytest
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.services.team import team_member_end
from coordination.services.youths import case_close
from pathways.models import LogEntry, LogEntryKind, Transition
from pathways.services.transitions import transition_create, transition_update


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _url(cast, suffix: str = "") -> str:
    return f"/ungdommer/{cast.youth.pk}/overganger/{suffix}"


def _in_a_month() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=30)


def _form(responsible, **overrides) -> dict:
    return {
        "kind": "turning_18",
        "from_service": "Barneverntjenesten",
        "to_service": "NAV Midtbyen",
        "responsible": responsible.pk,
        "planned_date": _in_a_month().isoformat(),
        "status": "planned",
        "note": "Ettervern etter 18 år.",
        **overrides,
    }


def _planned(cast) -> Transition:
    return transition_create(
        actor=cast.holder,
        youth=cast.youth,
        responsible=cast.member,
        kind="turning_18",
        planned_date=_in_a_month(),
    )


def _refusal(service, **kwargs) -> str:
    with pytest.raises(BusinessRuleError) as refused:
        service(**kwargs)
    return " ".join(refused.value.messages)


def test_a_transition_is_planned_with_a_responsible_person_and_logged(cast, client, login):
    login(cast.holder)
    response = client.post(_url(cast, "ny/"), _form(cast.member), follow=True)
    assert "Overgangen er planlagt." in _text(response)
    transition = Transition.objects.get()
    assert (transition.kind, transition.responsible, transition.planned_date) == (
        "turning_18",
        cast.member,
        _in_a_month(),
    )
    entry = LogEntry.objects.get(kind=LogEntryKind.TRANSITION)
    assert entry.text == f"Overgang planlagt: Fyller 18 år {_in_a_month():%d.%m.%Y}, ansvarlig: Per Lærer"
    page = _text(client.get(_url(cast)))
    assert "Fyller 18 år" in page and "NAV Midtbyen" in page and "Per Lærer" in page


def test_the_responsible_person_must_be_on_the_team(cast, client, login):
    login(cast.holder)
    response = client.post(_url(cast, "ny/"), _form(cast.outsider))
    assert response.status_code == 200
    assert "Velg et gyldig valg." in _text(response)  # the list offers the team only
    refusal = _refusal(
        transition_create,
        actor=cast.holder,
        youth=cast.youth,
        responsible=cast.outsider,
        kind="moving",
        planned_date=_in_a_month(),
    )
    assert refusal == "Den ansvarlige må være med i teamet rundt ungdommen."
    assert not Transition.objects.exists()


def test_the_responsible_person_cannot_be_someone_who_left_the_team(cast):
    transition = _planned(cast)
    uncovered = cast.youth.team_memberships.get(user=cast.uncovered)
    team_member_end(actor=cast.holder, youth=cast.youth, membership=uncovered)
    refusal = _refusal(
        transition_update,
        actor=cast.holder,
        transition=transition,
        expected_version=transition.version,
        responsible=cast.uncovered,
    )
    assert refusal == "Den ansvarlige må være med i teamet rundt ungdommen."
    assert Transition.objects.get().responsible == cast.member


def test_an_edit_is_saved_and_logged(cast, client, login):
    transition = _planned(cast)
    login(cast.member)
    form = _form(cast.member, status="in_progress", version=transition.version)
    response = client.post(_url(cast, f"{transition.pk}/endre/"), form, follow=True)
    assert "Overgangen er lagret." in _text(response)
    transition.refresh_from_db()
    assert (transition.status, transition.version) == ("in_progress", 2)
    texts = list(LogEntry.objects.filter(kind=LogEntryKind.TRANSITION).values_list("text", flat=True))
    assert "Overgang oppdatert: Fyller 18 år, Pågår" in texts


def test_an_edit_from_a_stale_version_is_refused_in_norwegian(cast, client, login):
    transition = _planned(cast)
    url = _url(cast, f"{transition.pk}/endre/")
    login(cast.holder)
    assert client.post(url, _form(cast.member, note="Flyttet en uke", version=1)).status_code == 302
    response = client.post(url, _form(cast.member, note="Avlyst", status="cancelled", version=1))
    assert response.status_code == 200
    assert "Noen andre endret dette mens du redigerte. Endringene dine ble ikke lagret." in _text(response)
    transition.refresh_from_db()
    assert (transition.note, transition.status, transition.version) == ("Flyttet en uke", "planned", 2)
    assert LogEntry.objects.filter(kind=LogEntryKind.TRANSITION).count() == 2  # planned, one edit


def test_a_closed_case_refuses_planning_and_editing_transitions(cast, client, login):
    transition = _planned(cast)
    case_close(
        actor=cast.holder,
        youth=cast.youth,
        reason="moved",
        explanation="Flyttet til en annen kommune.",
        youth_view="Jeg vil begynne på nytt.",
    )
    cast.youth.refresh_from_db()
    login(cast.holder)
    assert client.get(_url(cast, "ny/")).status_code == 403
    assert client.get(_url(cast, f"{transition.pk}/endre/")).status_code == 403
    page = _text(client.get(_url(cast)))
    assert "Planlegg en overgang" not in page and "/endre/" not in page
    refusal = _refusal(
        transition_create,
        actor=cast.holder,
        youth=cast.youth,
        responsible=cast.member,
        kind="moving",
        planned_date=_in_a_month(),
    )
    assert refusal == "Saken er avsluttet. Gjenåpne saken for å planlegge overganger."
    assert Transition.objects.count() == 1
