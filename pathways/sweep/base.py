"""The sweep's vocabulary: one clock per run, rules, escalation steps, and the names every rule gives
its rows."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from pathways.models import (
    ReminderRule,
    ReminderStep,
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
