"""The case over time: BTI level changes, transitions, and the decisions that close or reopen it."""

import datetime as dt
from itertools import pairwise

from coordination.demo import names as N
from coordination.demo.base import Case
from coordination.models import CaseDecision, CaseDecisionKind, InformationCategory, years_after
from coordination.services.youths import case_closed_text, case_reopened_text
from pathways.models import LevelChange, LogEntryKind, Transition, TransitionKind, TransitionStatus
from pathways.services.levels import level_change_text
from pathways.services.transitions import transition_updated_text

CLOSING_REASON_WEIGHTS = (("goals_reached", 35), ("youth_declines", 20), ("moved", 20), ("transferred", 15))
# Where a transition goes is content; admissions and aftercare tell of treatment, so they are health.
TRANSITION_CATEGORY = {
    TransitionKind.TURNING_18: InformationCategory.GENERAL,
    TransitionKind.ADMISSION: InformationCategory.HEALTH,
    TransitionKind.DISCHARGE: InformationCategory.HEALTH,
    TransitionKind.AFTERCARE: InformationCategory.SUBSTANCE_USE,
    TransitionKind.SCHOOL_CHANGE: InformationCategory.SCHOOL,
    TransitionKind.MOVING: InformationCategory.GENERAL,
}


def build_levels(gen, c: Case) -> None:
    """A level history that ends at the youth's current level, each change with its reason."""
    rng = gen.rng
    youth_id, level, case_start, last_day = c.youth_id, c.level, c.case_start, c.last_day
    holder_on, fmt, entry = c.holder_on, c.fmt, c.entry
    # BTI level history ending at the current level.
    path = [level]
    changes = 0 if level == 0 and rng.random() < 0.8 else rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
    for _ in range(changes):
        now_level = path[0]
        if now_level > 0 and (now_level == 3 or rng.random() < 0.75):
            path.insert(0, rng.randint(0, now_level - 1))
        else:
            path.insert(0, rng.randint(now_level + 1, 3))
    # Strictly increasing times, so the chain reads the same in any ordering by time.
    change_times = sorted(gen._at(gen._day_in(case_start, last_day)) for _ in range(len(path) - 1))
    for i in range(1, len(change_times)):
        if change_times[i] <= change_times[i - 1]:
            change_times[i] = change_times[i - 1] + dt.timedelta(minutes=5)
    for (from_level, to_level), when in zip(pairwise(path), change_times, strict=True):
        if to_level > from_level:
            reason = fmt(rng.choice(N.LEVEL_UP_REASONS[to_level]))
        else:
            reason = fmt(rng.choice(N.LEVEL_DOWN_REASONS))
        by = holder_on(when.date())
        gen.rows.add(
            LevelChange,
            youth_id=youth_id,
            from_level=from_level,
            to_level=to_level,
            reason=reason,
            changed_by_id=by.id,
            agency_id=by.agency_id,
            category=InformationCategory.GENERAL,
            changed_at=when,
        )
        entry(
            LogEntryKind.LEVEL_CHANGE,
            "general",
            level_change_text(from_level, to_level, reason),
            when,
            by,
        )


