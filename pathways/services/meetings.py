"""Cooperation meetings: planned with participants and interpreter, minutes go to the log."""

import datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import User, Youth
from coordination.services.authorship import written_for
from pathways.models import LogEntry, LogEntryKind, Meeting
from pathways.services import notifications
from pathways.services.log import note_contact
from pathways.services.versioning import update_if_unchanged


def _check(youth: Youth, relatives, fields: dict) -> None:
    if not youth.is_active:
        raise BusinessRuleError(_("The case is closed. Reopen it to plan meetings."))
    if fields.get("interpreter_booked") and not fields.get("interpreter_needed"):
        fields["interpreter_needed"] = True
    if any(relative.youth_id != youth.pk for relative in relatives):
        raise BusinessRuleError(_("Only the youth's own relatives can be invited."))


@transaction.atomic
def meeting_create(*, actor: User, youth: Youth, participants, relatives, **fields) -> Meeting:
    relatives = list(relatives)
    _check(youth, relatives, fields)
    meeting = Meeting.objects.create(youth=youth, created_by=actor, agency_id=written_for(actor), **fields)
    meeting.participants.set({*participants, actor})
    meeting.relatives.set(relatives)
    _notify_after_commit(meeting, created=True)
    return meeting


def _notify_after_commit(meeting: Meeting, *, created: bool) -> None:
    # The youth and the invited relatives who may receive it hear that there is something new.
    notify = partial(notifications.notify_meeting, meeting_id=meeting.pk, created=created)
    transaction.on_commit(notify, robust=True)


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, expected_version: int, participants, relatives, **fields
) -> Meeting:
    """Changes a planned meeting (an interpreter is often booked after it was planned). A meeting
    whose minutes are written is part of the log and is corrected there instead."""
    relatives = list(relatives)
    _check(meeting.youth, relatives, fields)
    if meeting.has_minutes:
        raise BusinessRuleError(_("The minutes are written. Correct the meeting in the log instead."))
    update_if_unchanged(meeting, expected_version=expected_version, **fields)
    meeting.participants.set(participants)
    meeting.relatives.set(relatives)
    _notify_after_commit(meeting, created=False)
    return meeting


def minutes_text(title: str, minutes: str) -> str:
    """The log text that carries a meeting's minutes (also written by the demo data builders)."""
    return _("Minutes from “%(title)s”:\n%(minutes)s") % {"title": title, "minutes": minutes}


@transaction.atomic
def meeting_record_minutes(
    *, actor: User, meeting: Meeting, minutes: str, held_at: datetime.datetime | None = None
) -> LogEntry:
    """The minutes become a log entry; once written they are corrected in the log like any entry."""
    meeting = Meeting.objects.select_for_update().select_related("youth").get(pk=meeting.pk)
    if meeting.has_minutes:
        raise BusinessRuleError(_("Minutes are already recorded. Add a correction in the log instead."))
    if not minutes.strip():
        raise BusinessRuleError(_("The minutes need a text."))
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can write in the log."))
    occurred_at = held_at or meeting.starts_at
    entry = LogEntry.objects.create(
        youth=meeting.youth,
        kind=LogEntryKind.MEETING,
        category=meeting.category,
        text=minutes_text(meeting.title, minutes.strip()),
        occurred_at=occurred_at,
        author=actor,
        # The minutes are written for the same agency as the meeting they belong to.
        agency_id=meeting.agency_id,
    )
    meeting.minutes_entry = entry
    meeting.save(update_fields=["minutes_entry"])
    if meeting.youth_attends:
        note_contact(meeting.youth, LogEntryKind.MEETING, occurred_at)
    return entry
