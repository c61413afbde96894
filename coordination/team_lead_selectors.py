"""Reads for team leads: caseload metadata of their agency's staff, never case content."""

import datetime

from django.conf import settings
from django.db.models import Count, F, Func, Min, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from coordination.models import AccessLogEntry, EmergencyAccess, TeamMembership, User, Youth


def agency_youths(lead: User) -> QuerySet[Youth]:
    """Youths whose stafettholder or a team member belongs to the lead's agency (metadata only)."""
    from pathways.models import OPEN_ACTION_STATUSES, Action

    # The stafettholder is always a team member, so membership alone finds the agency's youths.
    on_team = TeamMembership.objects.filter(agency_id=lead.agency_id, ended_on__isnull=True).values(
        "youth_id"
    )
    next_evaluation = (
        Action.objects.filter(youth=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES)
        .values("youth")
        .annotate(first=Min("evaluation_date"))
        .values("first")
    )
    return (
        Youth.objects.filter(pk__in=on_team, status="active")
        .select_related("stafettholder")
        .annotate(next_evaluation=Subquery(next_evaluation[:1]))
        .order_by("last_contact_at", "last_name", "pk")
    )


def staff_caseloads(lead: User) -> QuerySet[User]:
    holding = Youth.objects.filter(stafettholder=OuterRef("pk"), status="active")
    teams = TeamMembership.objects.filter(user=OuterRef("pk"), ended_on__isnull=True)
    return (
        User.objects.filter(agency_id=lead.agency_id)
        .annotate(
            holding=Coalesce(_count(holding), 0),
            teams=Coalesce(_count(teams), 0),
        )
        .order_by("-is_active", "last_name", "first_name")
    )


def _count(queryset) -> Subquery:
    """COUNT(*) as a correlated subquery: one indexed probe per row instead of a join explosion."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1])


def emergency_accesses_to_review(lead: User) -> QuerySet[EmergencyAccess]:
    return (
        EmergencyAccess.objects.filter(agency_id=lead.agency_id, reviewed_at__isnull=True)
        .exclude(user=lead)
        .select_related("user", "youth")
        .order_by("started_at")
    )


def unusual_access(lead: User, days: int = 7) -> list[dict]:
    """Staff of the agency who read many different youths lately, read youths they are not on the
    team of, or used emergency access. Bounded queries over the recent access log and the
    memberships it names (a correlated anti-join would scan every membership in the municipality)."""
    since = timezone.now() - datetime.timedelta(days=days)
    threshold = settings.UNUSUAL_ACCESS_YOUTHS_PER_WEEK
    recent = AccessLogEntry.objects.filter(agency_id=lead.agency_id, at__gte=since)
    pairs = set(recent.values_list("user_id", "youth_id"))
    emergencies = dict(
        recent.filter(emergency__isnull=False)
        .values("user_id")
        .annotate(n=Count("emergency", distinct=True))
        .values_list("user_id", "n")
    )
    users = {user for user, _youth in pairs}
    on_team = set(
        TeamMembership.objects.filter(
            user_id__in=users, youth_id__in={youth for _user, youth in pairs}, ended_on__isnull=True
        ).values_list("user_id", "youth_id")
    )
    youths_read: dict[int, int] = {}
    outside: dict[int, int] = {}
    for user, youth in pairs:
        youths_read[user] = youths_read.get(user, 0) + 1
        if (user, youth) not in on_team:
            outside[user] = outside.get(user, 0) + 1
    flagged = [
        user for user in users if youths_read[user] > threshold or outside.get(user) or emergencies.get(user)
    ]
    people = User.objects.in_bulk(flagged)
    rows = [
        {
            "user": user,
            "user__first_name": people[user].first_name,
            "user__last_name": people[user].last_name,
            "user__username": people[user].username,
            "youths": youths_read[user],
            "outside": outside.get(user, 0),
            "emergencies": emergencies.get(user, 0),
        }
        for user in flagged
    ]
    return sorted(rows, key=lambda row: -row["youths"])[:50]
