"""Appending to the stafettlogg. Entries are never changed: corrections are new entries."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import InformationCategory, TeamMembership, User, Youth
from pathways.calendar import add_working_days
from pathways.models import CONTACT_KINDS, MANUAL_KINDS, LogEntry, LogEntryKind, Lysglimt, PlannedOutreach

# A caseworker's clock may run a little ahead; anything further in the future is a typo.
_FUTURE_TOLERANCE = datetime.timedelta(minutes=10)


def _require_agency(actor: User) -> None:
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can write in the log."))


def note_contact(youth: Youth, kind: str, occurred_at: datetime.datetime) -> None:
    if kind in CONTACT_KINDS:
        # Only ever moves forward, so a late-registered old contact does not hide a newer one.
        Youth.objects.filter(pk=youth.pk).filter(
            Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=occurred_at)
        ).update(last_contact_at=occurred_at)


@transaction.atomic
def log_entry_append(
    *,
    actor: User,
    youth: Youth,
    kind: str,
    text: str,
    occurred_at: datetime.datetime,
    category: str = InformationCategory.GENERAL,
    outreach_responsible: User | None = None,
    outreach_by: datetime.date | None = None,
    outreach_how: str = "",
) -> LogEntry:
    """Appends an entry. A missed appointment (uteblitt) also records the outreach the services owe:
    by whom (default: the author) and by when (default: within the working days the reminder allows).
    """
    _require_agency(actor)
    if kind not in MANUAL_KINDS:
        raise BusinessRuleError(_("This kind of entry is written by the system, not by hand."))
    if not text.strip():
        raise BusinessRuleError(_("The entry needs a text."))
    if occurred_at > timezone.now() + _FUTURE_TOLERANCE:
        raise BusinessRuleError(_("An entry cannot describe something that has not happened yet."))
    entry = LogEntry.objects.create(
        youth=youth,
        kind=kind,
        category=category,
        text=text.strip(),
        occurred_at=occurred_at,
        author=actor,
        agency_id=actor.agency_id,
    )
    note_contact(youth, kind, occurred_at)
    if kind == LogEntryKind.MISSED_APPOINTMENT:
        _plan_outreach(entry, actor, outreach_responsible or actor, outreach_by, outreach_how)
    elif kind == LogEntryKind.LYSGLIMT:
        # Written as a lysglimt is marked by its author, as through "Add a lysglimt": one meaning everywhere.
        Lysglimt.objects.create(entry=entry, marked_by=actor)
    return entry


def _plan_outreach(
    entry: LogEntry, actor: User, responsible: User, planned_for: datetime.date | None, how: str
) -> PlannedOutreach:
    missed_on = timezone.localdate(entry.occurred_at)
    if planned_for is None:
        planned_for = add_working_days(missed_on, settings.REMINDER_OUTREACH_WORKING_DAYS)
    if planned_for < missed_on:
        raise BusinessRuleError(_("The outreach cannot be planned before the missed appointment."))
    if not TeamMembership.objects.filter(
        youth_id=entry.youth_id, user=responsible, ended_on__isnull=True
    ).exists():
        raise BusinessRuleError(_("The person who reaches out must be on the youth's team."))
    return PlannedOutreach.objects.create(
        missed_entry=entry,
        youth_id=entry.youth_id,
        responsible=responsible,
        planned_for=planned_for,
        how=how.strip(),
        created_by=actor,
    )


@transaction.atomic
def log_entry_correct(*, actor: User, original: LogEntry, text: str) -> LogEntry:
    """Adds a correction pointing at the original; the original stays as it was written."""
    _require_agency(actor)
    if original.author_id != actor.pk:
        raise BusinessRuleError(_("Only the author of an entry can correct it."))
    if not text.strip():
        raise BusinessRuleError(_("The correction needs a text."))
    return LogEntry.objects.create(
        youth_id=original.youth_id,
        kind=original.kind,
        category=original.category,
        text=text.strip(),
        occurred_at=original.occurred_at,
        author=actor,
        # Written for the same agency as the entry it corrects: seen wherever the original is.
        agency_id=original.agency_id,
        # A correction of a correction corrects the same entry: one original, so what is kept from
        # the youth on the original is kept with every correction of it (LogEntry.visibility).
        corrects_id=original.corrects_id or original.pk,
    )


def log_entry_record_system(
    *,
    youth: Youth,
    actor: User,
    kind: str,
    text: str,
    category: str = InformationCategory.GENERAL,
    agency_id: int | None = None,
) -> LogEntry:
    """Entries written as a side effect of another action (handover, plan change, level change…).

    An entry that repeats a content text (a goal's, an action's) is written for the agency that text
    was written for (`agency_id`), so it is seen exactly where the text itself is."""
    agency_id = agency_id or actor.agency_id or youth.originating_agency_id
    return LogEntry.objects.create(
        youth=youth,
        kind=kind,
        category=category,
        text=text,
        occurred_at=timezone.now(),
        author=actor,
        agency_id=agency_id,
    )
