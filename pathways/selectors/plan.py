"""Reads of one youth's action plan (goals, actions, evaluations), filtered to what the YouthAccess
may see (covered categories, or written by the user's own agency)."""

from django.db.models import Min, OuterRef, Prefetch, QuerySet, Subquery

from coordination.access import YouthAccess
from coordination.models.content import related
from coordination.prepared import prepared
from pathways.models import OPEN_ACTION_STATUSES, Action, Evaluation, Goal

OPEN_ACTIONS_SHOWN = 10


def visible_goals(access: YouthAccess) -> QuerySet[Goal]:
    return Goal.objects.visible_to(access)


def visible_actions(access: YouthAccess) -> QuerySet[Action]:
    return Action.objects.visible_to(access)


def goal_get(access: YouthAccess, goal_id: int) -> Goal:
    return access.get(visible_goals(access), goal_id)


def action_get(access: YouthAccess, action_id: int) -> Action:
    """The action, with `visible_goal`: its goal when the user may see the goal too, else None."""
    action = access.get(visible_actions(access).with_related(access, "goal"), action_id)
    action.visible_goal = related(action, "goal", access.user.pk)
    return action


def plan_for_youth(access: YouthAccess) -> list[Goal]:
    """Goals → actions → evaluations in three queries, however long the plan."""
    evaluations = (
        Evaluation.objects.visible_to(access).select_related("evaluated_by").order_by("-evaluated_at", "-id")
    )
    actions = (
        visible_actions(access)
        .select_related("responsible", "responsible_agency", "evaluator")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
    )
    return list(
        visible_goals(access)
        .select_related("created_by")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("status", "created_at", "id")
    )


@prepared
def _open_actions(youth_id: int, user_id: int, agency_id: int, categories: list[str]):
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    return (
        visible_actions(access)
        .filter(status__in=OPEN_ACTION_STATUSES)
        .select_related("responsible", "responsible_agency")
        .order_by("evaluation_date", "id")[:OPEN_ACTIONS_SHOWN]
    )


def open_actions(access: YouthAccess) -> list[Action]:
    """The open actions the overview lists, the nearest evaluation first (compiled once)."""
    return _open_actions(**access.sql_arguments())


def next_evaluation() -> Subquery:
    """The earliest evaluation date of a youth's open actions, for list pages (one indexed probe a row)."""
    first = (
        Action.objects.filter(youth=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES)
        .values("youth")
        .annotate(first=Min("evaluation_date"))
        .values("first")
    )
    return Subquery(first[:1])
