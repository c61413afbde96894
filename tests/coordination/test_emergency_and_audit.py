"""Break the glass and the access log: reasoned, time limited, visible, logged and reviewed."""

import datetime

import pytest
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.models import AccessLogEntry, AppendOnlyError, EmergencyAccess
from coordination.services.emergency import emergency_access_review, emergency_access_start
from tests import factories


@pytest.fixture
def health_note(cast):
    return factories.log_entry(
        cast.youth, cast.holder, category="mental_health", text="Selvmordstanker i helga"
    )


def test_uncovered_member_breaks_the_glass_with_a_reason(cast, client, health_note, login):
    login(cast.uncovered)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404
    url = f"/ungdommer/{cast.youth.pk}/nodtilgang/"
    response = client.post(url, {"reason": "kort"})
    assert response.status_code == 200 and not EmergencyAccess.objects.exists()
    response = client.post(url, {"reason": "Sara ringte og sa hun ikke er trygg, må se hva som er avtalt"})
    assert response.status_code == 302
    page = client.get(f"/ungdommer/{cast.youth.pk}/logg/").content.decode()
    assert "Selvmordstanker i helga" in page
    assert "Nødtilgang" in page  # the banner is on the page
    entry = AccessLogEntry.objects.filter(user=cast.uncovered, youth=cast.youth).first()
    assert entry.role == "emergency" and entry.emergency.reason.startswith("Sara ringte")


def test_emergency_access_ends_after_the_time_limit(cast, client, health_note, time_machine, login):
    emergency_access_start(actor=cast.member, youth=cast.youth, reason="Akutt situasjon på skolen i dag")
    login(cast.member)
    assert "Selvmordstanker" in client.get(f"/ungdommer/{cast.youth.pk}/logg/").content.decode()
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=4, minutes=1))
    login(cast.member)  # the old session has timed out by then
    assert "Selvmordstanker" not in client.get(f"/ungdommer/{cast.youth.pk}/logg/").content.decode()


def test_people_outside_the_team_cannot_break_the_glass(cast, client, login):
    for user in (cast.outsider, cast.team_lead, cast.admin):
        login(user)
        response = client.post(
            f"/ungdommer/{cast.youth.pk}/nodtilgang/", {"reason": "Jeg er nysgjerrig på saken"}
        )
        assert response.status_code == 404
    assert not EmergencyAccess.objects.exists()


def test_team_lead_reviews_emergency_access_of_own_agency(cast, client, login):
    lead = factories.staff(agency=cast.member.agency, is_team_lead=True)
    emergency = emergency_access_start(actor=cast.member, youth=cast.youth, reason="Akutt, eleven forsvant")
    login(lead)
    assert "Akutt, eleven forsvant" in client.get("/teamleder/").content.decode()
    response = client.post(f"/teamleder/nodtilgang/{emergency.pk}/", {"note": "Begrunnet, ok"})
    assert response.status_code == 302
    assert EmergencyAccess.objects.get(pk=emergency.pk).reviewed_by == lead
    with pytest.raises(BusinessRuleError):
        emergency_access_review(actor=cast.team_lead, access=emergency, note="Annen etat")


def test_team_lead_of_another_agency_gets_404_on_review(cast, client, login):
    emergency = emergency_access_start(actor=cast.member, youth=cast.youth, reason="Akutt, eleven forsvant")
    login(cast.team_lead)  # child welfare lead; the member is from the school
    assert client.get(f"/teamleder/nodtilgang/{emergency.pk}/").status_code == 404


def test_non_leads_get_404_on_the_team_lead_page(cast, client, login):
    login(cast.member)
    assert client.get("/teamleder/").status_code == 404


def test_team_lead_sees_caseload_metadata_but_no_content(cast, client, login):
    factories.log_entry(cast.youth, cast.holder, text="Hemmelig innhold fra samtale")
    login(cast.team_lead)
    html = client.get("/teamleder/").content.decode()
    assert "Ung, Sara" in html
    assert "Hemmelig innhold" not in html
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404


def test_every_view_and_change_is_logged(cast, client, login):
    login(cast.member)
    client.get(f"/ungdommer/{cast.youth.pk}/plan/")
    client.post(f"/ungdommer/{cast.youth.pk}/logg/", {"kind": "note", "text": ""})
    rows = list(
        AccessLogEntry.objects.filter(user=cast.member).order_by("at").values_list("action", "what", "role")
    )
    assert rows == [("view", "plan", "team_member"), ("change", "log", "team_member")]


def test_access_log_is_append_only(cast, client, login):
    login(cast.member)
    client.get(f"/ungdommer/{cast.youth.pk}/")
    entry = AccessLogEntry.objects.get(user=cast.member)
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_stafettholder_reads_the_access_log_members_cannot(cast, client, login):
    login(cast.member)
    client.get(f"/ungdommer/{cast.youth.pk}/")
    assert client.get(f"/ungdommer/{cast.youth.pk}/tilgangslogg/").status_code == 403
    login(cast.holder)
    html = client.get(f"/ungdommer/{cast.youth.pk}/tilgangslogg/").content.decode()
    assert "Per Lærer" in html


def test_unusual_access_report_flags_emergency_use(cast, client, login):
    lead = factories.staff(agency=cast.member.agency, is_team_lead=True)
    emergency_access_start(actor=cast.member, youth=cast.youth, reason="Akutt, eleven forsvant")
    login(lead)
    html = client.get("/teamleder/").content.decode()
    assert "(member)" in html
