"""The reminder inbox with its htmx badge, marking a reminder handled, and the team lead's escalations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pathways import sweep
from pathways.models import Lapse, Reminder
from tests import factories
from tests.pathways.conftest import oslo

BADGE = {"HX-Request": "true", "HX-Target": "unread-badge"}


@pytest.fixture
def lapsed(cast, time_machine):
    """An evaluation overdue long enough to have reached the stafettholder and the team lead."""
    time_machine.move_to(oslo(2026, 3, 2), tick=False)
    goal = factories.goal(cast.youth, cast.holder)
    factories.action(
        goal,
        cast.member,
        description="Samtaler om rusbruk",
        start_date=datetime.date(2026, 1, 1),
        evaluation_date=datetime.date(2026, 2, 1),
    )
    factories.log_entry(cast.youth, cast.holder, text="Fortrolig logginnhold")
    sweep.run()
    return Lapse.objects.get(rule="evaluation_overdue")


def test_inbox_lists_my_open_reminders_and_marks_them_read(lapsed, cast, client, login):
    login(cast.member)
    assert client.get("/innboks/", headers=BADGE).context["unread"] == 1
    html = client.get("/innboks/").content.decode()
    assert cast.youth.full_name in html
    assert f'href="/ungdommer/{cast.youth.pk}/"' in html
    assert ">Ny</span>" in html  # shown as new once
    assert client.get("/innboks/", headers=BADGE).context["unread"] == 0
    assert ">Ny</span>" not in client.get("/innboks/").content.decode()


def test_badge_is_the_inbox_partial_and_refreshes_itself(lapsed, cast, client, login):
    login(cast.member)
    html = client.get("/innboks/", headers=BADGE).content.decode()
    assert html.startswith('<span id="unread-badge"')
    assert 'hx-trigger="every 60s"' in html and 'data-count="1"' in html
    page = client.get("/ungdommer/").content.decode()
    assert 'href="/innboks/"' in page  # without JavaScript the inbox is a plain link
    assert 'hx-trigger="load, every 60s"' in page


def test_nobody_sees_anyone_elses_reminders(lapsed, cast, client, login):
    login(cast.outsider)
    assert cast.youth.full_name not in client.get("/innboks/").content.decode()
    reminder = Reminder.objects.get(recipient=cast.member)
    assert client.post(f"/innboks/{reminder.pk}/handtert/", {"note": "Tatt"}).status_code == 404
    assert Lapse.objects.get().handled_at is None


def test_marking_handled_needs_a_note(lapsed, cast, client, login):
    login(cast.member)
    reminder = Reminder.objects.get(recipient=cast.member)
    response = client.post(f"/innboks/{reminder.pk}/handtert/", {"note": "  "}, follow=True)
    assert response.status_code == 200
    assert Lapse.objects.get().handled_at is None


def test_marking_handled_settles_it_for_everyone_and_writes_the_log(lapsed, cast, client, login):
    login(cast.member)
    reminder = Reminder.objects.get(recipient=cast.member)
    response = client.post(f"/innboks/{reminder.pk}/handtert/", {"note": "Evaluerer fredag med Sara"})
    assert response.status_code == 302
    lapse = Lapse.objects.get()
    assert lapse.handled_by == cast.member
    assert "Evaluerer fredag med Sara" in lapse.handled_entry.text  # the note is in the youth's log
    assert cast.youth.log_entries.filter(text__contains="Evaluerer fredag med Sara").exists()
    login(cast.holder)
    assert cast.youth.full_name not in client.get("/innboks/").content.decode()
    settled = client.get("/innboks/?vis=ferdige").content.decode()
    assert "Håndtert av Per Lærer" in settled and "Evaluerer fredag med Sara" not in settled
    # What was done is read where every text about the youth is read: in the log, as the rule allows.
    assert "Evaluerer fredag med Sara" in client.get(f"/ungdommer/{cast.youth.pk}/logg/").content.decode()


def test_escalations_are_for_team_leads_only(lapsed, cast, client, login):
    for who in (cast.member, cast.holder, cast.admin, cast.outsider):
        login(who)
        assert client.get("/eskaleringer/").status_code == 404
        assert 'href="/eskaleringer/"' not in client.get("/ungdommer/").content.decode()


def test_team_lead_sees_metadata_of_own_agencys_escalations_only(lapsed, cast, client, login):
    login(cast.team_lead)
    html = client.get("/eskaleringer/").content.decode()
    assert cast.youth.full_name in html
    assert "Evalueringsdato passert uten evaluering" in html
    assert "01.02.2026" not in html and "02.02.2026" in html  # due since the day after the date
    for content in ("Samtaler om rusbruk", "Fortrolig logginnhold", "Jeg vil gå på skolen"):
        assert content not in html
    other_lead = factories.staff(agency=cast.outsider.agency, is_team_lead=True)
    login(other_lead)
    assert cast.youth.full_name not in client.get("/eskaleringer/").content.decode()


def _count(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    ("url", "user", "headers", "expected"),
    [
        # session, user (with agency and emergency flag), device, count, page, mark read, and the
        # access-log INSERT
        ("/innboks/", "holder", {}, 7),
        ("/innboks/?vis=ferdige", "holder", {}, 7),
        ("/innboks/", "holder", BADGE, 4),  # session, user, device, count
        ("/eskaleringer/", "team_lead", {}, 6),
    ],
)
def test_query_counts_are_constant(cast, client, time_machine, url, user, headers, expected, login):
    """5 and then 50 lapsed youths: the same number of queries (session, user, the page's own)."""
    time_machine.move_to(oslo(2026, 3, 2), tick=False)
    login(getattr(cast, user))
    counts = []
    for size in (5, 45):
        for number in range(size):
            youth = factories.youth(holder=cast.holder, last_name=f"Ekstra{number}")
            goal = factories.goal(youth, cast.holder)
            factories.action(
                goal,
                cast.holder,
                start_date=datetime.date(2026, 1, 1),
                evaluation_date=datetime.date(2026, 2, 1),
            )
        sweep.run()
        if "ferdige" in url:
            Lapse.objects.update(handled_at=oslo(2026, 3, 2), handled_by=cast.holder)
        Reminder.objects.update(read_at=None)
        counts.append(_count(client, url, **headers))
    assert counts == [expected, expected]


def test_a_lead_off_the_team_answers_an_escalation_as_a_lead_not_in_the_log(lapsed, cast, client, login):
    login(cast.team_lead)
    assert 'href="/innboks/"' in client.get("/teamleder/liste/escalated/").content.decode()
    html = client.get("/innboks/").content.decode()
    reminder = Reminder.objects.get(recipient=cast.team_lead)
    # No form that would write in the log of a youth the lead may not open; the lead's own step instead.
    assert f'action="/innboks/{reminder.pk}/handtert/"' not in html
    assert f'href="/teamleder/ungdommer/{cast.youth.pk}/stafett/"' in html
    assert "Snakk med stafettholderen" in html
    # The stafettholder, who may see the youth, still gets the form.
    login(cast.holder)
    mine = Reminder.objects.get(recipient=cast.holder)
    assert f'action="/innboks/{mine.pk}/handtert/"' in client.get("/innboks/").content.decode()
