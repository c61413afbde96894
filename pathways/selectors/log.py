"""Reads of one youth's stafettlogg, filtered to what the YouthAccess may see."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from coordination.access import YouthAccess
from coordination.prepared import prepared
from pathways.models import FOLLOW_UP_KINDS, LogEntry, LogEntryKind, Lysglimt, Withholding

OVERVIEW_RECENT, OVERVIEW_MISSED = 8, 5


def visible_log(access: YouthAccess) -> QuerySet[LogEntry]:
    return LogEntry.objects.visible_to(access)


def _with_marks(entries: QuerySet[LogEntry], access: YouthAccess) -> QuerySet[LogEntry]:
    """Why an entry is kept from the youth (if it is), the date of the entry a correction corrects,
    and whether it is marked as a lysglimt, by anyone and by the user: in the page's one query,
    whatever the number of entries. Subqueries rather than joins: PostgreSQL's time to plan the
    query grows steeply with each join (six joins took 5 ms to plan and 0.5 ms to run)."""
    marks = Lysglimt.objects.filter(entry=OuterRef("pk"))
    return entries.annotate(
        withheld_reason=Subquery(Withholding.objects.filter(entry=OuterRef("pk")).values("reason")),
        corrects_occurred_at=Subquery(
            LogEntry.objects.filter(pk=OuterRef("corrects_id")).values("occurred_at")
        ),
        lysglimt_marked=Exists(marks),
        lysglimt_mine=Exists(marks.filter(marked_by=access.user)),
    )


def log_entry_get(access: YouthAccess, entry_id: int) -> LogEntry:
    return access.get(_with_marks(visible_log(access).select_related("author", "agency"), access), entry_id)


def log_for_youth(access: YouthAccess) -> QuerySet[LogEntry]:
    entries = visible_log(access).select_related(
        "author", "agency", "planned_outreach", "planned_outreach__responsible"
    )
    return _with_marks(entries, access).order_by("-occurred_at", "-id")


def corrected_entry_ids(access: YouthAccess, entries: list[LogEntry]) -> set[int]:
    """Which of these entries have a later visible correction (one query for the page)."""
    ids = [entry.pk for entry in entries]
    return set(visible_log(access).filter(corrects_id__in=ids).values_list("corrects_id", flat=True))


def _later_follow_up():
    return LogEntry.objects.filter(
        youth=OuterRef("youth"), kind__in=FOLLOW_UP_KINDS, occurred_at__gt=OuterRef("occurred_at")
    )


def _owed_follow_up(entries: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
    """Missed appointments the services still owe the youth a follow-up for (not a mark against them).

    Same rule as the reminder sweep: followed up once any contact or outreach is logged after it.
    """
    return entries.filter(kind=LogEntryKind.MISSED_APPOINTMENT, corrects__isnull=True).exclude(
        Exists(_later_follow_up())
    )


@prepared
def _overview_rows(youth_id: int, user_id: int, agency_id: int, categories: list[str]):
    """The rows of the overview's log (compiled once; coordination/prepared.py)."""
    access = YouthAccess.for_sql(youth_id, user_id, agency_id, categories)
    latest = visible_log(access).order_by("-occurred_at", "-id").values("pk")[:OVERVIEW_RECENT]
    owed = _owed_follow_up(visible_log(access)).order_by("-occurred_at", "-id").values("pk")[:OVERVIEW_MISSED]
    return (
        log_for_youth(access)
        .filter(Q(pk__in=latest) | Q(pk__in=owed))
        .annotate(followed_up=Exists(_later_follow_up()))
    )


def overview_log(access: YouthAccess) -> tuple[list, list]:
    """The latest entries and the latest missed appointments owed a follow-up, in one query: the rows
    of either set, newest first. Every row outside the latest OVERVIEW_RECENT is older than all of
    them, so the first rows are exactly the latest; the missed ones are picked out by the same rule."""
    rows = _overview_rows(**access.sql_arguments())
    owed_rows = [
        entry
        for entry in rows
        if entry.kind == LogEntryKind.MISSED_APPOINTMENT
        and entry.corrects_id is None
        and not entry.followed_up
    ]
    return rows[:OVERVIEW_RECENT], owed_rows[:OVERVIEW_MISSED]
