"""Reads about emergency accesses (break the glass) for their review."""

from django.db.models import QuerySet

from coordination.models import EmergencyAccess, User


def emergency_accesses_to_review(lead: User) -> QuerySet[EmergencyAccess]:
    return (
        EmergencyAccess.objects.filter(agency_id=lead.agency_id, reviewed_at__isnull=True)
        .exclude(user=lead)
        .select_related("user", "youth")
        .order_by("started_at")
    )
