"""The individual plan (BTI level 3): made from the stafettlogg without retyping, coordinator by default
the stafettholder, versions frozen when adopted with what changed shown, each version as a page and a
PDF that hold only what the reader may see; the youth reads the adopted plan and answers."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.models import AccessLogEntry
from coordination.models.append_only import AppendOnlyError
from pathways.models import IndividualPlan, PlanAgreement, PlanVersion, PlanVersionItem
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from pathways.services.plan import action_update, goal_update
from tests import factories
from tests.pathways.test_documents_render import pages_text
from tests.pathways.test_my_stafett import sign_in, youth_account

DAY = datetime.timedelta(days=1)


def _plan(cast, **fields) -> IndividualPlan:
    cast.youth.bti_level = 3
    cast.youth.save(update_fields=["bti_level"])
    return individual_plan_start(
        actor=cast.holder,
        youth=cast.youth,
        evaluation_dates=fields.pop("evaluation_dates", [timezone.localdate() + 60 * DAY]),
        **fields,
    )


def _goal_and_action(cast, **fields):
    goal = factories.goal(cast.youth, cast.holder, description=fields.pop("goal", "Jeg vil bo for meg selv"))
    action = factories.action(goal, cast.member, description=fields.pop("action", "Søke om bolig med NAV"))
    return goal, action


def test_the_holder_starts_the_plan_and_the_coordinator_is_the_holder_by_default(cast, client, login):
    login(cast.holder)
    url = reverse("individual_plan_edit", args=[cast.youth.pk])
    assert client.get(url).status_code == 200
    day = timezone.localdate() + 30 * DAY
    response = client.post(url, {"coordinator": cast.holder.pk, "evaluation_date_1": day.isoformat()})
    assert response.status_code == 302
    plan = IndividualPlan.objects.get(youth=cast.youth)
    assert plan.coordinator == cast.holder and plan.evaluation_days == [day]


def test_a_team_member_is_refused_starting_the_plan(cast, client, login):
    login(cast.member)
    url = reverse("individual_plan_edit", args=[cast.youth.pk])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"coordinator": cast.member.pk, "evaluation_date_1": "2030-01-01"}).status_code
        == 403
    )
    assert not IndividualPlan.objects.exists()


def test_the_coordinator_may_be_another_team_member_who_then_adopts_versions(cast, client, login):
    _goal_and_action(cast)
    plan = _plan(cast, coordinator=cast.member)
    login(cast.member)
    page = client.get(reverse("individual_plan", args=[cast.youth.pk])).content.decode()
    assert "Vedta som versjon 1" in page
    response = client.post(reverse("individual_plan_adopt", args=[cast.youth.pk]))
    assert response.status_code == 302
    assert plan.versions.get().number == 1


def test_someone_outside_the_team_cannot_be_coordinator(cast):
    with pytest.raises(BusinessRuleError):
        _plan(cast, coordinator=cast.outsider)


def test_an_adopted_version_is_frozen_and_the_next_shows_what_changed(cast, client, login):
    goal, action = _goal_and_action(cast)
    plan = _plan(cast)
    first = plan_version_adopt(actor=cast.holder, plan=plan)
    goal_update(
        actor=cast.holder, goal=goal, expected_version=goal.version, description="Jeg vil ha egen leilighet"
    )
    action_update(
        actor=cast.holder,
        action=action,
        expected_version=action.version,
        evaluation_date=action.evaluation_date + 7 * DAY,
    )
    factories.action(goal, cast.holder, description="Besøke leiligheten sammen")
    # Editing the plan afterwards leaves the adopted version as it was.
    assert set(PlanVersionItem.objects.filter(version=first).values_list("text", flat=True)) == {
        "Jeg vil bo for meg selv",
        "Søke om bolig med NAV",
    }
    second = plan_version_adopt(actor=cast.holder, plan=plan)
    login(cast.holder)
    page = client.get(reverse("plan_version", args=[cast.youth.pk, second.pk])).content.decode()
    assert "Hva er endret siden versjon 1" in page
    assert "Jeg vil ha egen leilighet" in page and "Jeg vil bo for meg selv" in page  # new and before
    assert "Besøke leiligheten sammen" in page and "Ny" in page
    assert "evalueringsdato" in page
    first_page = client.get(reverse("plan_version", args=[cast.youth.pk, first.pk])).content.decode()
    assert "Jeg vil ha egen leilighet" not in first_page and "Hva er endret" not in first_page


def test_adopted_versions_are_append_only_down_to_the_database(cast):
    _goal_and_action(cast)
    version = plan_version_adopt(actor=cast.holder, plan=_plan(cast))
    with pytest.raises(AppendOnlyError):
        version.items.update(text="endret")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pathways_planversionitem SET text = 'endret' WHERE version_id = %s", [version.pk]
        )


def test_the_plan_pdf_holds_goals_responsibilities_and_on_every_page_name_and_version(cast, client, login):
    goal, _action = _goal_and_action(cast)
    for number in range(25):  # long enough for more than one page
        factories.action(goal, cast.holder, description=f"Tiltak nummer {number} med kontaktlærer")
    version = plan_version_adopt(actor=cast.holder, plan=_plan(cast))
    login(cast.holder)
    response = client.get(reverse("plan_version_pdf", args=[cast.youth.pk, version.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and "Sara" not in response["Content-Disposition"]
    texts = pages_text(response.content)
    assert len(texts) >= 2
    whole = " ".join(texts)
    assert "Jeg vil bo for meg selv" in whole and "Søke om bolig med NAV" in whole
    assert "Per Lærer" in whole and "Charlottenlund vgs" in whole  # who is responsible, and where
    assert "Kari Nordmann" in whole  # the coordinator
    for number, text in enumerate(texts, start=1):
        assert "Sara Ung" in text and "Versjon 1, vedtatt" in text
        assert f"side {number} av {len(texts)}" in text


def test_a_reader_without_consent_for_a_category_gets_a_pdf_without_it(cast, client, login):
    _goal_and_action(cast)
    health = factories.goal(
        cast.youth, cast.holder, description="Jeg vil slutte å skade meg", category="mental_health"
    )
    factories.action(health, cast.holder, description="Time hos psykolog i BUP", category="mental_health")
    version = plan_version_adopt(actor=cast.holder, plan=_plan(cast))
    url = reverse("plan_version_pdf", args=[cast.youth.pk, version.pk])
    login(cast.member)  # school: consent covers general and school only
    member_text = " ".join(pages_text(client.get(url).content))
    assert "Jeg vil bo for meg selv" in member_text
    assert "skade meg" not in member_text and "psykolog" not in member_text
    login(cast.holder)  # child welfare wrote it: its own agency always sees it
    assert "psykolog" in " ".join(pages_text(client.get(url).content))


def test_every_download_writes_an_access_log_row(cast, client, login):
    _goal_and_action(cast)
    version = plan_version_adopt(actor=cast.holder, plan=_plan(cast))
    login(cast.member)
    before = AccessLogEntry.objects.filter(user=cast.member, youth=cast.youth).count()
    client.get(reverse("plan_version_pdf", args=[cast.youth.pk, version.pk]))
    client.get(reverse("case_summary_pdf", args=[cast.youth.pk]))
    rows = AccessLogEntry.objects.filter(user=cast.member, youth=cast.youth).order_by("-id")[:2]
    assert AccessLogEntry.objects.filter(user=cast.member, youth=cast.youth).count() == before + 2
    assert {row.what.split(":")[0] for row in rows} == {"plan_version_pdf", "case_summary_pdf"}


def test_the_youth_sees_the_adopted_plan_and_says_yes(cast, client):
    goal, _action = _goal_and_action(cast)
    version = plan_version_adopt(actor=cast.holder, plan=_plan(cast))
    goal_update(actor=cast.holder, goal=goal, expected_version=goal.version, description="Ikke vedtatt ennå")
    youth = youth_account(cast.youth)
    sign_in(client, youth)
    page = client.get(reverse("my_individual_plan")).content.decode()
    assert "Jeg vil bo for meg selv" in page and "Søke om bolig med NAV" in page
    assert "Ikke vedtatt ennå" not in page  # the youth sees the adopted version, not the draft
    assert "Per Lærer gjør dette" in page
    response = client.post(reverse("my_plan_answer", args=[version.pk]), {"answer": "agreed"})
    assert response.status_code == 302
    assert PlanAgreement.objects.get(version=version).by == youth
    assert "Du sa ja til denne planen" in client.get(reverse("my_individual_plan")).content.decode()


def test_the_youth_cannot_answer_another_youths_plan(cast, client):
    _goal_and_action(cast)
    version = plan_version_adopt(actor=cast.holder, plan=_plan(cast))
    other = factories.youth(holder=cast.holder, first_name="Ola", last_name="Annen")
    sign_in(client, youth_account(other))
    assert client.post(reverse("my_plan_answer", args=[version.pk]), {"answer": "agreed"}).status_code == 404
    assert not PlanAgreement.objects.exists()


def test_the_case_summary_is_a_page_and_a_pdf_of_what_the_reader_may_see(cast, client, login):
    _goal_and_action(cast)
    factories.log_entry(cast.youth, cast.holder, text="Samtale om rusbruk", category="substance_use")
    factories.log_entry(cast.youth, cast.member, text="Møtte opp på skolen hele uka")
    login(cast.member)
    page = client.get(reverse("case_summary", args=[cast.youth.pk])).content.decode()
    assert "Møtte opp på skolen" in page and "rusbruk" not in page
    text = " ".join(pages_text(client.get(reverse("case_summary_pdf", args=[cast.youth.pk])).content))
    assert "Møtte opp på skolen" in text and "Søke om bolig med NAV" in text and "rusbruk" not in text


def test_versions_are_numbered_per_plan(cast):
    _goal_and_action(cast)
    plan = _plan(cast)
    assert [plan_version_adopt(actor=cast.holder, plan=plan).number for _ in range(3)] == [1, 2, 3]
    assert PlanVersion.objects.filter(plan=plan).count() == 3
