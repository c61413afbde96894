"""Reads of one youth's transitions (overganger)."""

from coordination.access import YouthAccess
from pathways.models import Transition, TransitionStatus


def visible_transitions(access: YouthAccess):
    return Transition.objects.visible_to(access)


def transition_get(access: YouthAccess, transition_id: int) -> Transition:
    return access.get(visible_transitions(access), transition_id)


def open_transitions(access: YouthAccess) -> list[Transition]:
    return list(
        visible_transitions(access)
        .filter(status__in=(TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS))
        .select_related("responsible")
        .order_by("planned_date")
    )


def transitions_for_youth(access: YouthAccess) -> list[Transition]:
    return list(visible_transitions(access).select_related("responsible").order_by("-planned_date"))
