"""The reminder rules: each is a queryset of what is lapsed *now*, derived from the database."""

import datetime
from typing import Protocol

from django.conf import settings
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
from django.db.models.functions import Coalesce
from django.utils.module_loading import import_string

from coordination.models import (
    ConsentChangeRequest,
    ConsentEvent,
    Handover,
    HandoverStatus,
    RegistrationAttempt,
    StafettholderPeriod,
    TeamMembership,
    Youth,
    YouthStatus,
)
from pathways.calendar import add_working_days, last_day_lapsed_by, shift_months, shift_years, start_of_day
from pathways.models import (
    FOLLOW_UP_KINDS,
    OPEN_ACTION_STATUSES,
    YOUTH_KINDS,
    Action,
    LogEntry,
    LogEntryKind,
    ReminderRule,
    ReminderStep,
    Transition,
    TransitionKind,
    TransitionStatus,
)
from pathways.sweep.base import ONE_DAY, Clock, Rule, Step, _due, _escalating, _oslo_date


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
def no_contact_due(clock: Clock) -> QuerySet:
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


# Rule 4: a consent's review (also an overdue one) or expiry is near; the consents come from
# settings.REMINDER_CONSENT_SOURCE (the consent model's deadlines; empty switches the rule off).
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


# Rule 7: someone tried to register the youth again (they were told nothing): the stafettholder gets
# in touch. Settled when that person joins the team, or after REMINDER_REGISTRATION_ATTEMPT_DAYS.
def _registration_attempt(clock: Clock) -> QuerySet:
    since = clock.now - datetime.timedelta(days=settings.REMINDER_REGISTRATION_ATTEMPT_DAYS)
    on_team = TeamMembership.objects.active().filter(
        youth=OuterRef("youth_id"), user=OuterRef("attempted_by")
    )
    return _due(
        RegistrationAttempt.objects.filter(at__gte=since, youth__status=YouthStatus.ACTIVE).exclude(
            Exists(on_team)
        ),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=_oslo_date("at"),
    )


# Rule 8: the youth wrote to the team (a message, a goal suggestion, their view on an evaluation): the
# stafettholder, until someone on the staff side logs anything after it.
def _youth_wrote(clock: Clock) -> QuerySet:
    since = clock.now - datetime.timedelta(days=settings.REMINDER_REGISTRATION_ATTEMPT_DAYS)
    answered = LogEntry.objects.filter(
        youth=OuterRef("youth_id"), recorded_at__gt=OuterRef("recorded_at"), agency__isnull=False
    )
    return _due(
        LogEntry.objects.filter(
            kind__in=YOUTH_KINDS, recorded_at__gte=since, youth__status=YouthStatus.ACTIVE
        ).exclude(Exists(answered)),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=_oslo_date("recorded_at"),
    )


# Rule 9: the youth asked for a change to a consent: the stafettholder, until a consent event is
# recorded for the youth after the request.
def _consent_change_asked(clock: Clock) -> QuerySet:
    answered = ConsentEvent.objects.filter(
        consent__youth=OuterRef("youth_id"), recorded_at__gt=OuterRef("asked_at")
    )
    return _due(
        ConsentChangeRequest.objects.filter(youth__status=YouthStatus.ACTIVE).exclude(Exists(answered)),
        subject=F("pk"),
        youth=F("youth_id"),
        reference=_oslo_date("asked_at"),
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
        due=no_contact_due,
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
    Rule(
        ReminderRule.YOUTH_WROTE,
        due=_youth_wrote,
        due_on=lambda row, clock: row["lapse_reference"],
        steps=lambda: (Step(ReminderStep.STAFETTHOLDER),),
    ),
    Rule(
        ReminderRule.CONSENT_CHANGE_ASKED,
        due=_consent_change_asked,
        due_on=lambda row, clock: row["lapse_reference"],
        steps=lambda: (Step(ReminderStep.STAFETTHOLDER),),
    ),
    Rule(
        ReminderRule.REGISTRATION_ATTEMPT,
        due=_registration_attempt,
        due_on=lambda row, clock: row["lapse_reference"],
        steps=lambda: (Step(ReminderStep.STAFETTHOLDER),),
    ),
)
