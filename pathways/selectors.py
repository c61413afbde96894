"""Reads about plans, the log, meetings and transitions of one youth, filtered to what the
YouthAccess may see (covered categories, or written by the user's own agency)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordination.access import YouthAccess
from coordination.models import User, YouthStatus
from pathways.models import (
    FOLLOW_UP_KINDS,
    OPEN_ACTION_STATUSES,
    Action,
    Evaluation,
    Goal,
    Lapse,
    LogEntry,
    LogEntryKind,
    Meeting,
    Reminder,
    Transition,
    TransitionStatus,
)


def visible_goals(access: YouthAccess) -> QuerySet[Goal]:
    return Goal.objects.filter(access.content(), youth=access.youth)


def visible_actions(access: YouthAccess) -> QuerySet[Action]:
    return Action.objects.filter(access.content(agency_field="created_by__agency"), youth=access.youth)


def visible_log(access: YouthAccess) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(access.content(), youth=access.youth)


def visible_meetings(access: YouthAccess) -> QuerySet[Meeting]:
    return Meeting.objects.filter(access.content(agency_field="created_by__agency"), youth=access.youth)


def goal_get(access: YouthAccess, goal_id: int) -> Goal:
    return get_object_or_404(visible_goals(access), pk=goal_id)


def action_get(access: YouthAccess, action_id: int) -> Action:
    return get_object_or_404(visible_actions(access).select_related("goal"), pk=action_id)


def log_entry_get(access: YouthAccess, entry_id: int) -> LogEntry:
    return get_object_or_404(visible_log(access).select_related("author", "agency"), pk=entry_id)


def meeting_get(access: YouthAccess, meeting_id: int) -> Meeting:
    return get_object_or_404(visible_meetings(access), pk=meeting_id)


def transition_get(access: YouthAccess, transition_id: int) -> Transition:
    return get_object_or_404(Transition, youth=access.youth, pk=transition_id)


def plan_for_youth(access: YouthAccess) -> list[Goal]:
    """Goals → actions → evaluations in three queries, however long the plan."""
    evaluations = (
        Evaluation.objects.filter(access.content())
        .select_related("evaluated_by")
        .order_by("-evaluated_at", "-id")
    )
    actions = (
        visible_actions(access)
        .select_related("responsible", "responsible_agency", "evaluator")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations))
    )
    return list(
        visible_goals(access)
        .select_related("created_by")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("status", "created_at", "id")
    )


def open_actions(access: YouthAccess, limit: int = 10) -> list[Action]:
    return list(
        visible_actions(access)
        .filter(status__in=OPEN_ACTION_STATUSES)
        .select_related("goal", "responsible", "responsible_agency")
        .order_by("evaluation_date", "id")[:limit]
    )


def log_for_youth(access: YouthAccess) -> QuerySet[LogEntry]:
    return (
        visible_log(access)
        .select_related("author", "agency", "corrects", "planned_outreach", "planned_outreach__responsible")
        .order_by("-occurred_at", "-id")
    )


def corrected_entry_ids(access: YouthAccess, entries: list[LogEntry]) -> set[int]:
    """Which of these entries have a later visible correction (one query for the page)."""
    ids = [entry.pk for entry in entries]
    return set(visible_log(access).filter(corrects_id__in=ids).values_list("corrects_id", flat=True))


def upcoming_meetings(access: YouthAccess, limit: int = 5) -> list[Meeting]:
    return list(
        visible_meetings(access)
        .filter(starts_at__gte=timezone.now())
        .prefetch_related("participants", "relatives")
        .order_by("starts_at")[:limit]
    )


def meetings_for_youth(access: YouthAccess) -> list[Meeting]:
    return list(
        visible_meetings(access)
        .select_related("minutes_entry")
        .prefetch_related("participants", "relatives")
        .order_by("-starts_at")
    )


def open_transitions(access: YouthAccess) -> list[Transition]:
    return list(
        Transition.objects.filter(
            youth=access.youth, status__in=(TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS)
        )
        .select_related("responsible")
        .order_by("planned_date")
    )


def transitions_for_youth(access: YouthAccess) -> list[Transition]:
    return list(
        Transition.objects.filter(youth=access.youth).select_related("responsible").order_by("-planned_date")
    )


def missed_appointments_without_outreach(access: YouthAccess, limit: int = 5) -> list[LogEntry]:
    """Missed appointments the services still owe the youth a follow-up for (not a mark against them).

    Same rule as the reminder sweep: followed up once any contact or outreach is logged after it.
    """
    later_follow_up = LogEntry.objects.filter(
        youth=OuterRef("youth"), kind__in=FOLLOW_UP_KINDS, occurred_at__gt=OuterRef("occurred_at")
    )
    return list(
        visible_log(access)
        .filter(kind=LogEntryKind.MISSED_APPOINTMENT, corrects__isnull=True)
        .exclude(Exists(later_follow_up))
        .select_related("author", "planned_outreach", "planned_outreach__responsible")
        .order_by("-occurred_at")[:limit]
    )


def _open_reminders() -> Q:
    return Q(
        lapse__resolved_at__isnull=True,
        lapse__handled_at__isnull=True,
        lapse__youth__status=YouthStatus.ACTIVE,
    )


def reminders_for_user(user: User, *, settled: bool = False) -> QuerySet[Reminder]:
    """The user's inbox: open reminders (oldest lapse first), or the settled ones (newest first)."""
    reminders = Reminder.objects.filter(recipient=user).select_related(
        "lapse", "lapse__youth", "lapse__handled_by"
    )
    if settled:
        return reminders.exclude(_open_reminders()).order_by("-created_at", "-pk")
    return reminders.filter(_open_reminders()).order_by("lapse__due_on", "pk")


def unread_reminder_count(user: User) -> int:
    return Reminder.objects.filter(_open_reminders(), recipient=user, read_at__isnull=True).count()


def open_escalations_for_lead(user: User) -> QuerySet[Lapse]:
    """Open lapses escalated to team lead level, for youths whose stafettholder is in the lead's agency.

    Metadata only (youth, rule, dates): a team lead sees no case content by role.
    """
    if not user.is_team_lead or user.agency_id is None:
        return Lapse.objects.none()
    return (
        Lapse.objects.filter(
            resolved_at__isnull=True,
            handled_at__isnull=True,
            escalated_at__isnull=False,
            youth__status=YouthStatus.ACTIVE,
            youth__stafettholder__agency_id=user.agency_id,
        )
        .select_related("youth", "youth__stafettholder")
        .only(
            "rule",
            "due_on",
            "escalated_at",
            "detected_at",
            "youth__first_name",
            "youth__last_name",
            "youth__stafettholder__first_name",
            "youth__stafettholder__last_name",
            "youth__stafettholder__username",
            "youth__stafettholder__is_active",
        )
        .order_by("due_on", "pk")
    )
