"""A caseworker's "Min dag": due evaluations, meetings, reminders and silent youths, only where the
user may see the youth, facts only (no content), one click to the page, constant queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import Youth
from coordination.services.team import team_member_end
from pathways.models import Meeting
from tests import factories


def _due_action(youth, responsible, days=-1, **fields):
    goal = factories.goal(youth, responsible, description="Hemmelig mål")
    return factories.action(
        goal,
        responsible,
        description="Hemmelig tiltak",
        evaluation_date=timezone.localdate() + datetime.timedelta(days=days),
        **fields,
    )


def test_my_day_lists_what_is_due_with_links_and_no_content(cast, client, login):
    _due_action(cast.youth, cast.member, days=-2)
    meeting = Meeting.objects.create(
        youth=cast.youth,
        title="Hemmelig møtetittel",
        starts_at=timezone.now() + datetime.timedelta(hours=1),
        location="Skolen",
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    meeting.participants.set([cast.member])
    html = login(cast.member).get("/min-dag/").content.decode()
    assert f'href="/ungdommer/{cast.youth.pk}/plan/"' in html
    assert f'href="/ungdommer/{cast.youth.pk}/moter/"' in html
    assert "Over fristen" in html
    for secret in ("Hemmelig mål", "Hemmelig tiltak", "Hemmelig møtetittel"):
        assert secret not in html


def test_a_youth_i_no_longer_see_leaves_my_day(cast, client, login):
    _due_action(cast.youth, cast.member)
    membership = cast.youth.team_memberships.get(user=cast.member)
    team_member_end(actor=cast.holder, youth=cast.youth, membership=membership)
    assert cast.youth.full_name not in login(cast.member).get("/min-dag/").content.decode()


def test_youths_i_hold_without_contact_in_time_are_listed(cast, client, login):
    Youth.objects.filter(pk=cast.youth.pk).update(
        follow_up_days=7, last_contact_at=timezone.now() - datetime.timedelta(days=20)
    )
    html = login(cast.holder).get("/min-dag/").content.decode()
    assert f'href="/ungdommer/{cast.youth.pk}/logg/"' in html
    assert "20 dager siden kontakt" in html


def test_my_day_query_count_is_constant(cast, client, login):
    login(cast.member)
    counts = []
    for size in (3, 30):
        for number in range(size):
            youth = factories.youth(holder=cast.holder, last_name=f"Dag{size}-{number}")
            factories.add_member(youth, cast.member)
            factories.consent(youth, cast.holder, {(cast.member.agency_id, "general")})
            _due_action(youth, cast.member)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/min-dag/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
