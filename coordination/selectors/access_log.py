"""Reads of the access log: one youth's (innsynslogg) and the team lead's unusual-access report."""

import datetime

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from coordination.models import AccessLogEntry, TeamMembership, User, Youth


def access_log_for_youth(youth: Youth) -> QuerySet[AccessLogEntry]:
    return (
        AccessLogEntry.objects.filter(youth=youth)
        .select_related("user", "agency", "emergency")
        .order_by("-at", "-id")
    )


def unusual_access(agency_id: int, days: int = 7) -> list[dict]:
    """Staff of the agency who read many different youths lately, read youths they are not on the
    team of, or used emergency access. Bounded queries over the recent access log and the
    memberships it names (a correlated anti-join would scan every membership in the municipality)."""
    since = timezone.now() - datetime.timedelta(days=days)
    threshold = settings.UNUSUAL_ACCESS_YOUTHS_PER_WEEK
    recent = AccessLogEntry.objects.filter(agency_id=agency_id, at__gte=since)
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
