"""Reads about the team around a youth and the youth's relatives."""

from django.db.models import QuerySet

from coordination.models import Relative, TeamMembership, User, Youth
from coordination.prepared import prepared


@prepared
def _team(youth_id: int):
    return (
        TeamMembership.objects.filter(youth=youth_id, ended_on__isnull=True)
        .select_related("user", "agency")
        .order_by("agency__name", "user__last_name")
    )


def team_for_youth(youth: Youth) -> list[TeamMembership]:
    """The team now (compiled once: the overview and the team page both list it)."""
    return _team(youth_id=youth.pk)


def team_member_choices(youth: Youth) -> QuerySet[User]:
    return User.objects.filter(
        memberships__youth=youth, memberships__ended_on__isnull=True, is_active=True
    ).order_by("last_name", "first_name")


def relatives_of(access) -> list[Relative]:
    return list(Relative.objects.visible_to(access).order_by("name"))
