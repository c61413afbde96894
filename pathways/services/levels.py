"""BTI level changes: a description of need, logged with a reason, never a gate for help."""

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import BtiLevel, InformationCategory, User, Youth
from coordination.services.authorship import written_for
from pathways.models import LevelChange, LogEntryKind
from pathways.services.log import log_entry_record_system


def level_change_text(old: int, new: int, reason: str) -> str:
    """The log text of a level change (also written by the demo data builders)."""
    return _("BTI level changed from %(old)s to %(new)s: %(reason)s") % {
        "old": old,
        "new": new,
        "reason": reason,
    }


@transaction.atomic
def level_change(
    *, actor: User, youth: Youth, to_level: int, reason: str, category: str = InformationCategory.GENERAL
) -> LevelChange:
    """Changes the level with a reason; the reason is content of the category the writer picks, and
    the log entry that tells of it has the same category."""
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if not youth.is_active:
        raise BusinessRuleError(_("The case is closed. Reopen it to change the level."))
    if to_level not in BtiLevel.values:
        raise BusinessRuleError(_("Choose a BTI level from 0 to 3."))
    if to_level == youth.bti_level:
        raise BusinessRuleError(_("The youth is already at this level."))
    if not reason.strip():
        raise BusinessRuleError(_("Give a reason for the level change."))
    change = LevelChange.objects.create(
        youth=youth,
        from_level=youth.bti_level,
        to_level=to_level,
        reason=reason.strip(),
        changed_by=actor,
        agency_id=written_for(actor),
        category=category,
    )
    youth.bti_level = to_level
    youth.save(update_fields=["bti_level"])
    log_entry_record_system(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.LEVEL_CHANGE,
        text=level_change_text(change.from_level, to_level, change.reason),
        category=category,
    )
    return change