def build_transitions(gen, c: Case) -> None:
    """Turning 18 planned ahead; a few admissions, discharges, moves and changes of school."""
    rng, today = gen.rng, gen.today
    youth_id, age, birth, closed, case_start, last_day, span, holder = (
        c.youth_id,
        c.age,
        c.birth,
        c.closed,
        c.case_start,
        c.last_day,
        c.span,
        c.holder,
    )
    holder_on, fmt, entry = c.holder_on, c.fmt, c.entry
    # Transitions: turning 18 is planned ahead; a few admissions, discharges, moves.
    if age == 17 and not closed and rng.random() < 0.75:
        birthday = years_after(birth, 18)
        from_service, to_service = rng.choice(N.TRANSITION_SERVICES["turning_18"])
        soon = (birthday - today).days < 90
        created = gen._at(max(case_start, today - dt.timedelta(days=rng.randint(5, 120))))
        gen.rows.add(
            Transition,
            youth_id=youth_id,
            kind=TransitionKind.TURNING_18,
            from_service=from_service or gen.agency_name[holder.agency_id],
            to_service=to_service,
            responsible_id=holder.id,
            planned_date=birthday,
            status=TransitionStatus.IN_PROGRESS if soon and rng.random() < 0.5 else TransitionStatus.PLANNED,
            note=fmt(rng.choice(N.TRANSITION_NOTES["turning_18"])),
            created_by_id=holder.id,
            agency_id=holder.agency_id,
            category=TRANSITION_CATEGORY[TransitionKind.TURNING_18],
            created_at=created,
            updated_at=created,
        )
    elif rng.random() < 0.08:
        kind = rng.choice(
            (
                TransitionKind.ADMISSION,
                TransitionKind.DISCHARGE,
                TransitionKind.AFTERCARE,
                TransitionKind.SCHOOL_CHANGE,
                TransitionKind.MOVING,
            )
        )
        planned = case_start + dt.timedelta(days=rng.randint(0, span + (0 if closed else 60)))
        if planned <= last_day:
            status = TransitionStatus.COMPLETED if rng.random() < 0.85 else TransitionStatus.CANCELLED
        else:
            status = rng.choice(
                (TransitionStatus.PLANNED, TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS)
            )
        responsible = holder_on(min(planned, last_day))
        from_service, to_service = rng.choice(N.TRANSITION_SERVICES[kind.value])
        created = gen._at(max(case_start, min(planned, last_day) - dt.timedelta(days=rng.randint(14, 60))))
        note = fmt(rng.choice(N.TRANSITION_NOTES[kind.value]))
        gen.rows.add(
            Transition,
            youth_id=youth_id,
            kind=kind,
            from_service=from_service,
            to_service=to_service,
            responsible_id=responsible.id,
            planned_date=planned,
            status=status,
            note=note,
            created_by_id=responsible.id,
            agency_id=responsible.agency_id,
            category=TRANSITION_CATEGORY[kind],
            created_at=created,
            updated_at=created,
        )
        if status == TransitionStatus.COMPLETED:
            entry(
                LogEntryKind.TRANSITION,
                TRANSITION_CATEGORY[kind],
                transition_updated_text(kind.label, TransitionStatus.COMPLETED.label),
                gen._at(planned),
                responsible,
            )


def build_closing(gen, c: Case) -> None:
    """Closing and reopening: explicit, reasoned decisions with the youth's own view."""
    rng = gen.rng
    youth_id, age, close_day, reopen_day = c.youth_id, c.age, c.close_day, c.reopen_day
    holder_on, fmt, entry = c.holder_on, c.fmt, c.entry
    # Closing and reopening: explicit, reasoned decisions with the youth's own view.
    if close_day is not None:
        reasons = list(CLOSING_REASON_WEIGHTS) + ([("aged_out", 60)] if age >= 25 else [])
        reason = rng.choices([r for r, _ in reasons], weights=[w for _, w in reasons])[0]
        place = (
            rng.choice(N.OTHER_MUNICIPALITIES_FOR_MOVING)
            if reason == "moved"
            else rng.choice(N.TRANSFER_SERVICES)
        )
        explanation = fmt(rng.choice(N.CLOSE_EXPLANATIONS[reason]), sted=place)
        decider = holder_on(close_day)
        closed_at = gen._at(close_day)
        gen.rows.add(
            CaseDecision,
            youth_id=youth_id,
            kind=CaseDecisionKind.CLOSE,
            reason=reason,
            explanation=explanation,
            youth_view=rng.choice(N.CLOSE_YOUTH_VIEWS),
            decided_by_id=decider.id,
            agency_id=decider.agency_id,
            category=InformationCategory.GENERAL,
            decided_at=closed_at,
        )
        entry(
            LogEntryKind.CASE_DECISION,
            "general",
            case_closed_text(explanation),
            closed_at,
            decider,
        )
        if reopen_day is not None:
            decider = holder_on(reopen_day)
            reopened_at = gen._at(reopen_day)
            explanation = fmt(rng.choice(N.REOPEN_EXPLANATIONS))
            gen.rows.add(
                CaseDecision,
                youth_id=youth_id,
                kind=CaseDecisionKind.REOPEN,
                explanation=explanation,
                youth_view=rng.choice(N.REOPEN_YOUTH_VIEWS),
                decided_by_id=decider.id,
                agency_id=decider.agency_id,
                category=InformationCategory.GENERAL,
                decided_at=reopened_at,
            )
            entry(
                LogEntryKind.CASE_DECISION,
                "general",
                case_reopened_text(explanation),
                reopened_at,
                decider,
            )
