"""What records retention finds: the policy that applies, and the dry-run report (what would be
deleted or anonymised, what is kept, and why). Set-based: one query per record type, whatever the
number of closed cases. Nothing here changes anything; pathways/services/retention.py acts on it."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.models import (
    AccessLogEntry,
    Agency,
    CaseDecisionKind,
    Consent,
    User,
    Youth,
    YouthStatus,
    years_after,
)
from coordination.selectors.staff import municipality_admin_of
from pathways.models import (
    Disposition,
    Goal,
    LevelChange,
    LogEntry,
    Meeting,
    RecordType,
    RetentionLogEntry,
    RetentionOutcome,
    RetentionPolicy,
    Transition,
)

# Record types, in the order a run works through them; the case (identity) comes last, once the
# records that point at it are gone.
CONTENT_TYPES = (
    RecordType.LOG,
    RecordType.PLAN,
    RecordType.MEETINGS,
    RecordType.CONSENTS,
    RecordType.ACCESS_LOG,
)


@dataclass(frozen=True)
class Rule:
    disposition: str
    years: int
    is_default: bool

    @property
    def label(self) -> str:
        return Disposition(self.disposition).label


def default_rule(agency: Agency, record_type: str) -> Rule:
    disposition, years = settings.RETENTION_DEFAULTS[record_type]
    if agency.sector in settings.RETENTION_KEEP_SECTORS:
        disposition = Disposition.KEEP
    return Rule(disposition, years, True)


def rules_for(agencies) -> dict[tuple[int, str], Rule]:
    """(agency id, record type) → the rule that applies, for the given agencies."""
    agencies = list(agencies)
    rules = {
        (agency.pk, kind): default_rule(agency, kind) for agency in agencies for kind in RecordType.values
    }
    for policy in RetentionPolicy.objects.filter(agency__in=agencies):
        rules[policy.agency_id, policy.record_type] = Rule(policy.disposition, policy.years, False)
    return rules


def add_years(moment: datetime.datetime, years: int) -> datetime.date:
    return years_after(timezone.localdate(moment), years)


# Which rows belong to a record type, and which agency's policy governs each: the agency it was
# written for (the youth's originating agency where a row has none: what the youth wrote, consents,
# the access log). A goal carries its actions and evaluations with it.
def rows_of(record_type: str) -> list[tuple[QuerySet, str]]:
    origin = "youth__originating_agency"
    return {
        RecordType.LOG: [(LogEntry.objects.all(), "agency")],
        RecordType.PLAN: [
            (Goal.objects.all(), "agency"),
            (LevelChange.objects.all(), "agency"),
            (Transition.objects.all(), "agency"),
        ],
        RecordType.MEETINGS: [(Meeting.objects.all(), "agency")],
        RecordType.CONSENTS: [(Consent.objects.all(), origin)],
        RecordType.ACCESS_LOG: [(AccessLogEntry.objects.all(), origin)],
    }[record_type]


def governing_agency(field: str):
    return Coalesce(F(field), F("youth__originating_agency")) if field == "agency" else F(field)


@dataclass(frozen=True)
class Item:
    """One line of the report: what happens (or happened) to one record type of one case."""

    youth_id: int
    agency_id: int
    record_type: str
    outcome: str
    count: int
    reason: str
    closed_at: datetime.datetime
    due_on: datetime.date | None

    @property
    def record_type_label(self) -> str:
        return RecordType(self.record_type).label

    @property
    def outcome_label(self) -> str:
        return RetentionOutcome(self.outcome).label

    @property
    def is_due(self) -> bool:
        return self.outcome in (RetentionOutcome.WOULD_DELETE, RetentionOutcome.WOULD_ANONYMISE)


def closed_cases() -> QuerySet[Youth]:
    """Closed cases with the moment of their last closing decision. An open case is never here."""
    youths = Youth.objects.filter(status=YouthStatus.CLOSED).annotate(
        closed_at=Max("case_decisions__decided_at", filter=Q(case_decisions__kind=CaseDecisionKind.CLOSE))
    )
    return youths.filter(closed_at__isnull=False)


def _counts(youth_ids: list[int]) -> dict[tuple[int, str], dict[int, int]]:
    """(youth, record type) → {governing agency: number of rows}; one query per kind of row."""
    found: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for record_type in CONTENT_TYPES:
        for queryset, field in rows_of(record_type):
            rows = (
                queryset.filter(youth_id__in=youth_ids)
                .values("youth_id", governed_by=governing_agency(field))
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                found[row["youth_id"], record_type][row["governed_by"]] += row["n"]
    return found


def _decide(
    youth: Youth, rule: Rule, today: datetime.date, agency: Agency
) -> tuple[str, str, datetime.date | None]:
    closed = timezone.localdate(youth.closed_at)
    if rule.disposition == Disposition.KEEP:
        source = (
            _("default for the sector") if rule.is_default else _("policy of %(agency)s") % {"agency": agency}
        )
        return RetentionOutcome.KEPT, _("Kept permanently (%(source)s).") % {"source": source}, None
    due = add_years(youth.closed_at, rule.years)
    if youth.legal_hold:
        reason = _("Legal hold: %(reason)s") % {"reason": youth.legal_hold_reason or "—"}
        return RetentionOutcome.HELD, reason[:300], due
    if due > today:
        return "", "", due
    outcome = (
        RetentionOutcome.WOULD_ANONYMISE
        if rule.disposition == Disposition.ANONYMISE
        else RetentionOutcome.WOULD_DELETE
    )
    reason = _("Closed %(closed)s; kept %(years)s years (%(source)s); the time was up %(due)s.") % {
        "closed": closed.isoformat(),
        "years": rule.years,
        "source": _("default") if rule.is_default else _("policy of %(agency)s") % {"agency": agency},
        "due": due.isoformat(),
    }
    return outcome, reason, due


def retention_report(*, agency_ids=None, now: datetime.datetime | None = None) -> list[Item]:
    """What a run would do now, for every closed case (or the cases with records governed by the given
    agencies): what is due, what is kept and why. Records whose time is not up are left out."""
    today = timezone.localdate(now or timezone.now())
    youths = {youth.pk: youth for youth in closed_cases()}
    counts = _counts(list(youths))
    agencies = Agency.objects.in_bulk(
        {agency for per_agency in counts.values() for agency in per_agency}
        | {youth.originating_agency_id for youth in youths.values()}
    )
    rules = rules_for(agencies.values())
    items: list[Item] = []
    for youth in youths.values():
        pending = False
        for record_type in CONTENT_TYPES:
            for agency_id, count in sorted(counts.get((youth.pk, record_type), {}).items()):
                rule = rules[agency_id, record_type]
                outcome, reason, due = _decide(youth, rule, today, agencies[agency_id])
                pending |= outcome not in (RetentionOutcome.WOULD_DELETE,)
                if outcome:
                    items.append(
                        Item(youth.pk, agency_id, record_type, outcome, count, reason, youth.closed_at, due)
                    )
        if youth.anonymised_at is None:
            origin = youth.originating_agency_id
            outcome, reason, due = _decide(youth, rules[origin, RecordType.CASE], today, agencies[origin])
            if outcome == RetentionOutcome.WOULD_ANONYMISE and pending:
                outcome = RetentionOutcome.WAITING
                reason = _("The identity is kept while other records of the case are kept.")
            if outcome:
                items.append(
                    Item(youth.pk, origin, RecordType.CASE, outcome, 1, reason, youth.closed_at, due)
                )
    if agency_ids is not None:
        items = [item for item in items if item.agency_id in agency_ids]
    return sorted(items, key=lambda item: (item.youth_id, item.record_type, item.agency_id))


# The page: who sees it, and the log ----------------------------------------------------------------


def retention_agencies(user: User) -> QuerySet[Agency]:
    """The agencies whose retention a user administers: a team lead their own, a municipality
    administrator the municipality's. Empty for everybody else (their page is missing)."""
    municipality = municipality_admin_of(user)
    if municipality is not None:
        return Agency.objects.filter(municipality=municipality)
    if user.is_authenticated and user.is_active and user.is_team_lead and user.agency_id:
        return Agency.objects.filter(pk=user.agency_id)
    return Agency.objects.none()


def retention_log(agency: Agency) -> QuerySet[RetentionLogEntry]:
    return RetentionLogEntry.objects.filter(agency=agency, run__dry_run=False).select_related("run")


def policies_of(agency: Agency) -> list[tuple[str, str, Rule]]:
    rules = rules_for([agency])
    return [(kind, label, rules[agency.pk, kind]) for kind, label in RecordType.choices]


def closed_case_for(user: User, youth_id: int) -> Youth:
    """A closed case of an agency whose retention the user administers; 404 for anything else."""
    youth = closed_cases().select_related("originating_agency").filter(pk=youth_id).first()
    if youth is None or not retention_agencies(user).filter(pk=youth.originating_agency_id).exists():
        raise Http404
    return youth
