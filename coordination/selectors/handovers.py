"""Reads about the baton: pending handovers and who held it when."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from coordination.access import youths_visible_to
from coordination.models import Handover, HandoverStatus, StafettholderPeriod, User, Youth


def pending_handover(access) -> Handover | None:
    if getattr(access.youth, "pending_handover_id", 0) is None:
        return None  # none pending when the access was resolved (coordination.access.staff)
    return (
        Handover.objects.visible_to(access)
        .filter(status=HandoverStatus.PENDING)
        .select_related("from_user", "to_user")
        .first()
    )


def stafettholder_history(youth: Youth) -> list[StafettholderPeriod]:
    return list(StafettholderPeriod.objects.filter(youth=youth).select_related("user", "user__agency"))


def incoming_handovers(user: User) -> QuerySet[Handover]:
    """Handovers waiting for this user's answer, only for youths the user can see."""
    return (
        Handover.objects.filter(
            to_user=user, status=HandoverStatus.PENDING, youth__in=youths_visible_to(user)
        )
        .select_related("youth", "from_user", "from_user__agency")
        .order_by("requested_at")
    )


def reassigned_to(user: User, days: int = 14) -> QuerySet[Handover]:
    """Batons a team lead gave this user lately, for youths the user can see."""
    since = timezone.now() - datetime.timedelta(days=days)
    return (
        Handover.objects.filter(
            to_user=user,
            status=HandoverStatus.REASSIGNED,
            responded_at__gte=since,
            youth__in=youths_visible_to(user),
        )
        .select_related("youth", "reassigned_by")
        .order_by("-responded_at")
    )
