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
from django.utils.translation import gettext_lazy as _

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


def my_evaluations(access: CitizenAccess, limit: int = 10) -> list[Evaluation]:
    """The latest evaluations, each with its action when the user may see it (`shown_action`) and,
    for the youth, their own views added afterwards (`my_views`)."""
    evaluations = (
        Evaluation.objects.visible_to(access)
        .with_related(access, "action")
        .select_related("action__responsible")
        .order_by("-evaluated_at", "-id")
    )
    if access.sees("log"):
        views = (
            LogEntry.objects.visible_to(access).filter(kind=LogEntryKind.YOUTH_VIEW).order_by("occurred_at")
        )
        evaluations = evaluations.prefetch_related(Prefetch("youth_views", views, to_attr="my_views"))
    rows = list(evaluations[:limit])
    for evaluation in rows:
        evaluation.shown_action = related(evaluation, "action", access.user.pk)
        if not hasattr(evaluation, "my_views"):
            evaluation.my_views = []
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


def my_team(access: CitizenAccess) -> list[TeamMembership]:
    """The team now, the stafettholder first, with the user row that holds phone and e-mail."""
    holder = access.youth.stafettholder_id
    first = Case(When(user_id=holder, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(
        TeamMembership.objects.active()
        .filter(youth=access.youth, user__is_active=True)
        .select_related("user", "agency")
        .annotate(holder_first=first)
        .order_by("holder_first", "started_on", "id")
    )


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


# Plain words ------------------------------------------------------------------------------------------
# What a row of the access log means, for a 13-year-old: (opened/looked, changed).
_LOOKED = {
    "archive_export": (
        _("copied your closed case to the archive"),
        _("copied your closed case to the archive"),
    ),
    "own_data_export": (_("downloaded a copy of the data"), _("downloaded a copy of the data")),
    "own_data_for_youth": (_("made a copy of your data for you"), _("made a copy of your data for you")),
    "legal_hold_on": (_("said your case must be kept for now"), _("said your case must be kept for now")),
    "legal_hold_off": (
        _("said your case no longer needs to be kept"),
        _("said your case no longer needs to be kept"),
    ),
    "youth_overview": (_("opened the overview of your case"), _("changed the overview of your case")),
    "youth_new": (_("registered you in Stafett"), _("registered you in Stafett")),
    "plan": (_("looked at your plan"), _("changed your plan")),
    "goal_new": (_("looked at your plan"), _("added a goal to your plan")),
    "goal_edit": (_("looked at a goal in your plan"), _("changed a goal in your plan")),
    "action_new": (_("looked at your plan"), _("added a step to your plan")),
    "action_edit": (_("looked at a step in your plan"), _("changed a step in your plan")),
    "evaluation_new": (_("looked at a step in your plan"), _("wrote how a step in your plan is going")),
    "log": (_("read the log"), _("wrote in the log")),
    "correction_new": (_("read an entry in the log"), _("corrected an entry in the log")),
    "level_change": (_("looked at how much help you get"), _("changed how much help you get")),
    "meetings": (_("looked at your meetings"), _("changed your meetings")),
    "meeting_new": (_("looked at your meetings"), _("planned a meeting")),
    "meeting_edit": (_("looked at a meeting"), _("changed a meeting")),
    "meeting_minutes": (_("looked at a meeting"), _("wrote what was said at a meeting")),
    "transitions": (_("looked at your changes ahead"), _("changed your changes ahead")),
    "transition_new": (_("looked at your changes ahead"), _("planned a change ahead")),
    "transition_edit": (_("looked at a change ahead"), _("changed a change ahead")),
    "team": (_("looked at your team"), _("changed your team")),
    "team_member_new": (_("looked at your team"), _("added someone to your team")),
    "team_member_leave": (_("looked at your team"), _("took someone off your team")),
    "relative_new": (_("looked at your team"), _("added one of your relatives")),
    "handover_new": (_("looked at who is your stafettholder"), _("asked someone to be your stafettholder")),
    "handover_answer": (
        _("looked at who is your stafettholder"),
        _("answered about being your stafettholder"),
    ),
    "handover_withdraw": (
        _("looked at who is your stafettholder"),
        _("took back a question about your stafettholder"),
    ),
    "case_close": (_("looked at your case"), _("closed your case")),
    "case_reopen": (_("looked at your case"), _("opened your case again")),
    "consents": (_("looked at your consents"), _("changed your consents")),
    "consent_new": (_("looked at your consents"), _("wrote down a consent")),
    "consent_event_new": (_("looked at a consent"), _("changed a consent")),
    "access_log": (_("looked at who has looked at your case"), _("looked at who has looked at your case")),
    "emergency_access": (_("used emergency access to your case"), _("used emergency access to your case")),
    "emergency_access_start": (
        _("used emergency access to your case"),
        _("used emergency access to your case"),
    ),
    "reminder_handled": (_("looked at a reminder about you"), _("marked a reminder about you as done")),
}
SEEN_IN_A_LIST = _("saw your name in a list (no content)")
TRIED_TO_REGISTER = _("tried to register you, but you were already registered")
LOOKED_AT_YOUR_CASE = _("looked at your case")


def looked_in_plain_words(row: AccessLogEntry) -> str:
    """ "opened the overview", "read the log", "changed your plan" … ("looked at your case" if unknown)."""
    if row.action == "register":
        return TRIED_TO_REGISTER
    name = row.what.split(":", 1)[0]
    if row.role == "list":
        return SEEN_IN_A_LIST
    words = _LOOKED.get(name)
    if words is None:
        return LOOKED_AT_YOUR_CASE
    return words[1] if row.action == "change" else words[0]


CATEGORY_WORDS = {
    "general": _("everyday things: appointments, the plan, how things are going"),
    "school": _("school"),
    "child_welfare": _("child welfare (barnevernet)"),
    "health": _("health"),
    "mental_health": _("how you feel (mental health)"),
    "substance_use": _("alcohol and drugs"),
    "police": _("the police"),
    "nav": _("NAV (money, work, housing)"),
}

TRANSITION_WORDS = {
    "turning_18": _(
        "You turn 18. Then you decide more yourself, and some help moves to services for adults."
    ),
    "admission": _("You start at a new place where you get help."),
    "discharge": _("You finish at a place where you get help."),
    "aftercare": _("Follow-up after you finish, so you are not left alone."),
    "school_change": _("You change school."),
    "moving": _("You move to a new place."),
}

CONSENT_EVENT_WORDS = {
    "requested": _("You were asked for a consent"),
    "discussed": _("We talked about the consent"),
    "given": _("The consent was given"),
    "partly_given": _("The consent was given for some things"),
    "refused": _("The answer was no"),
    "renewed": _("The consent was renewed"),
    "narrowed": _("Less is shared now"),
    "widened": _("More is shared now"),
    "withdrawn": _("The consent was withdrawn"),
    "expired": _("The consent ran out"),
    "reviewed": _("The consent was checked and stays the same"),
}

CONSENT_STATE_WORDS = {
    "requested": _("Asked for, not answered yet"),
    "discussed": _("Talked about, not answered yet"),
    "given": _("Yes"),
    "partly_given": _("Yes, for some things"),
    "refused": _("No"),
    "withdrawn": _("Withdrawn"),
    "expired": _("Ran out"),
}

GIVER_WORDS = {
    "youth": _("You said yes"),
    "guardians": _("Your guardians said yes"),
    "both": _("You and your guardians said yes"),
    "n/a": _("Not a consent: the law says they must share"),
}


def age_rule_in_plain_words(age: int) -> str:
    """The age rule for consent (coordination.consent_rules), explained for the youth."""
    if age >= 18:
        return _("You are 18 or older: only you decide. Nobody else sees anything unless you say yes.")
    if age >= 16:
        return _(
            "You are 16 or 17: you decide yourself about health, how you feel, and alcohol and drugs. "
            "For other things your guardians must say yes too. Your guardians only see what you choose "
            "to share with them."
        )
    if age >= 12:
        return _(
            "You are under 16: your guardians give the consent. The adults must listen to what you think, "
            "and what you say counts a lot. You can choose things your guardians should not see."
        )
    return _(
        "You are under 12: your guardians give the consent, but the adults must always ask what you think."
    )
