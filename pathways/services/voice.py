"""What a youth writes in their own Stafett, and what marks a moment that went well (lysglimt).

The youth's own texts are log entries like every other (append-only, content with a category; the
agency is empty because no agency wrote them): a message to the team, a goal suggested in their own
words, their view on an evaluation. They reach the stafettholder's inbox through the sweep
(pathways/sweep/rules.py) and team members read them as the youth's consent allows.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import InformationCategory, User, Youth
from pathways.models import (
    YOUTH_KINDS,
    Evaluation,
    LogEntry,
    LogEntryKind,
    Lysglimt,
    Withholding,
    WithholdingReason,
)
from pathways.services.log import log_entry_record_system

MAX_TEXT = 4000


def _youth_entry(*, youth: Youth, author: User, kind: str, text: str, category: str, **fields) -> LogEntry:
    if not youth.is_active:
        raise BusinessRuleError(_("Your case is closed, so nothing can be added now."))
    if author.kind != "youth" or getattr(author, "youth_record", None) != youth:
        raise BusinessRuleError(_("Only the youth can write here."))
    text = text.strip()
    if not text:
        raise BusinessRuleError(_("Write something first."))
    if len(text) > MAX_TEXT:
        raise BusinessRuleError(_("That is too long. Keep it under 4000 characters."))
    if category not in InformationCategory.values:
        category = InformationCategory.GENERAL
    return LogEntry.objects.create(
        youth=youth,
        kind=kind,
        category=category,
        text=text,
        occurred_at=timezone.now(),
        author=author,
        agency=None,
        **fields,
    )


@transaction.atomic
def youth_message_send(
    *, actor: User, youth: Youth, text: str, category: str = InformationCategory.GENERAL
) -> LogEntry:
    return _youth_entry(
        youth=youth, author=actor, kind=LogEntryKind.YOUTH_MESSAGE, text=text, category=category
    )


@transaction.atomic
def goal_suggest(
    *, actor: User, youth: Youth, text: str, category: str = InformationCategory.GENERAL
) -> LogEntry:
    return _youth_entry(
        youth=youth, author=actor, kind=LogEntryKind.GOAL_SUGGESTION, text=text, category=category
    )


@transaction.atomic
def evaluation_view_add(*, actor: User, evaluation: Evaluation, text: str) -> LogEntry:
    """The youth's own view on an evaluation, of the evaluation's category."""
    youth = evaluation.action.youth
    return _youth_entry(
        youth=youth,
        author=actor,
        kind=LogEntryKind.YOUTH_VIEW,
        text=text,
        category=evaluation.category,
        evaluation=evaluation,
    )


@transaction.atomic
def lysglimt_mark(*, actor: User, entry: LogEntry) -> Lysglimt:
    """Marks an entry as a moment that went well (staff or the youth). Once per person and entry."""
    try:
        with transaction.atomic():
            return Lysglimt.objects.create(entry=entry, marked_by=actor)
    except IntegrityError:
        raise BusinessRuleError(_("You have already marked this as a lysglimt.")) from None


@transaction.atomic
def lysglimt_note(
    *, actor: User, youth: Youth, text: str, category: str = InformationCategory.GENERAL
) -> LogEntry:
    """A short note about something that went well, written straight into the log as a lysglimt."""
    if actor.kind == "youth":
        entry = _youth_entry(
            youth=youth, author=actor, kind=LogEntryKind.LYSGLIMT, text=text, category=category
        )
    else:
        if not text.strip():
            raise BusinessRuleError(_("Write what went well."))
        entry = log_entry_record_system(
            youth=youth, actor=actor, kind=LogEntryKind.LYSGLIMT, text=text.strip(), category=category
        )
    Lysglimt.objects.create(entry=entry, marked_by=actor)
    return entry


@transaction.atomic
def entry_withhold(*, actor: User, entry: LogEntry, reason: str) -> Withholding:
    """Keeps one log entry from the youth, with a reason from the fixed list. Everything else is shown
    to the youth; the marking is shown to the team lead."""
    if reason not in WithholdingReason.values:
        raise BusinessRuleError(_("Choose one of the reasons the law allows."))
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can write about a youth."))
    if entry.kind in YOUTH_KINDS:
        raise BusinessRuleError(_("What the youth wrote cannot be kept from them."))
    try:
        with transaction.atomic():
            return Withholding.objects.create(entry=entry, reason=reason, by=actor, agency_id=actor.agency_id)
    except IntegrityError:
        raise BusinessRuleError(_("This entry is already kept from the youth.")) from None
