"""Reads that bring both apps together for overview pages: "Mine ungdommer" and the team lead's
caseload metadata (never content). Scoped in SQL to what the user may see."""

from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from coordination.access import youths_visible_to
from coordination.models import Handover, HandoverStatus, TeamMembership, User, Youth, YouthStatus
from pathways.selectors.plan import next_evaluation


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
    pending = Handover.objects.filter(youth=OuterRef("pk"), status=HandoverStatus.PENDING)
    youths = (
        youths_visible_to(user)
        .select_related("stafettholder", "stafettholder__agency")
        .annotate(next_evaluation=next_evaluation(), has_pending_handover=Exists(pending))
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


def agency_youths(lead: User) -> QuerySet[Youth]:
    """Youths whose stafettholder or a team member belongs to the lead's agency (metadata only)."""
    # The stafettholder is always a team member, so membership alone finds the agency's youths.
    on_team = TeamMembership.objects.filter(agency_id=lead.agency_id, ended_on__isnull=True).values(
        "youth_id"
    )
    return (
        Youth.objects.filter(pk__in=on_team, status=YouthStatus.ACTIVE)
        .select_related("stafettholder")
        .annotate(next_evaluation=next_evaluation())
        .order_by("last_contact_at", "last_name", "pk")
    )


def staff_caseloads(lead: User) -> QuerySet[User]:
    holding = Youth.objects.filter(stafettholder=OuterRef("pk"), status=YouthStatus.ACTIVE)
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
