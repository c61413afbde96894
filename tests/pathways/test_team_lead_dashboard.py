"""The team lead's dashboard: every figure is the count of the list behind it, leads see facts and no
content, and giving the baton to someone else keeps exactly one holder."""

import datetime
import re
import statistics
from collections import Counter

from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from coordination.models import Handover, HandoverStatus, StafettholderPeriod, User, Youth
from pathways import sweep, tasks
from pathways.models import AgencyFigures
from pathways.selectors import team_lead as selectors
from pathways.services import dashboards
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


def _shown_counts(html: str) -> dict[str, int]:
    return {key: int(n) for key, n in FIGURE_ON_PAGE.findall(html)}


FIGURE_ON_PAGE = re.compile(
    r'href="/teamleder/liste/([a-z0-9-]+)/(?:\?[^"]*)?"><span class="figure__count">(\d+)</span>'
)


def test_every_figure_equals_the_count_of_its_list(cast, client, login):
    _lapsed_world(cast)
    lead = cast.team_lead
    counts = selectors.figure_counts(lead.agency_id)
    assert counts["overdue-evaluations"] == 1
    login(lead)
    shown = _shown_counts(client.get("/teamleder/").content.decode())  # counted now, and stored
    assert shown == counts
    assert _shown_counts(client.get("/teamleder/").content.decode()) == counts  # read back stored
    for key, count in counts.items():
        assert selectors.youths_for_figure(lead, key).count() == count, key
        html = client.get(f"/teamleder/liste/{key}/").content.decode()
        assert html.count("<li><strong>") == count, key


def test_the_sweep_task_stores_the_figures_of_the_lapses_it_stored(cast, client, login):
    goal = factories.goal(cast.youth, cast.holder)
    factories.action(goal, cast.member, evaluation_date=timezone.localdate() - datetime.timedelta(days=3))
    result = tasks.sweep_reminders.apply().get()
    assert result["dashboards"] >= 1
    stored = AgencyFigures.objects.get(agency_id=cast.team_lead.agency_id)
    assert stored.figures["counts"]["overdue-evaluations"] == 1
    assert stored.figures["counts"] == selectors.figure_counts(cast.team_lead.agency_id)
    html = login(cast.team_lead).get("/teamleder/").content.decode()
    assert _shown_counts(html)["overdue-evaluations"] == 1
    assert "Tallene er fra kl." in html


def test_stored_figures_are_shown_while_fresh_and_never_when_old(cast, client, login, settings):
    lead = cast.team_lead
    dashboards.refresh(lead.agency_id)
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)  # after the count: not yet shown
    login(lead)
    assert _shown_counts(client.get("/teamleder/").content.decode())["no-active-holder"] == 0
    # "Update now" counts at once.
    response = client.post("/teamleder/oppdater/")
    assert response.status_code == 302
    assert _shown_counts(client.get("/teamleder/").content.decode())["no-active-holder"] == 1
    # A row older than the limit is counted anew, whatever it says.
    User.objects.filter(pk=cast.holder.pk).update(is_active=True)
    old = timezone.now() - settings.DASHBOARD_FIGURES_MAX_AGE - datetime.timedelta(seconds=1)
    AgencyFigures.objects.filter(agency_id=lead.agency_id).update(computed_at=old)
    assert _shown_counts(client.get("/teamleder/").content.decode())["no-active-holder"] == 0
    # Filtered by staff member: always counted now.
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)
    html = client.get(f"/teamleder/?holder={cast.holder.pk}").content.decode()
    assert _shown_counts(html)["no-active-holder"] == 1
    # Only a team lead may have the figures counted.
    assert login(cast.member).post("/teamleder/oppdater/").status_code == 404


def test_the_leads_own_action_is_counted_on_their_next_view(cast, client, login):
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)  # the holder has left
    lead = cast.team_lead
    login(lead)
    assert _shown_counts(client.get("/teamleder/").content.decode())["no-active-holder"] == 1  # stored
    client.post(f"/teamleder/ungdommer/{cast.youth.pk}/stafett/", {"to_user": cast.member.pk})
    assert _shown_counts(client.get("/teamleder/").content.decode())["no-active-holder"] == 0


@hypothesis_settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=60))
def test_the_median_of_counted_days_is_the_median_of_the_days(days):
    assert selectors._median(dict(Counter(days))) == statistics.median(days)


def test_the_dashboard_shows_facts_and_no_content(cast, client, login):
    _lapsed_world(cast)
    html = login(cast.team_lead).get("/teamleder/").content.decode()
    assert 'href="/teamleder/liste/overdue-evaluations/"' in html
    for secret in ("Hemmelig mål om rus", "Hemmelig tiltak", "Hemmelig logg"):
        assert secret not in html
    assert login(cast.holder).get("/teamleder/").status_code == 404
    assert client.get("/teamleder/liste/not-a-figure/").status_code == 404


def test_giving_the_baton_to_someone_else_keeps_exactly_one_holder(
    cast, client, login, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)  # the holder has left
    User.objects.filter(pk=cast.member.pk).update(email="per.laerer@skole.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(cast.team_lead).post(
            f"/teamleder/ungdommer/{cast.youth.pk}/stafett/",
            {"to_user": cast.member.pk, "note": "Du tar over"},
        )
    assert response.status_code == 302
    cast.youth.refresh_from_db()
    assert cast.youth.stafettholder == cast.member
    assert StafettholderPeriod.objects.filter(youth=cast.youth, ended_at__isnull=True).count() == 1
    assert Handover.objects.get(status=HandoverStatus.REASSIGNED).reassigned_by == cast.team_lead
    assert cast.youth.log_entries.filter(kind="handover", text__contains=str(cast.member)).exists()
    assert cast.youth.access_log.filter(user=cast.team_lead, role="team_lead").exists()
    # The new holder is told, without the youth's name, where to look; and finds the baton there.
    [mail] = mailoutbox
    assert mail.to == ["per.laerer@skole.example"] and "/stafetter/" in mail.body
    assert cast.youth.first_name not in mail.subject + mail.body
    assert cast.youth.last_name in login(cast.member).get("/stafetter/").content.decode()


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


CHART_BAR = re.compile(r'<rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)" class="chart__bar">')


def test_the_charts_draw_their_bars_in_norwegian_too(cast, client, login):
    """Coordinates such as 12.5 must not come out as bokmål's "12,5": no SVG length, no bar drawn."""
    factories.youth(holder=cast.holder, last_name="Annen")
    html = login(cast.team_lead).get("/teamleder/").content.decode()
    assert 'lang="nb"' in html
    bars = CHART_BAR.findall(html)
    assert len(bars) == 4 + 12  # the levels, and the new cases of 12 months
    coordinates = [[float(value) for value in bar] for bar in bars]  # a "12,5" raises here
    assert all(min(bar) >= 0 for bar in coordinates)
    assert any(height > 0 for *_xyw, height in coordinates)  # this month's new cases at least


def test_the_period_filter_shows_the_last_months_of_the_trends(cast, client, login):
    login(cast.team_lead)
    months = re.compile(r'<th scope="col">(\d\d\.\d\d)</th>')
    full = months.findall(client.get("/teamleder/").content.decode())
    assert len(full) == 12
    html = client.get("/teamleder/?period=3").content.decode()
    assert months.findall(html) == full[-3:]
    assert "Nye saker, siste 3 måneder" in html
    assert len(months.findall(client.get("/teamleder/?period=7").content.decode())) == 12  # not a choice
