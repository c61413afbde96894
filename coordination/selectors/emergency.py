"""Reads about emergency accesses (break the glass) for their review.

Every emergency access is reviewed by someone other than the one who used it: a team lead of their
agency, or, when the agency has no other lead (a lead's own access, or an agency with one lead),
a privacy officer (personvernombud). Nobody reviews their own.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from coordination.access import is_team_lead
from coordination.models import EmergencyAccess, User


def _another_lead() -> Exists:
    return Exists(
        User.objects.filter(agency_id=OuterRef("agency_id"), is_team_lead=True, is_active=True).exclude(
            pk=OuterRef("user_id")
        )
    )


def emergency_accesses_to_review(reviewer: User) -> QuerySet[EmergencyAccess]:
    """The unreviewed emergency accesses this user is to review."""
    if not reviewer.is_authenticated or not reviewer.is_active:
        return EmergencyAccess.objects.none()
    theirs = Q(pk__in=[])
    if is_team_lead(reviewer):
        theirs |= Q(agency_id=reviewer.agency_id)
    if reviewer.is_privacy_officer:
        theirs |= ~Q(_another_lead())
    return (
        EmergencyAccess.objects.filter(theirs, reviewed_at__isnull=True)
        .exclude(user=reviewer)
        .select_related("user", "youth", "agency")
        .order_by("started_at")
    )


def may_review(reviewer: User, emergency: EmergencyAccess) -> bool:
    return emergency_accesses_to_review(reviewer).filter(pk=emergency.pk).exists()
