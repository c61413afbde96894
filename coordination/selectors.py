"""Reads about youths and teams, already scoped to what the user may see."""

from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from coordination.access import youths_visible_to
from coordination.models import Handover, HandoverStatus, StafettholderPeriod, TeamMembership, User, Youth


def my_youths(
    user: User,
    *,
    search: str = "",
    status: str = "active",
    level: int | None = None,
    holder_only: bool = False,
    order: str = "name",
) -> QuerySet[Youth]:
    """The "Mine ungdommer" list: one query for the page, whatever the caseload."""
    from pathways.models import OPEN_ACTION_STATUSES, Action

    next_evaluation = (
        Action.objects.filter(youth=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES)
        .values("youth")
        .annotate(first=Min("evaluation_date"))
        .values("first")
    )
    pending = Handover.objects.filter(youth=OuterRef("pk"), status=HandoverStatus.PENDING)
    youths = (
        youths_visible_to(user)
        .select_related("stafettholder", "stafettholder__agency")
        .annotate(next_evaluation=Subquery(next_evaluation[:1]), has_pending_handover=Exists(pending))
    )
    if status in ("active", "closed"):
        youths = youths.filter(status=status)
    if level is not None:
        youths = youths.filter(bti_level=level)
    if holder_only:
        youths = youths.filter(stafettholder=user)
    for word in search.split()[:5]:
        youths = youths.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(municipality__icontains=word)
        )
    orderings = {
        "name": ("last_name", "first_name", "pk"),
        "evaluation": ("next_evaluation", "last_name", "pk"),
        "contact": ("last_contact_at", "last_name", "pk"),
        "level": ("-bti_level", "last_name", "pk"),
    }
    return youths.order_by(*orderings.get(order, orderings["name"]))


def days_since(moment) -> int | None:
    if moment is None:
        return None
    return (timezone.localdate() - timezone.localtime(moment).date()).days


def team_for_youth(youth: Youth) -> list[TeamMembership]:
    return list(
        TeamMembership.objects.filter(youth=youth, ended_on__isnull=True)
        .select_related("user", "agency")
        .order_by("agency__name", "user__last_name")
    )


def team_member_choices(youth: Youth) -> QuerySet[User]:
    return User.objects.filter(
        memberships__youth=youth, memberships__ended_on__isnull=True, is_active=True
    ).order_by("last_name", "first_name")


def pending_handover(youth: Youth) -> Handover | None:
    return (
        Handover.objects.filter(youth=youth, status=HandoverStatus.PENDING)
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
