"""The team lead's dashboard: every figure is the count of the list behind it, leads see facts and no
content, and giving the baton to someone else keeps exactly one holder."""

import datetime

from django.utils import timezone

from coordination.models import Handover, HandoverStatus, StafettholderPeriod, User, Youth
from pathways import sweep
from pathways.selectors import team_lead as selectors
from tests import factories


def _lapsed_world(cast):
    goal = factories.goal(cast.youth, cast.holder, description="Hemmelig mål om rus")
    factories.action(
        goal,
        cast.member,
        description="Hemmelig tiltak",
        evaluation_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    factories.log_entry(cast.youth, cast.holder, text="Hemmelig logg")
    other = factories.youth(holder=cast.holder, last_name="Annen")
    Youth.objects.filter(pk=other.pk).update(last_contact_at=timezone.now() - datetime.timedelta(days=200))
    sweep.run()
    return other


def test_every_figure_equals_the_count_of_its_list(cast, client, login):
    _lapsed_world(cast)
    lead = cast.team_lead
    counts = {figure.key: count for figure, count in selectors.figure_counts(lead)}
    assert counts["overdue-evaluations"] == 1
    for key, count in counts.items():
        assert selectors.youths_for_figure(lead, key).count() == count, key
        html = login(lead).get(f"/teamleder/liste/{key}/").content.decode()
        assert html.count("<li><strong>") == count, key


def test_the_dashboard_shows_facts_and_no_content(cast, client, login):
    _lapsed_world(cast)
    html = login(cast.team_lead).get("/teamleder/").content.decode()
    assert 'href="/teamleder/liste/overdue-evaluations/"' in html
    for secret in ("Hemmelig mål om rus", "Hemmelig tiltak", "Hemmelig logg"):
        assert secret not in html
    assert login(cast.holder).get("/teamleder/").status_code == 404
    assert client.get("/teamleder/liste/not-a-figure/").status_code == 404


def test_giving_the_baton_to_someone_else_keeps_exactly_one_holder(cast, client, login):
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)  # the holder has left
    response = login(cast.team_lead).post(
        f"/teamleder/ungdommer/{cast.youth.pk}/stafett/", {"to_user": cast.member.pk, "note": "Du tar over"}
    )
    assert response.status_code == 302
    cast.youth.refresh_from_db()
    assert cast.youth.stafettholder == cast.member
    assert StafettholderPeriod.objects.filter(youth=cast.youth, ended_at__isnull=True).count() == 1
    assert Handover.objects.get(status=HandoverStatus.REASSIGNED).reassigned_by == cast.team_lead
    assert cast.youth.log_entries.filter(kind="handover", text__contains=str(cast.member)).exists()
    assert cast.youth.access_log.filter(user=cast.team_lead, role="team_lead").exists()


def test_only_a_team_member_can_be_given_the_baton_and_only_by_the_holders_lead(cast, client, login):
    response = login(cast.team_lead).post(
        f"/teamleder/ungdommer/{cast.youth.pk}/stafett/", {"to_user": cast.outsider.pk}
    )
    assert response.status_code == 200  # not a choice: the form says so
    other_lead = factories.staff(agency=cast.member.agency, is_team_lead=True)
    assert login(other_lead).get(f"/teamleder/ungdommer/{cast.youth.pk}/stafett/").status_code == 404
    cast.youth.refresh_from_db()
    assert cast.youth.stafettholder == cast.holder


def test_a_leaving_members_caseload_moves_in_one_reviewed_step(cast, client, login):
    second = factories.youth(holder=cast.holder, last_name="Andre")
    factories.add_member(second, cast.member)
    login(cast.team_lead)
    url = f"/teamleder/ansatte/{cast.holder.pk}/stafetter/"
    choices = {f"youth_{cast.youth.pk}": cast.member.pk, f"youth_{second.pk}": cast.member.pk}
    review = client.post(url, choices)
    assert (
        review.status_code == 200 and "Gjennomgå" in review.content.decode()
    ) or "→" in review.content.decode()
    assert Youth.objects.filter(stafettholder=cast.holder).count() == 2  # nothing changed yet
    done = client.post(url, {**choices, "confirm": "True"})
    assert done.status_code == 302
    assert Youth.objects.filter(stafettholder=cast.member).count() == 2
