"""Guardians and other relatives see what the age rules and the youth's choices allow, and nothing else
(frozen clock): under 16 the plan, meetings and transitions except what the youth (from 12) keeps back;
from 16 only what the youth shares; from 18 nothing unless the youth shares."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from coordination.models import RelativeSharing
from pathways.models import Meeting, Transition
from tests import factories
from tests.pathways.test_my_stafett import relative_account, sign_in

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def march(time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Oslo")), tick=False)


def youth_of(cast, age: int, name: str):
    """A youth of `age` today with a goal of general and one of mental-health content, a meeting, a
    transition and a log entry, and their mother (a guardian) with her own login."""
    youth = factories.youth(
        holder=cast.holder, first_name=name, birth_date=datetime.date(TODAY.year - age, 1, 15)
    )
    factories.add_member(youth, cast.member)
    factories.goal(youth, cast.holder, description=f"{name} vil fullføre skoleåret")
    factories.goal(
        youth, cast.holder, description=f"{name} vil ha færre angstanfall", category="mental_health"
    )
    Meeting.objects.create(
        youth=youth,
        title=f"Møte om {name}",
        starts_at=datetime.datetime(2026, 3, 9, 12, 0, tzinfo=ZoneInfo("Europe/Oslo")),
        location="Rådhuset",
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    Transition.objects.create(
        youth=youth,
        kind="school_change",
        to_service=f"Ny skole for {name}",
        responsible=cast.holder,
        planned_date=datetime.date(2026, 8, 15),
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    factories.log_entry(youth, cast.holder, text=f"Loggnotat om {name}")
    mother = relative_account(youth, cast.holder, name=f"Mor til {name}")
    return youth, mother


def _seen(client, relative) -> str:
    sign_in(client, relative.account)
    response = client.get("/min/")
    assert response.status_code == 200
    return response.content.decode()


def _share(relative, **parts):
    RelativeSharing.objects.update_or_create(relative=relative, defaults=parts)


def _parts(html: str, name: str) -> dict[str, bool]:
    return {
        "general goal": f"{name} vil fullføre skoleåret" in html,
        "health goal": f"{name} vil ha færre angstanfall" in html,
        "meetings": f"Møte om {name}" in html,
        "transitions": f"Ny skole for {name}" in html,
        "log": f"Loggnotat om {name}" in html,
    }


ALL_BUT_LOG = {"general goal": True, "health goal": True, "meetings": True, "transitions": True, "log": False}
NOTHING = dict.fromkeys(ALL_BUT_LOG, False)


def test_a_guardian_of_a_14_year_old_sees_plan_meetings_and_transitions_but_not_the_log(march, cast, client):
    _youth, mother = youth_of(cast, 14, "Emma")
    html = _seen(client, mother)
    assert _parts(html, "Emma") == ALL_BUT_LOG
    for url in ("/min/samtykker/", "/min/innsyn/", "/min/skriv/"):
        assert client.get(url).status_code == 404, url
    assert "Planen til Emma" in html


def test_a_guardian_of_a_15_year_old_does_not_see_what_the_youth_keeps_back(march, cast, client):
    _youth, mother = youth_of(cast, 15, "Noah")
    _share(mother, kept_back=["mental_health"])
    assert _parts(_seen(client, mother), "Noah") == {**ALL_BUT_LOG, "health goal": False}


def test_a_guardian_of_a_16_year_old_sees_only_what_the_youth_shares(march, cast, client):
    _youth, mother = youth_of(cast, 16, "Ida")
    html = _seen(client, mother)
    assert _parts(html, "Ida") == NOTHING
    assert "Ida har ikke valgt å dele noe med deg nå." in html
    _share(mother, plan=True)
    assert _parts(_seen(client, mother), "Ida") == {**NOTHING, "general goal": True}


def test_a_guardian_of_a_17_year_old_sees_health_only_when_the_youth_says_so(march, cast, client):
    _youth, mother = youth_of(cast, 17, "Jonas")
    _share(mother, plan=True, meetings=True, transitions=True)
    assert _parts(_seen(client, mother), "Jonas") == {**ALL_BUT_LOG, "health goal": False}
    _share(mother, plan=True, meetings=True, transitions=True, include_health=True)
    assert _parts(_seen(client, mother), "Jonas") == ALL_BUT_LOG


def test_a_parent_of_an_18_year_old_sees_nothing_unless_the_youth_shares(march, cast, client):
    _youth, mother = youth_of(cast, 18, "Sofie")
    assert _parts(_seen(client, mother), "Sofie") == NOTHING
    _share(mother, meetings=True)
    assert _parts(_seen(client, mother), "Sofie") == {**NOTHING, "meetings": True}


def test_turning_16_ends_what_a_guardian_saw_by_age_alone(march, cast, client, time_machine):
    _youth, mother = youth_of(cast, 15, "Lea")
    assert _parts(_seen(client, mother), "Lea")["general goal"]
    time_machine.move_to(datetime.datetime(2027, 1, 16, 10, 0, tzinfo=ZoneInfo("Europe/Oslo")), tick=False)
    client.logout()
    assert _parts(_seen(client, mother), "Lea")["general goal"] is False


def test_a_relative_of_two_youths_chooses_whose_plan(march, cast, client):
    _first, mother = youth_of(cast, 14, "Oda")
    second = factories.youth(holder=cast.holder, first_name="Isak", birth_date=datetime.date(2013, 5, 1))
    factories.goal(second, cast.holder, description="Isak vil lære å svømme")
    relative_account(second, cast.holder, name="Mor til Isak").__class__.objects.filter(youth=second).update(
        account=mother.account
    )
    html = _seen(client, mother)
    assert 'aria-label="Velg hvem sin plan"' in html and f"?ung={second.pk}" in html
    other = client.get(f"/min/?ung={second.pk}").content.decode()
    assert "Isak vil lære å svømme" in other and "Oda vil fullføre skoleåret" not in other
    stranger = factories.youth(holder=cast.holder, first_name="Fremmed")
    assert client.get(f"/min/?ung={stranger.pk}").status_code == 404


def test_another_relative_gets_what_the_youth_shares(march, cast, client):
    youth, _mother = youth_of(cast, 17, "Mia")
    partner = relative_account(youth, cast.holder, guardian=False, name="Kim Kjæreste")
    assert _parts(_seen(client, partner), "Mia") == NOTHING
    _share(partner, meetings=True)
    assert _parts(_seen(client, partner), "Mia") == {**NOTHING, "meetings": True}
