"""Cooperation meetings as the team uses them: planned with participants, relatives and an interpreter,
changed later (the interpreter is often booked after), and closed by minutes that go into the log."""

import datetime
import html

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override

from coordination.errors import BusinessRuleError
from coordination.services.youths import case_close
from pathways.models import LogEntry, LogEntryKind, Meeting
from pathways.services.meetings import meeting_create, meeting_record_minutes, meeting_update
from tests import factories


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _nb(message: str) -> str:
    # For the few new messages the bokmål catalog of this branch does not have yet.
    with override("nb"):
        return gettext(message)


@pytest.fixture
def mother(cast):
    return cast.youth.relatives.create(
        name="Amina Ung",
        relation="Mor",
        preferred_language="ar",
        interpreter_needed=True,
        agency=cast.holder.agency,
    )


def _when(days: int = 7) -> str:
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT10:00")


def _meeting_form(**overrides) -> dict:
    return {
        "title": "Ansvarsgruppemøte",
        "starts_at": _when(),
        "location": "Skolen, møterom 2",
        "agenda": "Skolehverdagen og bolig",
        "youth_attends": "on",
        "category": "general",
        **overrides,
    }


def _planned(cast, mother, **fields) -> Meeting:
    values = {
        "title": "Ansvarsgruppemøte",
        "starts_at": timezone.now() + datetime.timedelta(days=7),
        "location": "Skolen",
        "interpreter_needed": True,
        "interpreter_language": "ar",
        **fields,
    }
    return meeting_create(
        actor=cast.holder, youth=cast.youth, participants=[cast.member], relatives=[mother], **values
    )


def _refusal(service, **kwargs) -> str:
    """What a service answers when it refuses, as the user reads it."""
    with pytest.raises(BusinessRuleError) as refused:
        service(**kwargs)
    return " ".join(refused.value.messages)


def _meetings_url(cast) -> str:
    return f"/ungdommer/{cast.youth.pk}/moter/"


def test_the_holder_plans_a_meeting_with_the_team_a_relative_and_an_interpreter(cast, client, login, mother):
    login(cast.holder)
    form = _meeting_form(
        participants=[cast.member.pk],
        relatives=[mother.pk],
        interpreter_needed="on",
        interpreter_language="ar",
    )
    response = client.post(f"{_meetings_url(cast)}ny/", form, follow=True)
    assert "Møtet er planlagt." in _text(response)
    meeting = Meeting.objects.get()
    # The one who plans takes part too.
    assert set(meeting.participants.all()) == {cast.holder, cast.member}
    assert list(meeting.relatives.all()) == [mother]
    assert (meeting.interpreter_needed, meeting.interpreter_language, meeting.interpreter_booked) == (
        True,
        "ar",
        False,
    )
    page = _text(client.get(_meetings_url(cast)))
    assert "Amina Ung (Arabisk" in page
    assert "Tolk ikke bestilt: Arabisk" in page


def test_a_team_member_plans_meetings_too(cast, client, login):
    login(cast.member)
    response = client.post(f"{_meetings_url(cast)}ny/", _meeting_form(participants=[cast.holder.pk]))
    assert response.status_code == 302
    assert Meeting.objects.get().created_by == cast.member


def test_only_the_youths_own_relatives_can_be_invited(cast, client, login, mother):
    other_youth = factories.youth(holder=cast.holder)
    stranger = other_youth.relatives.create(name="Ola Fremmed", relation="Far", agency=cast.outsider.agency)
    login(cast.holder)
    response = client.post(f"{_meetings_url(cast)}ny/", _meeting_form(relatives=[stranger.pk]))
    assert response.status_code == 200
    assert "Velg et gyldig valg." in _text(response)
    # The page offers only her own relatives, and the service holds the rule whatever the caller.
    assert "Ola Fremmed" not in _text(client.get(f"{_meetings_url(cast)}ny/"))
    assert _refusal(_planned, cast=cast, mother=stranger) == "Bare ungdommens egne pårørende kan inviteres."
    assert not Meeting.objects.exists()


def test_only_team_members_can_be_participants(cast, client, login):
    login(cast.holder)
    response = client.post(f"{_meetings_url(cast)}ny/", _meeting_form(participants=[cast.outsider.pk]))
    assert response.status_code == 200
    assert "Velg et gyldig valg." in _text(response)
    assert not Meeting.objects.exists()


def test_a_physical_meeting_needs_a_place(cast, client, login):
    login(cast.holder)
    response = client.post(f"{_meetings_url(cast)}ny/", _meeting_form(location=""))
    assert response.status_code == 200
    assert "Skriv inn et sted, eller merk møtet som digitalt." in _text(response)
    assert not Meeting.objects.exists()


def test_a_digital_meeting_needs_no_place(cast, client, login):
    login(cast.holder)
    response = client.post(f"{_meetings_url(cast)}ny/", _meeting_form(location="", is_digital="on"))
    assert response.status_code == 302
    assert Meeting.objects.get().is_digital
    assert "Digitalt møte" in _text(client.get(_meetings_url(cast)))


def test_an_interpreter_needs_a_language(cast, client, login):
    login(cast.holder)
    response = client.post(f"{_meetings_url(cast)}ny/", _meeting_form(interpreter_needed="on"))
    assert "Velg språket tolken skal snakke." in _text(response)
    assert not Meeting.objects.exists()


