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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import (
    BigIntegerField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.module_loading import import_string

from coordination.models import Handover, HandoverStatus, StafettholderPeriod, User, Youth, YouthStatus
from pathways.calendar import add_working_days, last_day_lapsed_by, shift_months, shift_years, start_of_day
from pathways.models import (
    FOLLOW_UP_KINDS,
    OPEN_ACTION_STATUSES,
    Action,
    Lapse,
    LapseResolution,
    LogEntry,
    LogEntryKind,
    Reminder,
    ReminderRule,
    ReminderStep,
    SweepRun,
    Transition,
    TransitionKind,
    TransitionStatus,
)

BATCH_SIZE = 5000
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Clock:
    """One sweep sees one moment: every rule compares against the same now and today (Oslo)."""

    now: datetime.datetime
    today: datetime.date

    @classmethod
    def at(cls, now: datetime.datetime) -> "Clock":
        return cls(now=now, today=timezone.localdate(now))


@dataclass(frozen=True)
class Step:
    step: ReminderStep
    after_days: int = 0


@dataclass(frozen=True)
class Rule:
    """A kind of lapse. `due` returns what is lapsed now, annotated with
    lapse_subject, lapse_youth, lapse_reference and lapse_responsible (see `_due`), or None when the
    rule has nothing to look at yet; `due_on` says from which day a new lapse counts."""

    kind: ReminderRule
    due: Callable[[Clock], QuerySet | None]
    due_on: Callable[[dict, Clock], datetime.date]
    steps: Callable[[], tuple[Step, ...]]


@dataclass
class SweepResult:
    lapses_found: int = 0
    lapses_resolved: int = 0
    reminders_created: int = 0


def _due(queryset: QuerySet, *, subject, youth, reference, responsible=None, **extra) -> QuerySet:
    """Gives every rule's rows the same names, so resolving and storing lapses is written once."""
    return queryset.annotate(
        lapse_subject=subject,
        lapse_youth=youth,
        lapse_reference=reference,
        lapse_responsible=responsible if responsible is not None else Value(None, BigIntegerField()),
        **extra,
    )


def _oslo_date(field) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


def _escalating(first: ReminderStep) -> tuple[Step, ...]:
    """The responsible person first; the stafettholder after N days; the team lead after M days."""
    steps = [Step(first)]
    if first != ReminderStep.STAFETTHOLDER:
        steps.append(Step(ReminderStep.STAFETTHOLDER, settings.REMINDER_ESCALATE_TO_HOLDER_DAYS))
    steps.append(Step(ReminderStep.TEAM_LEAD, settings.REMINDER_ESCALATE_TO_LEAD_DAYS))
    return tuple(steps)


# Rule 1: an action's evaluation date has passed without an evaluation (an evaluation moves the date
# forward or ends the action, so an open action with a past date is exactly that).
def _evaluations_overdue(clock: Clock) -> QuerySet:
    return _due(
        Action.objects.filter(
            status__in=OPEN_ACTION_STATUSES, evaluation_date__lt=clock.today, youth__status=YouthStatus.ACTIVE
        ),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=F("evaluation_date"),
        responsible=F("responsible_id"),
    )


# Rule 2: no contact logged for longer than the youth's follow-up interval (own, or the level's default).
def _no_contact(clock: Clock) -> QuerySet:
    by_level = settings.REMINDER_FOLLOW_UP_DAYS_BY_LEVEL
    active = Youth.objects.filter(status=YouthStatus.ACTIVE)
    own_intervals = set(
        active.filter(follow_up_days__isnull=False)
        .order_by()
        .values_list("follow_up_days", flat=True)
        .distinct()
    )

    def silent_for(days: int) -> Q:
        # Last contact (or registration, if never) before the start of the day `days` ago: index range.
        cutoff = start_of_day(clock.today - datetime.timedelta(days=days))
        return Q(last_contact_at__lt=cutoff) | Q(last_contact_at__isnull=True, created_at__lt=cutoff)

    lapsed = Q(pk__in=[])
    for level, days in by_level.items():
        lapsed |= Q(follow_up_days__isnull=True, bti_level=level) & silent_for(days)
    for days in sorted(own_intervals):
        lapsed |= Q(follow_up_days=days) & silent_for(days)
    interval = Coalesce(
        "follow_up_days",
        Case(*(When(bti_level=level, then=Value(days)) for level, days in by_level.items())),
        output_field=IntegerField(),
    )
    return _due(
        active.filter(lapsed),
        subject=F("pk"),
        youth=F("pk"),
        reference=_oslo_date(Coalesce("last_contact_at", "created_at")),
        interval_days=interval,
    )


# Rule 3: a missed appointment (uteblitt) with no outreach or contact logged after it within N Norwegian
# working days. The responsible person is whoever the planned outreach names (else the author).
def _missed_without_outreach(clock: Clock) -> QuerySet:
    last_day = last_day_lapsed_by(clock.today, settings.REMINDER_OUTREACH_WORKING_DAYS)
    followed_up = LogEntry.objects.filter(
        youth=OuterRef("youth_id"), kind__in=FOLLOW_UP_KINDS, occurred_at__gt=OuterRef("occurred_at")
    )
    return _due(
        LogEntry.objects.filter(
            kind=LogEntryKind.MISSED_APPOINTMENT,
            corrects__isnull=True,
            occurred_at__lt=start_of_day(last_day + ONE_DAY),
            youth__status=YouthStatus.ACTIVE,
        ).exclude(Exists(followed_up)),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=_oslo_date("occurred_at"),
        responsible=Coalesce("planned_outreach__responsible_id", "author_id"),
    )


class ConsentDeadlines(Protocol):
    """Where rule 4 finds consents: returns consents whose review or expiry date falls between `today`
    and `until` (inclusive), annotated with lapse_subject (the consent id), lapse_youth (its youth) and
    lapse_reference (the review or expiry date). Switch the rule on by naming such a function in
    settings.REMINDER_CONSENT_SOURCE."""

    def __call__(self, *, today: datetime.date, until: datetime.date) -> QuerySet: ...


# Rule 4: a consent's review or expiry date is near. Registered now; finds nothing until a consent
# model exists and settings.REMINDER_CONSENT_SOURCE names its ConsentDeadlines function.
def _consent_due(clock: Clock) -> QuerySet | None:
    if not settings.REMINDER_CONSENT_SOURCE:
        return None
    source: ConsentDeadlines = import_string(settings.REMINDER_CONSENT_SOURCE)
    until = clock.today + datetime.timedelta(days=settings.REMINDER_CONSENT_NOTICE_DAYS)
    consents = source(today=clock.today, until=until)
    active = Youth.objects.filter(status=YouthStatus.ACTIVE).values("pk")
    return consents.filter(lapse_youth__in=active).annotate(lapse_responsible=Value(None, BigIntegerField()))


# Rule 5a: a handover nobody answered within N days (the old holder stays responsible meanwhile).
def _handover_pending(clock: Clock) -> QuerySet:
    cutoff = clock.now - datetime.timedelta(days=settings.REMINDER_HANDOVER_ACCEPT_DAYS)
    return _due(
        Handover.objects.filter(
            status=HandoverStatus.PENDING, requested_at__lt=cutoff, youth__status=YouthStatus.ACTIVE
        ),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=_oslo_date("requested_at"),
        responsible=F("to_user_id"),
    )


# Rule 5b: the baton is held by someone whose account is deactivated (they left): nobody holds it.
def _no_active_holder(clock: Clock) -> QuerySet:
    return _due(
        StafettholderPeriod.objects.filter(
            ended_at__isnull=True, user__is_active=False, youth__status=YouthStatus.ACTIVE
        ),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=_oslo_date("started_at"),
    )


# Rule 6: turns 18 within N months and no "turning 18" transition is planned (a cancelled one is none).
def _turning_18(clock: Clock) -> QuerySet:
    already_18 = shift_years(clock.today, -18)
    soon_18 = shift_years(shift_months(clock.today, settings.REMINDER_TURNING_18_MONTHS), -18)
    planned = Transition.objects.filter(youth=OuterRef("pk"), kind=TransitionKind.TURNING_18).exclude(
        status=TransitionStatus.CANCELLED
    )
    return _due(
        Youth.objects.filter(
            status=YouthStatus.ACTIVE, birth_date__gt=already_18, birth_date__lte=soon_18
        ).exclude(Exists(planned)),
        subject=F("pk"),
        youth=F("pk"),
        reference=F("birth_date"),
    )


RULES: tuple[Rule, ...] = (
    Rule(
        ReminderRule.EVALUATION_OVERDUE,
        due=_evaluations_overdue,
        due_on=lambda row, clock: row["lapse_reference"] + ONE_DAY,
        steps=lambda: _escalating(ReminderStep.RESPONSIBLE),
    ),
    Rule(
        ReminderRule.NO_CONTACT,
        due=_no_contact,
        due_on=lambda row, clock: row["lapse_reference"] + datetime.timedelta(days=row["interval_days"] + 1),
        steps=lambda: _escalating(ReminderStep.STAFETTHOLDER),
    ),
    Rule(
        ReminderRule.MISSED_NO_OUTREACH,
        due=_missed_without_outreach,
        due_on=lambda row, clock: (
            add_working_days(row["lapse_reference"], settings.REMINDER_OUTREACH_WORKING_DAYS) + ONE_DAY
        ),
        steps=lambda: _escalating(ReminderStep.RESPONSIBLE),
    ),
    Rule(
        ReminderRule.CONSENT_DUE,
        due=_consent_due,
        due_on=lambda row, clock: (
            row["lapse_reference"] - datetime.timedelta(days=settings.REMINDER_CONSENT_NOTICE_DAYS)
        ),
        steps=lambda: (Step(ReminderStep.STAFETTHOLDER),),
    ),
    Rule(
        ReminderRule.HANDOVER_PENDING,
        due=_handover_pending,
        due_on=lambda row, clock: (
            row["lapse_reference"] + datetime.timedelta(days=settings.REMINDER_HANDOVER_ACCEPT_DAYS)
        ),
        # Both parties: the one asked (responsible) and the one asking (still the stafettholder).
        steps=lambda: (Step(ReminderStep.RESPONSIBLE), Step(ReminderStep.STAFETTHOLDER)),
    ),
    Rule(
        ReminderRule.NO_ACTIVE_HOLDER,
        due=_no_active_holder,
        due_on=lambda row, clock: clock.today,
        steps=lambda: (Step(ReminderStep.TEAM_LEAD),),
    ),
    Rule(
        ReminderRule.TURNING_18,
        due=_turning_18,
        due_on=lambda row, clock: shift_months(
            shift_years(row["lapse_reference"], 18), -settings.REMINDER_TURNING_18_MONTHS
        ),
        steps=lambda: (Step(ReminderStep.STAFETTHOLDER),),
    ),
)


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
        field = "responsible_id" if step.step == ReminderStep.RESPONSIBLE else "youth__stafettholder_id"
        active = User.objects.filter(pk=OuterRef("recipient"), is_active=True)
        candidates = lapses.annotate(recipient=F(field)).filter(Exists(active))
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
