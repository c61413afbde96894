"""The team lead's dashboard: what lapses and waits in the agency's youths, as counts that each link to
the list behind them. Facts only (names, dates, counts), never content: a lead reads content only as a
team member. "The agency's youths" are the active youths with a member of the lead's agency on the team.

The lapse figures read the sweep's own open lapses (pathways/sweep), so the dashboard says exactly
what the reminders say, and stays cheap at any size.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coordination.models import (
    CaseDecision,
    CaseDecisionKind,
    ClosingReason,
    Handover,
    HandoverStatus,
    TeamMembership,
    User,
    Youth,
    YouthStatus,
)
from pathways.models import Lapse, ReminderRule, Withholding
from pathways.selectors.statistics import months as month_starts


@dataclass(frozen=True)
class Figure:
    key: str
    label: Promise
    rule: str | None = None  # an open lapse of this rule, else a query of its own below


FIGURES = (
    Figure("overdue-evaluations", _("Evaluations overdue"), ReminderRule.EVALUATION_OVERDUE),
    Figure("no-contact", _("No contact within the follow-up interval"), ReminderRule.NO_CONTACT),
    Figure("missed-no-outreach", _("Missed appointments without outreach"), ReminderRule.MISSED_NO_OUTREACH),
    Figure("escalated", _("Open escalations")),
    Figure("pending-handovers", _("Handovers waiting for an answer")),
    Figure("no-active-holder", _("Youths without an active stafettholder")),
    Figure("consents-due", _("Consents due for review or expiring"), ReminderRule.CONSENT_DUE),
    Figure("turning-18", _("Turning 18 without a planned transition"), ReminderRule.TURNING_18),
)
FIGURE_BY_KEY = {figure.key: figure for figure in FIGURES}


def agency_youth_ids(agency_id: int) -> QuerySet:
    return TeamMembership.objects.filter(agency_id=agency_id, ended_on__isnull=True).values("youth_id")


def _filtered(agency_id: int, *, holder: int | None = None, level: int | None = None) -> QuerySet[Youth]:
    youths = Youth.objects.filter(pk__in=agency_youth_ids(agency_id), status=YouthStatus.ACTIVE)
    if holder:
        youths = youths.filter(stafettholder_id=holder)
    if level is not None:
        youths = youths.filter(bti_level=level)
    return youths


def youths_for_figure(lead: User, key: str, **filters) -> QuerySet[Youth]:
    """The list behind a figure: the lead's agency's youths it counts (one row per youth)."""
    return _figure_youths(lead.agency_id, key, **filters)


def _figure_youths(agency_id: int, key: str, **filters) -> QuerySet[Youth]:
    youths = _filtered(agency_id, **filters)
    figure = FIGURE_BY_KEY[key]
    open_lapses = Lapse.objects.filter(
        youth=OuterRef("pk"), resolved_at__isnull=True, handled_at__isnull=True
    )
    if figure.rule:
        condition = Exists(open_lapses.filter(rule=figure.rule))
    elif key == "escalated":
        condition = Exists(open_lapses.filter(escalated_at__isnull=False))
    elif key == "pending-handovers":
        condition = Exists(Handover.objects.filter(youth=OuterRef("pk"), status=HandoverStatus.PENDING))
    else:  # no-active-holder
        condition = Q(stafettholder__is_active=False)
    return youths.filter(condition).select_related("stafettholder").order_by("last_name", "first_name", "pk")


def figure_counts(agency_id: int, **filters) -> dict[str, int]:
    """Every figure's count by key, in one query: each is the count of its own list (the same querysets)."""
    youths = _filtered(agency_id, **filters)
    aggregates = {
        figure.key.replace("-", "_"): Count(
            "pk", filter=Q(pk__in=_figure_youths(agency_id, figure.key, **filters).values("pk"))
        )
        for figure in FIGURES
    }
    counts = youths.aggregate(**aggregates)
    return {figure.key: counts[figure.key.replace("-", "_")] for figure in FIGURES}


def level_distribution(agency_id: int, **filters) -> list[int]:
    counts = dict(_filtered(agency_id, **filters).values_list("bti_level").annotate(n=Count("pk")).order_by())
    return [counts.get(level, 0) for level in range(4)]


def _median(histogram: dict[int, int]) -> float | None:
    """statistics.median of the values, given how often each value occurs."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram)

    def nth(index: int) -> int:  # the index-th smallest value, from 0
        seen = 0
        for value in ordered:
            seen += histogram[value]
            if seen > index:
                return value
        raise IndexError(index)

    if total % 2:
        return nth(total // 2)
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def trends(agency_id: int, today: datetime.date) -> dict:
    """The last 12 months: new cases, closed cases by reason (value); and the median days since last
    contact of the agency's active youths now."""
    months = month_starts(today, 12)
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    tz = timezone.get_default_timezone()
    agency_youths = Youth.objects.filter(pk__in=agency_youth_ids(agency_id))
    new = dict(
        agency_youths.filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    closed_rows = (
        CaseDecision.objects.filter(
            youth__in=agency_youths, kind=CaseDecisionKind.CLOSE, decided_at__gte=start
        )
        .annotate(month=TruncMonth("decided_at", tzinfo=tz))
        .values_list("month", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    closed: dict[tuple[datetime.date, str], int] = {
        (when.date(), reason): n for when, reason, n in closed_rows
    }
    new_by_month = {when.date(): n for when, n in new.items()}
    # Counted per day in SQL: the median needs how many youths were last contacted on each day.
    contact_days = (
        _filtered(agency_id)
        .exclude(last_contact_at__isnull=True)
        .annotate(day=TruncDate("last_contact_at", tzinfo=tz))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "months": months,
        "new": [new_by_month.get(month, 0) for month in months],
        "closed": {
            reason.value: [closed.get((month, reason.value), 0) for month in months]
            for reason in ClosingReason
        },
        "median_days_since_contact": _median({(today - day).days: n for day, n in contact_days}),
    }


def kept_from_youths(lead: User) -> QuerySet[Withholding]:
    """Log entries kept from the youth, for youths whose stafettholder is in the lead's agency: who,
    why and when, never the entry's text (not even read from the database)."""
    return (
        Withholding.objects.filter(entry__youth__stafettholder__agency_id=lead.agency_id)
        .select_related("entry__youth", "by", "agency")
        .defer("entry__text")
        .order_by("-at", "-pk")
    )
