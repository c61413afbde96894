"""The reminder sweep: derives from the database what has lapsed, and who must be told.

Reminders instead of discharge. Each rule below is a queryset of what is due *now*; nothing is carried
between runs except the rows already stored, so a lost message, a crashed worker or a skipped beat is
made good by the next run. Per rule the sweep
  1. resolves the open lapses the rule no longer finds (the evaluation was logged, contact was made…),
  2. stores the new ones (bulk INSERT … ON CONFLICT DO NOTHING against `one_open_lapse_per_occurrence`),
  3. per escalation step, creates the reminders that are due (bulk INSERT … ON CONFLICT DO NOTHING
     against `one_reminder_per_lapse_and_recipient`).
That is a handful of indexed, set-based queries per rule whatever the number of youths: never a Python
loop over all rows. Concurrent sweeps are safe: the unique constraints decide, and rows are inserted
in the same order by every sweep so two sweeps cannot deadlock on each other's inserts.

The sweep writes Lapse, Reminder and SweepRun rows and nothing else. It never closes, pauses or
downgrades a case: only `coordination.services.youths.case_close` closes one.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from coordination.access import sees_youth
from coordination.models import YouthStatus
from pathways.models import Lapse, LapseResolution, Reminder, ReminderStep, SweepRun
from pathways.sweep.base import BATCH_SIZE, Clock, Rule, Step, SweepResult
from pathways.sweep.rules import RULES, ConsentDeadlines

__all__ = ["RULES", "Clock", "ConsentDeadlines", "SweepResult", "run", "settle"]


def run(*, now: datetime.datetime | None = None) -> SweepResult:
    clock = Clock.at(now or timezone.now())
    sweep_run = SweepRun.objects.create(started_at=clock.now)
    result = SweepResult()
    # Nothing is ever sent about a closed case: its open lapses are settled first.
    result.lapses_resolved += (
        Lapse.objects.filter(resolved_at__isnull=True)
        .exclude(youth__status=YouthStatus.ACTIVE)
        .update(resolved_at=clock.now, resolution=LapseResolution.CASE_CLOSED)
    )
    for rule in RULES:
        # One transaction per rule keeps locks short; a crash mid-sweep leaves whole rules behind,
        # and the next sweep derives the rest.
        with transaction.atomic():
            _apply(rule, clock, result)
    SweepRun.objects.filter(pk=sweep_run.pk).update(
        finished_at=timezone.now(),
        lapses_found=result.lapses_found,
        lapses_resolved=result.lapses_resolved,
        reminders_created=result.reminders_created,
    )
    return result


def settle(*, youth_id: int, now: datetime.datetime | None = None) -> int:
    """Resolves at once the open lapses of one youth that the rules no longer find (the evaluation was
    just logged…), instead of at the next sweep. Same rules, same queries, narrowed to the youth."""
    clock = Clock.at(now or timezone.now())
    lapses = Lapse.objects.filter(youth_id=youth_id, resolved_at__isnull=True)
    resolved = lapses.exclude(youth__status=YouthStatus.ACTIVE).update(
        resolved_at=clock.now, resolution=LapseResolution.CASE_CLOSED
    )
    for rule in RULES:
        due = rule.due(clock)
        if due is not None:
            resolved += _resolve(rule, clock, due, lapses)
    return resolved


def _resolve(rule: Rule, clock: Clock, due: QuerySet, lapses: QuerySet) -> int:
    """Open lapses of the rule that it no longer finds are fixed."""
    still_due = due.filter(lapse_subject=OuterRef("subject_id"), lapse_reference=OuterRef("reference_date"))
    return (
        lapses.filter(rule=rule.kind, resolved_at__isnull=True)
        .exclude(Exists(still_due))
        .update(resolved_at=clock.now, resolution=LapseResolution.FIXED)
    )


def _apply(rule: Rule, clock: Clock, result: SweepResult) -> None:
    due = rule.due(clock)
    if due is None:
        return
    result.lapses_resolved += _resolve(rule, clock, due, Lapse.objects.all())
    known = Lapse.objects.filter(
        rule=rule.kind,
        resolved_at__isnull=True,
        subject_id=OuterRef("lapse_subject"),
        reference_date=OuterRef("lapse_reference"),
    )
    names = list(due.query.annotations)
    rows = due.exclude(Exists(known)).order_by("lapse_subject", "lapse_reference").values(*names)
    new = [
        Lapse(
            rule=rule.kind,
            youth_id=row["lapse_youth"],
            subject_id=row["lapse_subject"],
            reference_date=row["lapse_reference"],
            due_on=rule.due_on(row, clock),
            responsible_id=row["lapse_responsible"],
            detected_at=clock.now,
        )
        for row in rows
    ]
    Lapse.objects.bulk_create(new, batch_size=BATCH_SIZE, ignore_conflicts=True)
    result.lapses_found += len(new)
    for step in rule.steps():
        result.reminders_created += _notify(rule, step, clock)


def _notify(rule: Rule, step: Step, clock: Clock) -> int:
    """Creates the reminders of one escalation step, one per lapse and recipient (at most, ever)."""
    lapses = Lapse.objects.filter(
        rule=rule.kind,
        resolved_at__isnull=True,
        handled_at__isnull=True,
        due_on__lte=clock.today - datetime.timedelta(days=step.after_days),
        youth__status=YouthStatus.ACTIVE,
    )
    if step.step == ReminderStep.TEAM_LEAD:
        lapses.filter(escalated_at__isnull=True).update(escalated_at=clock.now)
        # Every active team lead of the stafettholder's agency.
        lead = "youth__stafettholder__agency__staff"
        candidates = lapses.filter(**{f"{lead}__is_team_lead": True, f"{lead}__is_active": True}).annotate(
            recipient=F(f"{lead}__id")
        )
    else:
        # Only someone who may see the youth today is told about it: a member who left the team, or
        # whose agency's consent was withdrawn or ran out, is not addressed again.
        field = "responsible_id" if step.step == ReminderStep.RESPONSIBLE else "youth__stafettholder_id"
        candidates = lapses.annotate(recipient=F(field)).filter(
            sees_youth(OuterRef("recipient"), OuterRef("youth_id"))
        )
    # Someone told at an earlier step (the responsible person who is also the stafettholder) is not
    # told again: one reminder per lapse and person.
    told = Reminder.objects.filter(lapse=OuterRef("pk"), recipient=OuterRef("recipient"))
    pairs = candidates.exclude(Exists(told)).order_by("pk", "recipient").values_list("pk", "recipient")
    new = [
        Reminder(lapse_id=lapse_id, recipient_id=recipient_id, step=step.step, created_at=clock.now)
        for lapse_id, recipient_id in pairs
    ]
    Reminder.objects.bulk_create(new, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(new)
