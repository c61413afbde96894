"""Reads about the baton: pending handovers and who held it when."""

import datetime

from django.db.models import OuterRef
from django.utils import timezone

from coordination.access import sees_youth
from coordination.models import Handover, HandoverStatus, StafettholderPeriod, User, Youth
from coordination.prepared import prepared


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


@prepared
def _incoming(user_id: int, today: datetime.date):
    return (
        Handover.objects.filter(sees_youth(user_id, OuterRef("youth_id"), today))
        .filter(to_user=user_id, status=HandoverStatus.PENDING)
        .select_related("youth", "from_user", "from_user__agency")
        .order_by("requested_at")
    )


@prepared
def _reassigned(user_id: int, today: datetime.date, since: datetime.datetime):
    return (
        Handover.objects.filter(sees_youth(user_id, OuterRef("youth_id"), today))
        .filter(to_user=user_id, status=HandoverStatus.REASSIGNED, responded_at__gte=since)
        .select_related("youth", "reassigned_by")
        .order_by("-responded_at")
    )


def incoming_handovers(user: User) -> list[Handover]:
    """Handovers waiting for this user's answer, only for youths the user can see (compiled once:
    the page every caseworker opens; coordination/prepared.py)."""
    return _incoming(user_id=user.pk, today=timezone.localdate())


def reassigned_to(user: User, days: int = 14) -> list[Handover]:
    """Batons a team lead gave this user lately, for youths the user can see."""
    since = timezone.now() - datetime.timedelta(days=days)
    return _reassigned(user_id=user.pk, today=timezone.localdate(), since=since)
