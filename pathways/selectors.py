"""Reads about plans, the log, meetings and transitions of one youth, filtered to what the
YouthAccess may see (covered categories, or written by the user's own agency)."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordination.access import YouthAccess
from pathways.models import (
    OPEN_ACTION_STATUSES,
    Action,
    Evaluation,
    Goal,
    LogEntry,
    LogEntryKind,
    Meeting,
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
    return visible_log(access).select_related("author", "agency", "corrects").order_by("-occurred_at", "-id")


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
    """Missed appointments the services still owe the youth a follow-up for (not a mark against them)."""
    later_contact = LogEntry.objects.filter(
        youth=OuterRef("youth"),
        kind__in=(LogEntryKind.OUTREACH, LogEntryKind.CONTACT, LogEntryKind.PHONE),
        occurred_at__gt=OuterRef("occurred_at"),
    )
    return list(
        visible_log(access)
        .filter(kind=LogEntryKind.MISSED_APPOINTMENT, corrects__isnull=True)
        .exclude(Exists(later_contact))
        .select_related("author")
        .order_by("-occurred_at")[:limit]
    )
