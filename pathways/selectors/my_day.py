"""Reads for a caseworker's "Min dag": what is due today and this week, across the youths they may see.

Only facts (youth, date, kind), never content: each line links to the page where the content is
read through the visibility rule. The youths are always those the user may see today.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from coordination.access import youths_visible_to
from coordination.models import User, Youth, YouthStatus
from pathways.models import OPEN_ACTION_STATUSES, Action, Meeting
from pathways.sweep.base import Clock
from pathways.sweep.rules import no_contact_due


def week_end(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=6 - today.weekday())


def evaluations_due(user: User, until: datetime.date) -> QuerySet[Action]:
    """Open actions I am responsible for or evaluate, with an evaluation date up to `until` (also past)."""
    return (
        Action.objects.filter(
            Q(responsible=user) | Q(evaluator=user),
            status__in=OPEN_ACTION_STATUSES,
            evaluation_date__lte=until,
            youth__in=youths_visible_to(user).filter(status=YouthStatus.ACTIVE),
        )
        .select_related("youth")
        .only("evaluation_date", "youth__first_name", "youth__last_name", "youth__birth_date")
        .order_by("evaluation_date", "pk")
    )


def meetings_this_week(user: User, today: datetime.date) -> QuerySet[Meeting]:
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(week_end(today), datetime.time.max))
    return (
        Meeting.objects.filter(
            participants=user, starts_at__range=(start, end), youth__in=youths_visible_to(user)
        )
        .select_related("youth")
        .only(
            "starts_at",
            "is_digital",
            "interpreter_needed",
            "interpreter_booked",
            "youth__first_name",
            "youth__last_name",
        )
        .order_by("starts_at", "pk")
    )


def held_without_contact(user: User) -> QuerySet[Youth]:
    """Youths I hold whom nobody has contacted within their follow-up interval: the sweep's own rule."""
    clock = Clock.at(timezone.now())
    return (
        no_contact_due(clock)
        .filter(stafettholder=user)
        .only("first_name", "last_name", "last_contact_at", "birth_date")
        .order_by("last_contact_at", "pk")
    )
