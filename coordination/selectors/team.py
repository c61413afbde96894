"""Reads about the team around a youth and the youth's relatives."""

from django.db.models import QuerySet

from coordination.models import Relative, TeamMembership, User, Youth


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


def relatives_of(access) -> list[Relative]:
    return list(Relative.objects.visible_to(access).order_by("name"))
