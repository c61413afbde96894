"""Logging "uteblitt" records the outreach the services owe; the youth page shows it as our task."""

import datetime

import pytest
from django.utils import timezone

from pathways.models import LogEntry, PlannedOutreach
from pathways.services.log import log_entry_append
from tests.pathways.conftest import oslo


@pytest.fixture
def friday(time_machine):
    time_machine.move_to(oslo(2026, 3, 6, 15), tick=False)


def _post(client, youth, **fields):
    data = {
        "kind": "missed",
        "occurred_at": "2026-03-06T14:00",
        "category": "general",
        "text": "Sara kom ikke til avtalen på kontoret.",
        **fields,
    }
    return client.post(f"/ungdommer/{youth.pk}/logg/", data)


def test_missed_appointment_records_the_planned_outreach(friday, cast, client, login):
    login(cast.member)
    response = _post(
        client,
        cast.youth,
        outreach_responsible=cast.holder.pk,
        outreach_by="2026-03-09",
        outreach_how="Hjemmebesøk",
    )
    assert response.status_code == 302
    outreach = PlannedOutreach.objects.get()
    assert (outreach.responsible, outreach.planned_for, outreach.how, outreach.created_by) == (
        cast.holder,
        datetime.date(2026, 3, 9),
        "Hjemmebesøk",
        cast.member,
    )
    assert outreach.missed_entry.kind == "missed"


def test_without_choices_the_author_reaches_out_within_two_working_days(friday, cast, client, login):
    login(cast.member)
    _post(client, cast.youth)
    outreach = PlannedOutreach.objects.get()
    assert (outreach.responsible, outreach.planned_for) == (cast.member, datetime.date(2026, 3, 10))


def test_outreach_cannot_be_planned_before_the_appointment_or_for_an_outsider(friday, cast, client, login):
    login(cast.member)
    assert _post(client, cast.youth, outreach_by="2026-03-01").status_code == 200
    assert _post(client, cast.youth, outreach_responsible=cast.outsider.pk).status_code == 200
    assert not LogEntry.objects.filter(kind="missed").exists()


def test_other_kinds_plan_no_outreach(friday, cast):
    log_entry_append(
        actor=cast.member, youth=cast.youth, kind="contact", text="Samtale", occurred_at=timezone.now()
    )
    assert not PlannedOutreach.objects.exists()


def test_the_youth_page_shows_what_the_services_owe_until_someone_reaches_out(friday, cast, client, login):
    log_entry_append(
        actor=cast.member,
        youth=cast.youth,
        kind="missed",
        text="Kom ikke",
        occurred_at=oslo(2026, 3, 6, 14),
        outreach_responsible=cast.holder,
    )
    login(cast.member)
    html = client.get(f"/ungdommer/{cast.youth.pk}/").content.decode()
    assert 'id="missed-heading"' in html
    assert "Kari Nordmann" in html and "10.03.2026" in html
    log_html = client.get(f"/ungdommer/{cast.youth.pk}/logg/").content.decode()
    assert "10.03.2026" in log_html
    log_entry_append(
        actor=cast.holder, youth=cast.youth, kind="outreach", text="Hjemmebesøk", occurred_at=timezone.now()
    )
    assert 'id="missed-heading"' not in client.get(f"/ungdommer/{cast.youth.pk}/").content.decode()
