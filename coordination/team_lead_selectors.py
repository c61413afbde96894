"""Reads for team leads: caseload metadata of their agency's staff, never case content."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, Func, Min, OuterRef, Q, QuerySet, Subquery
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
    """Staff of the agency who read many different youths lately, or outside their teams."""
    since = timezone.now() - datetime.timedelta(days=days)
    threshold = settings.UNUSUAL_ACCESS_YOUTHS_PER_WEEK
    outside_team = ~Exists(
        TeamMembership.objects.filter(youth=OuterRef("youth"), user=OuterRef("user"), ended_on__isnull=True)
    )
    rows = (
        AccessLogEntry.objects.filter(agency_id=lead.agency_id, at__gte=since)
        .alias(outside=outside_team)
        .values("user", "user__first_name", "user__last_name", "user__username")
        .annotate(
            youths=Count("youth", distinct=True),
            outside=Count("youth", filter=Q(outside=True), distinct=True),
            emergencies=Count("emergency", distinct=True),
        )
        .filter(Q(youths__gt=threshold) | Q(outside__gt=0) | Q(emergencies__gt=0))
        .order_by("-youths")
    )
    return list(rows[:50])
