"""The retention page: the agency's team lead and the municipality administrator see the periods, the
dry-run report and the retention log, change a period and put a case on legal hold; everybody else
finds nothing (404). Cases are named by number, never by name."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.models import Agency, Sector, User, Youth
from coordination.models.agencies import Municipality
from coordination.services.youths import case_close
from pathways.models import RetentionPolicy
from pathways.services.retention import retention_run
from tests import factories
from tests.pathways.conftest import oslo
from tests.pathways.test_retention import town  # noqa: F401 - the fixture

PAGE = "/oppbevaring/"


@pytest.fixture
def school_lead(town):  # noqa: F811
    return factories.staff(agency=town["due"].originating_agency, username="rektor", is_team_lead=True)


def test_the_lead_sees_the_report_and_the_log_without_names(town, school_lead, login, time_machine):  # noqa: F811
    time_machine.move_to(oslo(2025, 1, 1), tick=False)
    retention_run(dry_run=False)
    retention_run(dry_run=True)
    page = login(school_lead).get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Case {town['held'].pk}" in text or f"Sak {town['held'].pk}" in text
    assert "Held" not in text and "Ungdom" not in text  # numbers, not names
    log = list(page.context["page"])
    assert {row.youth_id for row in log} == {town["due"].pk, town["held"].pk}
    assert all(not row.run.dry_run for row in log)


@pytest.mark.parametrize("who", ["teacher", "worker", "outsider"])
def test_staff_who_are_not_its_lead_get_404(town, login, who):  # noqa: F811
    user = factories.staff(agency=factories.agency(), username="outsider") if who == "outsider" else None
    user = user or User.objects.get(username=who)
    client = login(user)
    assert client.get(PAGE).status_code == 404
    assert (
        client.post(
            f"/oppbevaring/saker/{town['due'].pk}/rettslig-hold/", {"hold": "on", "reason": "x"}
        ).status_code
        == 404
    )
    assert not Youth.objects.get(pk=town["due"].pk).legal_hold


def test_another_agencys_lead_cannot_hold_or_change_this_agency(town, login):  # noqa: F811
    other = factories.staff(agency=factories.agency(), username="annen", is_team_lead=True)
    client = login(other)
    assert (
        client.post(
            f"/oppbevaring/saker/{town['due'].pk}/rettslig-hold/", {"hold": "on", "reason": "x"}
        ).status_code
        == 404
    )
    school = town["due"].originating_agency
    url = f"/oppbevaring/etater/{school.pk}/log/"
    assert client.post(url, {"disposition": "keep", "years": 5}).status_code == 404
    assert not RetentionPolicy.objects.exists()
    assert not Youth.objects.get(pk=town["due"].pk).legal_hold


def test_the_lead_changes_a_period_and_holds_a_case(town, school_lead, login):  # noqa: F811
    client = login(school_lead)
    school = town["due"].originating_agency
    response = client.post(f"/oppbevaring/etater/{school.pk}/log/", {"disposition": "delete", "years": 20})
    assert response.status_code == 302
    assert RetentionPolicy.objects.get(agency=school, record_type="log").years == 20
    # The identity is never deleted, only anonymised or kept: the choice is not offered.
    response = client.post(f"/oppbevaring/etater/{school.pk}/case/", {"disposition": "delete", "years": 20})
    assert response.status_code == 200 and not RetentionPolicy.objects.filter(record_type="case").exists()
    assert client.get(f"/oppbevaring/etater/{school.pk}/nonsense/").status_code == 404
    client.post(f"/oppbevaring/saker/{town['due'].pk}/rettslig-hold/", {"hold": "on", "reason": "Klagesak"})
    youth = Youth.objects.get(pk=town["due"].pk)
    assert (youth.legal_hold, youth.legal_hold_reason) == (True, "Klagesak")
    client.post(f"/oppbevaring/saker/{town['due'].pk}/rettslig-hold/", {"hold": ""})
    assert not Youth.objects.get(pk=town["due"].pk).legal_hold
    # An open case is not a closed case among the lead's agencies.
    assert (
        client.post(
            f"/oppbevaring/saker/{town['open'].pk}/rettslig-hold/", {"hold": "on", "reason": "x"}
        ).status_code
        == 404
    )


def test_a_hold_without_a_reason_is_refused_with_a_message(town, school_lead, login):  # noqa: F811
    client = login(school_lead)
    response = client.post(
        f"/oppbevaring/saker/{town['due'].pk}/rettslig-hold/", {"hold": "on", "reason": " "}, follow=True
    )
    assert response.status_code == 200
    assert not Youth.objects.get(pk=town["due"].pk).legal_hold


def test_the_municipality_administrator_chooses_among_the_municipalitys_agencies(town, login):  # noqa: F811
    trondheim = Municipality.objects.create(name="Trondheim", number="5001")
    school = town["due"].originating_agency
    Agency.objects.filter(pk=school.pk).update(municipality=trondheim)
    town_hall = Agency.objects.create(
        name="Rådhuset", sector=Sector.VOLUNTARY, level="municipal", municipality=trondheim
    )
    admin = factories.staff(agency=town_hall, username="kommuneadm", is_municipality_admin=True)
    client = login(admin)
    page = client.get(f"{PAGE}?etat={school.pk}")
    assert page.status_code == 200 and page.context["agency"] == school
    elsewhere = factories.agency()
    assert client.get(f"{PAGE}?etat={elsewhere.pk}").status_code == 404


def test_the_page_reads_in_a_constant_number_of_queries(town, school_lead, login, time_machine):  # noqa: F811
    time_machine.move_to(oslo(2025, 1, 1), tick=False)
    client = login(school_lead)
    counts = []
    for extra in (0, 5):
        for _ in range(extra):
            youth = factories.youth(holder=factories.staff(agency=town["due"].originating_agency))
            factories.log_entry(youth, youth.stafettholder)
            case_close(
                actor=youth.stafettholder, youth=youth, reason="moved", explanation="Flyttet", youth_view="Ok"
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        counts.append(len(queries))
    # session, user, device, banner; agencies; policies; closed cases, seven counts, agencies, rules; log
    assert counts == [16, 16], counts
