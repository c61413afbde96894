"""Reads of one youth's cooperation meetings, filtered to what the YouthAccess may see."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from coordination.access import YouthAccess
from coordination.models import Relative
from coordination.prepared import prepared
from pathways.models import LogEntry, Meeting

UPCOMING_SHOWN = 5


def visible_meetings(access: YouthAccess) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(access)


def _with_people(access: YouthAccess, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Participants, and the invited relatives the user may see (their details are content)."""
    return meetings.prefetch_related(
        "participants", Prefetch("relatives", Relative.objects.visible_to(access))
    )


def meeting_get(access: YouthAccess, meeting_id: int) -> Meeting:
    return access.get(visible_meetings(access), meeting_id)


@prepared
def _upcoming(youth_id: int, user_id: int, agency_id: int, categories: list[str], now: datetime.datetime):
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    return visible_meetings(access).filter(starts_at__gte=now).order_by("starts_at")[:UPCOMING_SHOWN]


def upcoming_meetings(access: YouthAccess) -> list[Meeting]:
    # The overview lists when, what and where; the people are on the meetings page (compiled once).
    return _upcoming(**access.sql_arguments(), now=timezone.now())


def meetings_for_youth(access: YouthAccess) -> list[Meeting]:
    """Each with its minutes when the user may see them (the minutes are a log entry of their own)."""
    minutes = Prefetch("minutes_entry", LogEntry.objects.visible_to(access))
    return list(
        _with_people(access, visible_meetings(access)).prefetch_related(minutes).order_by("-starts_at")
    )