def _edit_form(meeting: Meeting, **overrides) -> dict:
    return _meeting_form(
        **{
            "title": meeting.title,
            "location": meeting.location,
            "participants": [user.pk for user in meeting.participants.all()],
            "relatives": [relative.pk for relative in meeting.relatives.all()],
            "interpreter_needed": "on",
            "interpreter_language": meeting.interpreter_language,
            "version": meeting.version,
            **overrides,
        }
    )


def test_the_interpreter_is_booked_later_by_changing_the_meeting(cast, client, login, mother):
    meeting = _planned(cast, mother)
    url = f"{_meetings_url(cast)}{meeting.pk}/endre/"
    login(cast.member)
    form_page = _text(client.get(url))
    assert 'name="version" value="1"' in form_page
    response = client.post(url, _edit_form(meeting, interpreter_booked="on"), follow=True)
    assert _nb("The meeting was saved.") in _text(response)
    meeting.refresh_from_db()
    assert meeting.interpreter_booked and meeting.version == 2
    assert list(meeting.relatives.all()) == [mother]  # what the form kept is kept
    assert "Tolk bestilt: Arabisk" in _text(client.get(_meetings_url(cast)))


def test_a_change_from_a_stale_version_is_refused_in_norwegian(cast, client, login, mother):
    meeting = _planned(cast, mother)
    url = f"{_meetings_url(cast)}{meeting.pk}/endre/"
    login(cast.holder)
    assert client.post(url, _edit_form(meeting, title="Ansvarsgruppe, flyttet")).status_code == 302
    # A colleague saves the page they opened before that change.
    response = client.post(url, _edit_form(meeting, title="Ansvarsgruppe, avlyst", version=1))
    assert response.status_code == 200
    assert "Noen andre endret dette mens du redigerte. Endringene dine ble ikke lagret." in _text(response)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Ansvarsgruppe, flyttet", 2)


def test_minutes_become_a_log_entry_of_the_meetings_category(cast, client, login, mother):
    meeting = _planned(
        cast, mother, category="school", starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    login(cast.member)
    response = client.post(
        f"{_meetings_url(cast)}{meeting.pk}/referat/",
        {"minutes": "Sara vil prøve tre skoledager."},
        follow=True,
    )
    assert "Referatet er lagt til i loggen." in _text(response)
    entry = LogEntry.objects.get(kind=LogEntryKind.MEETING)
    assert (entry.category, entry.author, entry.occurred_at) == ("school", cast.member, meeting.starts_at)
    assert entry.text == "Referat fra «Ansvarsgruppemøte»:\nSara vil prøve tre skoledager."
    assert "Sara vil prøve tre skoledager." in _text(client.get(f"/ungdommer/{cast.youth.pk}/logg/"))


def test_minutes_are_written_only_once(cast, client, login, mother):
    meeting = _planned(cast, mother)
    meeting_record_minutes(actor=cast.holder, meeting=meeting, minutes="Første referat.")
    login(cast.holder)
    url = f"{_meetings_url(cast)}{meeting.pk}/referat/"
    assert client.post(url, {"minutes": "Andre referat."}).status_code == 403
    assert "Skriv referat" not in _text(client.get(_meetings_url(cast)))
    assert _refusal(meeting_record_minutes, actor=cast.holder, meeting=meeting, minutes="Andre referat.") == (
        "Referatet er allerede skrevet. Legg heller til en korrigering i loggen."
    )
    assert LogEntry.objects.filter(kind=LogEntryKind.MEETING).count() == 1


def test_a_meeting_with_minutes_can_no_longer_be_changed(cast, client, login, mother):
    meeting = _planned(cast, mother)
    meeting_record_minutes(actor=cast.holder, meeting=meeting, minutes="Referat.")
    login(cast.holder)
    url = f"{_meetings_url(cast)}{meeting.pk}/endre/"
    assert client.get(url).status_code == 403
    assert client.post(url, _edit_form(meeting, title="Endret")).status_code == 403
    assert url not in _text(client.get(_meetings_url(cast)))
    meeting.refresh_from_db()  # as the view reads it
    refusal = _refusal(
        meeting_update,
        actor=cast.holder,
        meeting=meeting,
        expected_version=meeting.version,
        participants=[],
        relatives=[],
        title="Endret",
    )
    assert refusal == _nb("The minutes are written. Correct the meeting in the log instead.")
    meeting.refresh_from_db()
    assert meeting.title == "Ansvarsgruppemøte"


def test_a_closed_case_refuses_planning_meetings(cast, client, login, mother):
    case_close(
        actor=cast.holder,
        youth=cast.youth,
        reason="goals_reached",
        explanation="Målene er nådd.",
        youth_view="Jeg klarer meg nå.",
    )
    cast.youth.refresh_from_db()
    login(cast.holder)
    assert client.get(f"{_meetings_url(cast)}ny/").status_code == 403
    assert "Planlegg et møte" not in _text(client.get(_meetings_url(cast)))
    assert _refusal(_planned, cast=cast, mother=mother) == (
        "Saken er avsluttet. Gjenåpne saken for å planlegge møter."
    )
    assert not Meeting.objects.exists()
