"""Reads for team leads: caseload metadata of their agency's staff, never case content."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from coordination.models import AccessLogEntry, EmergencyAccess, TeamMembership, User, Youth


def agency_youths(lead: User) -> QuerySet[Youth]:
    """Youths whose stafettholder or a team member belongs to the lead's agency (metadata only)."""
    from pathways.models import OPEN_ACTION_STATUSES, Action

    on_team = TeamMembership.objects.filter(
        youth=OuterRef("pk"), agency_id=lead.agency_id, ended_on__isnull=True
    )
    next_evaluation = (
        Action.objects.filter(youth=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES)
        .values("youth")
        .annotate(first=Min("evaluation_date"))
        .values("first")
    )
    return (
        Youth.objects.filter(Q(stafettholder__agency_id=lead.agency_id) | Exists(on_team), status="active")
        .select_related("stafettholder")
        .annotate(next_evaluation=Subquery(next_evaluation[:1]))
        .order_by("last_contact_at", "last_name", "pk")
    )


def staff_caseloads(lead: User) -> QuerySet[User]:
    return (
        User.objects.filter(agency_id=lead.agency_id)
        .annotate(
            holding=Count("held_youths", filter=Q(held_youths__status="active"), distinct=True),
            teams=Count("memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True),
        )
        .order_by("-is_active", "last_name", "first_name")
    )


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
