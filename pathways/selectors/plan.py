"""Reads of one youth's action plan (goals, actions, evaluations), filtered to what the YouthAccess
may see (covered categories, or written by the user's own agency)."""

from django.db.models import Min, OuterRef, QuerySet, Subquery

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


@prepared
def _plan_goals(youth_id: int, user_id: int, agency_id: int, categories: list[str]):
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    return visible_goals(access).select_related("created_by").order_by("status", "created_at", "id")


@prepared
def _plan_actions(youth_id: int, user_id: int, agency_id: int, categories: list[str]):
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    return visible_actions(access).select_related("responsible", "responsible_agency", "evaluator")


@prepared
def _plan_evaluations(youth_id: int, user_id: int, agency_id: int, categories: list[str]):
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    return (
        Evaluation.objects.visible_to(access).select_related("evaluated_by").order_by("-evaluated_at", "-id")
    )


def plan_for_youth(access: YouthAccess) -> list[Goal]:
    """Goals → actions → evaluations in three queries, however long the plan: the visible rows of each
    (compiled once), joined up as prefetch_related would, so `goal.actions.all` and
    `action.evaluations.all` read them without a query. A visible action of a hidden goal, or a visible
    evaluation of a hidden action, has nowhere to go and is not shown, as with the prefetch."""
    arguments = access.sql_arguments()
    goals = _plan_goals(**arguments)
    actions = _plan_actions(**arguments)
    _attach(actions, "evaluations", Evaluation, _plan_evaluations(**arguments), "action")
    _attach(goals, "actions", Action, actions, "goal")
    return goals


def _attach(parents: list, name: str, model, children: list, parent_field: str) -> None:
    """What prefetch_related leaves: on each parent a queryset holding its children as its results,
    under the reverse relation's name (Django's own prefetch does the same, QuerySet._result_cache),
    and on each child its parent."""
    field = model._meta.get_field(parent_field)
    by_parent: dict[int, list] = {}
    for child in children:
        by_parent.setdefault(getattr(child, field.attname), []).append(child)
    for parent in parents:
        for child in by_parent.get(parent.pk, []):
            field.set_cached_value(child, parent)
        rows = QuerySet(model=model)
        rows._result_cache = by_parent.get(parent.pk, [])
        rows._prefetch_done = True
        parent.__dict__.setdefault("_prefetched_objects_cache", {})[name] = rows


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
