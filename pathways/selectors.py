"""Reads about plans, the log, meetings and transitions of one (already access-checked) youth."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from coordination.models import Youth
from pathways.models import Action, Evaluation, Goal, LogEntry, Meeting, Transition, TransitionStatus


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
        .select_related("author", "agency", "corrects")
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
    """Missed appointments the services still owe the youth a follow-up for (not a mark against them)."""
    from django.db.models import Exists, OuterRef

    later_outreach = LogEntry.objects.filter(
        youth=OuterRef("youth"),
        kind__in=("outreach", "contact", "phone"),
        occurred_at__gt=OuterRef("occurred_at"),
    )
    return list(
        LogEntry.objects.filter(youth=youth, kind="missed", corrects__isnull=True)
        .exclude(Exists(later_outreach))
        .select_related("author")
        .order_by("-occurred_at")[:limit]
    )
