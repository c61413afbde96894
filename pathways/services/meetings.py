"""Cooperation meetings: planned with participants and interpreter, minutes go to the log."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import Relative, User, Youth
from pathways.models import LogEntry, LogEntryKind, Meeting
from pathways.services.log import _note_contact


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    youth: Youth,
    participants: list[User],
    relatives: list[Relative],
    **fields,
) -> Meeting:
    if not youth.is_active:
        raise BusinessRuleError(_("The case is closed. Reopen it to plan meetings."))
    if fields.get("interpreter_booked") and not fields.get("interpreter_needed"):
        fields["interpreter_needed"] = True
    if any(relative.youth_id != youth.pk for relative in relatives):
        raise BusinessRuleError(_("Only the youth's own relatives can be invited."))
    meeting = Meeting.objects.create(youth=youth, created_by=actor, **fields)
    meeting.participants.set({*participants, actor})
    meeting.relatives.set(relatives)
    return meeting


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
        text=_("Minutes from “%(title)s”:\n%(minutes)s")
        % {"title": meeting.title, "minutes": minutes.strip()},
        occurred_at=occurred_at,
        author=actor,
        agency_id=actor.agency_id,
    )
    meeting.minutes_entry = entry
    meeting.save(update_fields=["minutes_entry"])
    if meeting.youth_attends:
        _note_contact(meeting.youth, LogEntryKind.MEETING, occurred_at)
    return entry
