"""Reads of one youth's transitions (overganger)."""

from coordination.access import YouthAccess
from coordination.prepared import prepared
from pathways.models import Transition, TransitionStatus


def visible_transitions(access: YouthAccess):
    return Transition.objects.visible_to(access)


def transition_get(access: YouthAccess, transition_id: int) -> Transition:
    return access.get(visible_transitions(access), transition_id)


@prepared
def _open_transitions(youth_id: int, user_id: int, agency_id: int, categories: list[str]):
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    return (
        visible_transitions(access)
        .filter(status__in=(TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS))
        .select_related("responsible")
        .order_by("planned_date")
    )


def open_transitions(access: YouthAccess) -> list[Transition]:
    """Planned and ongoing transitions, for the overview (compiled once)."""
    return _open_transitions(**access.sql_arguments())


def transitions_for_youth(access: YouthAccess) -> list[Transition]:
    return list(visible_transitions(access).select_related("responsible").order_by("-planned_date"))
