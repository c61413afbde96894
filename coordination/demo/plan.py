"""The action plan: goals in the youth's own words, actions with a responsible person, evaluations."""

import datetime as dt

from coordination.demo import names as N
from coordination.demo.base import Case
from pathways.models import (
    Action,
    ActionStatus,
    Evaluation,
    EvaluationOutcome,
    Goal,
    GoalStatus,
    LogEntryKind,
)
from pathways.services.plan import evaluation_text

GOAL_COUNT = {0: (1, 2), 1: (1, 3), 2: (2, 4), 3: (2, 4)}
GOAL_KIND_WEIGHTS = {
    "school_work": 20,
    "stabilisation": 14,
    "reduced_use": 12,
    "relationships": 12,
    "health": 10,
    "safety": 9,
    "housing": 7,
    "leisure": 7,
    "abstinence": 5,
    "other": 4,
}
GOAL_KINDS, GOAL_WEIGHTS = list(GOAL_KIND_WEIGHTS), list(GOAL_KIND_WEIGHTS.values())


def build_plan(gen, c: Case) -> None:
    rng, today = gen.rng, gen.today
    youth_id, case_start, last_day, span, closed, members, level = (
        c.youth_id,
        c.case_start,
        c.last_day,
        c.span,
        c.closed,
        c.members,
        c.level,
    )
    open_members = c.open_members
    holder_on, fmt, entry = c.holder_on, c.fmt, c.entry
    # The plan: goals in the youth's own words, actions, evaluations.
    kinds: list[str] = []
    for _ in range(rng.randint(*GOAL_COUNT[level])):
        kind = rng.choices(GOAL_KINDS, weights=GOAL_WEIGHTS)[0]
        if kind not in kinds:
            kinds.append(kind)
    wanted = gen.actions_per_youth  # a fixed number per youth (the sweep benchmark), or 1–3 a goal
    for number, kind in enumerate(kinds):
        if wanted is None:
            action_count = rng.randint(1, 3)
        else:
            action_count = wanted // len(kinds) + (number < wanted % len(kinds))
        goal_day = gen._day_in(case_start, case_start + dt.timedelta(days=span * 2 // 3))
        creator = holder_on(goal_day)
        if closed:
            goal_status = rng.choices(
                (GoalStatus.REACHED, GoalStatus.PAUSED, GoalStatus.ACTIVE), weights=(50, 25, 25)
            )[0]
        else:
            goal_status = rng.choices(
                (GoalStatus.ACTIVE, GoalStatus.REACHED, GoalStatus.PAUSED, GoalStatus.REPLACED),
                weights=(78, 10, 7, 5),
            )[0]
        goal_created = gen._at(goal_day)
        goal_id = gen.rows.add(
            Goal,
            youth_id=youth_id,
            kind=kind,
            description=rng.choice(N.GOALS[kind]),
            status=goal_status,
            category=rng.choice(N.GOAL_CATEGORY[kind]),
            created_by_id=creator.id,
            agency_id=creator.agency_id,
            created_at=goal_created,
            updated_at=goal_created,
        )
        goal_actions: set[str] = set()
        for _ in range(action_count):
            start = min(goal_day + dt.timedelta(days=rng.randint(0, 21)), last_day)
            if not closed and goal_status == GoalStatus.ACTIVE and rng.random() < 0.08:
                start = today + dt.timedelta(days=rng.randint(1, 21))
            reference = min(start, last_day)
            candidates = [m.staff for m in members if m.end is None and m.start <= reference] or open_members
            # Someone on the team whose agency has an action serving this kind of goal.
            fitting = [
                (staff, text)
                for staff in candidates
                for text, kinds_served in N.ACTIONS[staff.sector]
                if kind in kinds_served and text not in goal_actions
            ]
            if fitting:
                responsible, description = rng.choice(fitting)
            else:
                responsible, description = rng.choice(candidates), N.GENERIC_ACTIONS[kind]
            goal_actions.add(description)
            evaluator = responsible if rng.random() < 0.5 else rng.choice(candidates)
            category = rng.choice(N.SECTOR_CATEGORIES[responsible.sector])
            action_id = gen.rows.new_id(Action)
            evaluation_date = start + dt.timedelta(days=rng.randint(21, 90))
            ended = None
            updated = goal_created
            lapses = rng.random() < 0.2  # some evaluations are simply not done: reminders, not discharge
            while evaluation_date <= last_day and not (lapses and rng.random() < 0.6):
                evaluated_day = min(evaluation_date + dt.timedelta(days=rng.randint(0, 4)), last_day)
                outcome = rng.choices(("reached", "partly", "not_reached"), weights=(40, 40, 20))[0]
                next_step = rng.choices(
                    *{
                        "reached": (("continue", "complete"), (45, 55)),
                        "partly": (("continue", "adjust", "stop"), (50, 45, 5)),
                        "not_reached": (("adjust", "stop"), (55, 45)),
                    }[outcome]
                )[0]
                evaluated_at = gen._at(evaluated_day)
                youth_view = fmt(rng.choice(N.EVALUATION_YOUTH_VIEWS[outcome]))
                next_date = None
                if next_step in ("continue", "adjust"):
                    next_date = evaluated_day + dt.timedelta(days=rng.randint(30, 120))
                gen.rows.add(
                    Evaluation,
                    action_id=action_id,
                    outcome=outcome,
                    assessment=fmt(rng.choice(N.EVALUATION_ASSESSMENTS[outcome])),
                    youth_view=youth_view,
                    next_step=next_step,
                    next_evaluation_date=next_date,
                    category=category,
                    evaluated_by_id=evaluator.id,
                    agency_id=evaluator.agency_id,
                    evaluated_at=evaluated_at,
                )
                entry(
                    LogEntryKind.EVALUATION,
                    category,
                    evaluation_text(description, EvaluationOutcome(outcome).label, youth_view),
                    evaluated_at,
                    evaluator,
                )
                updated = evaluated_at
                if next_date is None:
                    ended = next_step
                    break
                evaluation_date = next_date
            if ended == "complete":
                status = ActionStatus.COMPLETED
            elif ended == "stop":
                status = ActionStatus.STOPPED
            elif closed or goal_status != GoalStatus.ACTIVE:
                status = ActionStatus.COMPLETED if goal_status == GoalStatus.REACHED else ActionStatus.STOPPED
            elif start > today:
                status = ActionStatus.PLANNED
            else:
                status = ActionStatus.ONGOING
            gen.rows.add(
                Action,
                id=action_id,
                goal_id=goal_id,
                youth_id=youth_id,
                description=description,
                responsible_id=responsible.id,
                responsible_agency_id=responsible.agency_id,
                evaluator_id=evaluator.id,
                start_date=start,
                evaluation_date=evaluation_date,
                status=status,
                category=category,
                created_by_id=creator.id,
                agency_id=creator.agency_id,
                created_at=goal_created,
                updated_at=updated,
            )
