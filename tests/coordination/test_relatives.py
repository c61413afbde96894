"""Relatives (pårørende): the stafettholder records them with their preferred language and interpreter
need, which is shown wherever contact or a meeting with them is planned; adding one is a team change in
the log."""

import html

import pytest
from django.utils.translation import gettext, override

from coordination.models import Relative
from coordination.services.emergency import emergency_access_start
from pathways.models import LogEntry, LogEntryKind


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _nb(message: str) -> str:
    # For the few new messages the bokmål catalog of this branch does not have yet.
    with override("nb"):
        return gettext(message)


def _team_url(cast) -> str:
    return f"/ungdommer/{cast.youth.pk}/team/"


def _new_url(cast) -> str:
    return f"/ungdommer/{cast.youth.pk}/parorende/ny/"


MOTHER = {
    "name": "Amina Ung",
    "relation": "Mor",
    "has_parental_responsibility": "on",
    "phone": "912 34 567",
    "email": "amina@example.no",
    "preferred_language": "ar",
    "interpreter_needed": "on",
}


def test_the_stafettholder_adds_a_relative_with_language_and_interpreter_need(cast, client, login):
    login(cast.holder)
    response = client.post(_new_url(cast), MOTHER, follow=True)
    assert "Den pårørende er lagt til." in _text(response)
    relative = Relative.objects.get(youth=cast.youth)
    assert (relative.preferred_language, relative.interpreter_needed) == ("ar", True)
    page = _text(client.get(_team_url(cast)))
    assert "Amina Ung" in page and "Foreldreansvar" in page
    assert "Tolk: Arabisk" in page


def test_a_relatives_preferred_language_is_shown_on_the_team_page(cast, client, login):
    cast.youth.relatives.create(
        name="John Ung", relation="Far", preferred_language="en", agency=cast.holder.agency
    )
    cast.youth.relatives.create(
        name="Kari Ung", relation="Søster", agency=cast.holder.agency
    )  # bokmål: nothing to point out
    login(cast.member)
    page = _text(client.get(_team_url(cast)))
    assert page.count("Foretrukket språk:") == 1
    assert "Foretrukket språk: Engelsk" in page


def test_the_meeting_form_shows_each_relatives_language_and_interpreter_need(cast, client, login):
    cast.youth.relatives.create(
        name="Amina Ung",
        relation="Mor",
        preferred_language="ar",
        interpreter_needed=True,
        agency=cast.holder.agency,
    )
    cast.youth.relatives.create(
        name="John Ung", relation="Far", preferred_language="en", agency=cast.holder.agency
    )
    login(cast.member)
    form = _text(client.get(f"/ungdommer/{cast.youth.pk}/moter/ny/"))
    assert f"Amina Ung (Mor, Arabisk) – {_nb('needs an interpreter')}" in form
    assert "John Ung (Far, Engelsk)<" in form


def test_adding_a_relative_is_logged_as_a_team_change(cast, client, login):
    login(cast.holder)
    client.post(_new_url(cast), MOTHER)
    entry = LogEntry.objects.get(kind=LogEntryKind.TEAM)
    assert (entry.text, entry.author) == ("Pårørende lagt til: Amina Ung (Mor)", cast.holder)


@pytest.mark.parametrize("who", ["member", "emergency"])
def test_only_the_stafettholder_adds_relatives(cast, client, login, who):
    user = cast.member
    if who == "emergency":  # sees everything for a while, but does not manage the team
        user = cast.uncovered
        emergency_access_start(actor=user, youth=cast.youth, reason="Akutt bekymring for helsen hennes")
    login(user)
    page = _text(client.get(_team_url(cast)))
    assert "Legg til en pårørende" not in page and _new_url(cast) not in page
    assert client.post(_new_url(cast), MOTHER).status_code == 403
    assert not Relative.objects.exists()
    assert not LogEntry.objects.filter(kind=LogEntryKind.TEAM, text__startswith="Pårørende").exists()


def test_people_outside_the_team_cannot_add_relatives(cast, client, login):
    login(cast.outsider)
    assert client.post(_new_url(cast), MOTHER).status_code == 404
    assert not Relative.objects.exists()
