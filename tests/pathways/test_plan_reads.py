"""The plan page's read (three prepared queries joined up in Python) gives exactly what Django's
prefetch_related gave, for a reader who sees every category and one who sees only some: the same goals,
actions and evaluations in the same order, and nothing hidden, with no query when a template walks it."""

import pytest
from django.db.models import Prefetch

from coordination.access import youth_access_for_user
from coordination.models import Sector
from pathways.models import Evaluation
from pathways.selectors.plan import plan_for_youth, visible_actions, visible_goals
from tests import factories

pytestmark = pytest.mark.django_db


def _prefetched(access):
    evaluations = Evaluation.objects.visible_to(access).order_by("-evaluated_at", "-id")
    actions = visible_actions(access).prefetch_related(Prefetch("evaluations", queryset=evaluations))
    goals = visible_goals(access).prefetch_related(Prefetch("actions", queryset=actions))
    return list(goals.order_by("status", "created_at", "id"))


def _shape(goals):
    return [
        (goal.pk, [(action.pk, [e.pk for e in action.evaluations.all()]) for action in goal.actions.all()])
        for goal in goals
    ]


def _evaluate(action, by, category, text):
    return Evaluation.objects.create(
        action=action,
        outcome="partly",
        assessment=text,
        youth_view="Greit",
        next_step="continue",
        category=category,
        evaluated_by=by,
        agency=by.agency,
    )


@pytest.fixture
def plan():
    school, health = factories.agency(sector=Sector.SCHOOL), factories.agency(sector=Sector.SCHOOL_HEALTH)
    holder = factories.staff(agency=school)
    nurse = factories.staff(agency=health)
    youth = factories.youth(holder=holder)
    factories.add_member(youth, nurse)
    # The nurse's agency may read "general" only; the school's texts in other categories are hidden.
    factories.consent(youth, holder, {(health.pk, "general")})
    open_goal = factories.goal(youth, holder, category="general")
    hidden_goal = factories.goal(youth, holder, category="mental_health")
    for goal in (open_goal, hidden_goal, factories.goal(youth, holder, category="general", status="reached")):
        for category in ("general", "mental_health"):
            action = factories.action(goal, holder, category=category)
            _evaluate(action, holder, "general", "Bra")
            _evaluate(action, holder, "mental_health", "Skjult")
            _evaluate(action, nurse, "health", "Helsestasjonen skrev")
    return youth, holder, nurse


@pytest.mark.parametrize("reader", ["holder", "nurse"])
def test_the_plan_reads_as_the_prefetch_did(plan, reader, django_assert_num_queries):
    youth, holder, nurse = plan
    access = youth_access_for_user(holder if reader == "holder" else nurse, youth.pk)
    expected = _shape(_prefetched(access))
    with django_assert_num_queries(3):
        goals = plan_for_youth(access)
        got = _shape(goals)
        # Each action knows its goal and each evaluation its action, as after prefetch_related.
        assert all(a.goal is g for g in goals for a in g.actions.all())
        assert all(e.action is a for g in goals for a in g.actions.all() for e in a.evaluations.all())
    assert got == expected
    # Hiding is exercised: the holder's school has no consent, so it reads its own texts only (3 goals,
    # 6 actions, 12 of 18 evaluations); the nurse reads "general" and the health service's own.
    shown = sum(len(evaluations) for _goal, actions in got for _action, evaluations in actions)
    assert shown == (12 if reader == "holder" else 4)
