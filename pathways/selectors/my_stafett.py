"""Reads for a youth's or relative's own Stafett (coordination.access.citizens decides what they see).

Every content text comes through `visible_to(access)`, so the youth sees everything about themselves
except the log entries staff withheld with a reason, and a relative sees what the age rules and the
youth's choices allow. Each read is a fixed number of queries however long the case.
"""

from collections import defaultdict

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordination.access.citizens import CitizenAccess, citizen_read
from coordination.models import (
    AccessLogEntry,
    Consent,
    ConsentBasis,
    ConsentEvent,
    ConsentGiver,
    ConsentGrant,
    ConsentState,
    Relative,
    TeamMembership,
)
from coordination.models.content import related
from coordination.prepared import prepared
from pathways.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Evaluation,
    Goal,
    LogEntry,
    LogEntryKind,
    Lysglimt,
    Meeting,
    Transition,
    TransitionStatus,
)

# Consents the youth may withdraw themselves: given by the youth (alone or with the guardians), in a
# state from which a withdrawal is possible. Sharing on a legal basis is not consent.
WITHDRAWABLE_STATES = (
    ConsentState.REQUESTED,
    ConsentState.DISCUSSED,
    ConsentState.GIVEN,
    ConsentState.PARTLY_GIVEN,
)
WITHDRAWABLE_GIVERS = (ConsentGiver.YOUTH, ConsentGiver.BOTH)
MY_WORDS = (LogEntryKind.YOUTH_MESSAGE, LogEntryKind.GOAL_SUGGESTION)


# The plan --------------------------------------------------------------------------------------------


@citizen_read
def my_goals(access: CitizenAccess) -> QuerySet[Goal]:
    return Goal.objects.visible_to(access).order_by("status", "created_at", "id")


@citizen_read
def my_next_steps(access: CitizenAccess) -> QuerySet[Action]:
    """Open actions, soonest evaluation first, with who is responsible (name and agency)."""
    return (
        Action.objects.visible_to(access)
        .filter(status__in=OPEN_ACTION_STATUSES)
        .select_related("responsible", "responsible_agency")
        .order_by("evaluation_date", "id")
    )


EVALUATIONS_SHOWN = 10


def _newest_evaluations(access: CitizenAccess) -> QuerySet[Evaluation]:
    return Evaluation.objects.visible_to(access).order_by("-evaluated_at", "-id")


@citizen_read
def _latest_evaluations(access: CitizenAccess) -> QuerySet[Evaluation]:
    return (
        _newest_evaluations(access)
        .with_related(access, "action")
        .select_related("action__responsible")[:EVALUATIONS_SHOWN]
    )


@citizen_read
def _views_on_latest_evaluations(access: CitizenAccess) -> QuerySet[LogEntry]:
    """The youth's own views added to the evaluations `_latest_evaluations` reads (the same rows)."""
    latest = _newest_evaluations(access).values("id")[:EVALUATIONS_SHOWN]
    return (
        LogEntry.objects.visible_to(access)
        .filter(kind=LogEntryKind.YOUTH_VIEW, evaluation__in=latest)
        .order_by("occurred_at", "id")
    )


def my_evaluations(access: CitizenAccess) -> list[Evaluation]:
    """The latest evaluations, each with its action when the user may see it (`shown_action`) and,
    for the youth, their own views added afterwards (`my_views`). Both reads are compiled once."""
    rows = _latest_evaluations(access)
    views: dict[int, list[LogEntry]] = {}
    if access.sees("log"):
        for view in _views_on_latest_evaluations(access):
            views.setdefault(view.evaluation_id, []).append(view)
    for evaluation in rows:
        evaluation.shown_action = related(evaluation, "action", access.user.pk)
        evaluation.my_views = views.get(evaluation.pk, [])
    return rows


def evaluation_get(access: CitizenAccess, evaluation_id: int) -> Evaluation:
    """One of the youth's evaluations (404 for anybody else's)."""
    return get_object_or_404(
        Evaluation.objects.visible_to(access).select_related("action__youth"), pk=evaluation_id
    )


def my_meetings(access: CitizenAccess, limit: int = 10) -> list[Meeting]:
    """Upcoming meetings with who comes: staff, and the relatives the user may see."""
    return list(
        Meeting.objects.visible_to(access)
        .filter(starts_at__gte=timezone.now())
        .prefetch_related(
            Prefetch("participants"),
            Prefetch("relatives", Relative.objects.visible_to(access)),
        )
        .order_by("starts_at", "id")[:limit]
    )


