"""Reads about plans, the log, meetings and transitions of one (already access-checked) youth."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from coordination.models import User, Youth, YouthStatus
from pathways.models import (
    FOLLOW_UP_KINDS,
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


def plan_for_youth(youth: Youth) -> list[Goal]:
    """Goals → actions → evaluations in three queries, however long the plan."""
    evaluations = Evaluation.objects.select_related("evaluated_by").order_by("-evaluated_at", "-id")
    actions = Action.objects.select_related(
        "responsible", "responsible_agency", "evaluator"
    ).prefetch_related(Prefetch("evaluations", queryset=evaluations))
    return list(
        Goal.objects.filter(youth=youth)
        .select_related("created_by")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("status", "created_at", "id")
    )


def open_actions(youth: Youth, limit: int = 10) -> list[Action]:
    return list(
        Action.objects.filter(youth=youth, status__in=("planned", "ongoing"))
        .select_related("goal", "responsible", "responsible_agency")
        .order_by("evaluation_date", "id")[:limit]
    )


def log_for_youth(youth: Youth) -> QuerySet[LogEntry]:
    return (
        LogEntry.objects.filter(youth=youth)
        .select_related("author", "agency", "corrects", "planned_outreach", "planned_outreach__responsible")
        .order_by("-occurred_at", "-id")
    )


def corrected_entry_ids(entries: list[LogEntry]) -> set[int]:
    """Which of these entries have a later correction (one query for the page)."""
    ids = [entry.pk for entry in entries]
    return set(LogEntry.objects.filter(corrects_id__in=ids).values_list("corrects_id", flat=True))


def upcoming_meetings(youth: Youth, limit: int = 5) -> list[Meeting]:
    return list(
        Meeting.objects.filter(youth=youth, starts_at__gte=timezone.now())
        .prefetch_related("participants", "relatives")
        .order_by("starts_at")[:limit]
    )


def meetings_for_youth(youth: Youth) -> list[Meeting]:
    return list(
        Meeting.objects.filter(youth=youth)
        .select_related("minutes_entry")
        .prefetch_related("participants", "relatives")
        .order_by("-starts_at")
    )


def open_transitions(youth: Youth) -> list[Transition]:
    return list(
        Transition.objects.filter(
            youth=youth, status__in=(TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS)
        )
        .select_related("responsible")
        .order_by("planned_date")
    )


def transitions_for_youth(youth: Youth) -> list[Transition]:
    return list(
        Transition.objects.filter(youth=youth).select_related("responsible").order_by("-planned_date")
    )


def missed_appointments_without_outreach(youth: Youth, limit: int = 5) -> list[LogEntry]:
    """Missed appointments the services still owe the youth a follow-up for (not a mark against them).

    Same rule as the reminder sweep: followed up once any contact or outreach is logged after it.
    """
    later_follow_up = LogEntry.objects.filter(
        youth=OuterRef("youth"), kind__in=FOLLOW_UP_KINDS, occurred_at__gt=OuterRef("occurred_at")
    )
    return list(
        LogEntry.objects.filter(youth=youth, kind=LogEntryKind.MISSED_APPOINTMENT, corrects__isnull=True)
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
