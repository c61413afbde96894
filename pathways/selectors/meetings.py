"""Reads of one youth's cooperation meetings, filtered to what the YouthAccess may see."""

from django.db.models import QuerySet
from django.utils import timezone

from coordination.access import YouthAccess
from pathways.models import Meeting


def visible_meetings(access: YouthAccess) -> QuerySet[Meeting]:
    return Meeting.objects.filter(access.content(agency_field="created_by__agency"), youth=access.youth)


def meeting_get(access: YouthAccess, meeting_id: int) -> Meeting:
    return access.get(visible_meetings(access), meeting_id)


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