@prepared
def _team_of(youth_id: int):
    holder = When(user_id=F("youth__stafettholder_id"), then=Value(0))
    holder_first = Case(holder, default=Value(1), output_field=IntegerField())
    return (
        TeamMembership.objects.active()
        .filter(youth=youth_id, user__is_active=True)
        .select_related("user", "agency")
        .annotate(holder_first=holder_first)
        .order_by("holder_first", "started_on", "id")
    )


def my_team(access: CitizenAccess) -> list[TeamMembership]:
    """The team now, the stafettholder first, with the user row that holds phone and e-mail (compiled
    once; names and contacts of staff are not content)."""
    return _team_of(youth_id=access.youth.pk)


@citizen_read
def my_transitions(access: CitizenAccess) -> QuerySet[Transition]:
    return (
        Transition.objects.visible_to(access)
        .filter(status__in=(TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS))
        .select_related("responsible")
        .order_by("planned_date", "id")
    )


# The log, lysglimt first ------------------------------------------------------------------------------


def _is_lysglimt() -> Q:
    return Q(kind=LogEntryKind.LYSGLIMT) | Q(Exists(Lysglimt.objects.filter(entry=OuterRef("pk"))))


@citizen_read
def my_lysglimt(access: CitizenAccess) -> QuerySet[LogEntry]:
    """Moments that went well: entries written or marked as a lysglimt, newest first (the latest 10)."""
    return (
        LogEntry.objects.visible_to(access)
        .filter(_is_lysglimt())
        .select_related("author")
        .order_by("-occurred_at", "-id")[:10]
    )


def my_log(access: CitizenAccess) -> QuerySet[LogEntry]:
    """Everything written in the youth's log that they may read (a queryset to paginate), each marked
    whether it is a lysglimt."""
    return (
        LogEntry.objects.visible_to(access)
        .select_related("author", "agency")
        .annotate(is_lysglimt=ExpressionWrapper(_is_lysglimt(), output_field=BooleanField()))
        .order_by("-occurred_at", "-id")
    )


def log_entry_get(access: CitizenAccess, entry_id: int) -> LogEntry:
    return access.get(LogEntry.objects.visible_to(access), entry_id)


def my_words(access: CitizenAccess) -> QuerySet[LogEntry]:
    """What the youth wrote to the team and the goals they suggested ("Du skrev")."""
    return (
        LogEntry.objects.visible_to(access)
        .filter(kind__in=MY_WORDS, author=access.user)
        .order_by("-occurred_at", "-id")
    )


# Consents ------------------------------------------------------------------------------------------


def may_withdraw(consent: Consent) -> bool:
    return (
        consent.basis == ConsentBasis.CONSENT
        and consent.given_by in WITHDRAWABLE_GIVERS
        and consent.state in WITHDRAWABLE_STATES
    )


def my_consents(access: CitizenAccess) -> list[Consent]:
    """Each consent with what each agency may see now (`by_agency`: agency -> categories), its history
    and whether the youth may withdraw it. Texts (purpose, notes) stay with those who manage consent."""
    grants = ConsentGrant.objects.select_related("agency").order_by("agency__name", "category")
    events = ConsentEvent.objects.select_related("recorded_by").order_by("recorded_at", "id")
    consents = list(
        Consent.objects.filter(youth=access.youth)
        .prefetch_related(Prefetch("grants", grants), Prefetch("events", events))
        .order_by("-valid_from", "-id")
    )
    for consent in consents:
        by_agency = defaultdict(list)
        for grant in consent.grants.all():
            by_agency[grant.agency].append(grant.category)
        consent.by_agency = dict(by_agency)
        consent.may_withdraw = may_withdraw(consent)
    return consents


def consent_get(access: CitizenAccess, consent_id: int) -> Consent:
    return get_object_or_404(Consent.objects.filter(youth=access.youth), pk=consent_id)


def my_relatives(access: CitizenAccess) -> list[Relative]:
    return list(Relative.objects.visible_to(access).select_related("sharing").order_by("name", "id"))


def relative_get(access: CitizenAccess, relative_id: int) -> Relative:
    return access.get(Relative.objects.visible_to(access), relative_id)


# Who has looked -----------------------------------------------------------------------------------


def who_has_looked(access: CitizenAccess) -> QuerySet[AccessLogEntry]:
    """The access log of the youth's record: everybody's rows but the youth's own."""
    return (
        AccessLogEntry.objects.filter(youth=access.youth)
        .exclude(user=access.user)
        .select_related("user", "agency", "emergency")
        .order_by("-at", "-id")
    )
