"""Reads of one youth's transitions (overganger)."""

from coordination.access import YouthAccess
from pathways.models import Transition, TransitionStatus


def transition_get(access: YouthAccess, transition_id: int) -> Transition:
    return access.get(Transition.objects.all(), transition_id)


def open_transitions(access: YouthAccess) -> list[Transition]:
    return list(
        Transition.objects.filter(
            youth=access.youth, status__in=(TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS)
        )
        .select_related("responsible")
        .order_by("planned_date")
    )


def transitions_for_youth(access: YouthAccess) -> list[Transition]:
    return list(
        Transition.objects.filter(youth=access.youth).select_related("responsible").order_by("-planned_date")
    )
