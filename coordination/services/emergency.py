"""Break the glass: time-limited access to everything about one youth, reasoned and reviewed."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import AccessAction, AccessLogEntry, EmergencyAccess, User, Youth
from coordination.selectors.emergency import may_review

MIN_REASON_LENGTH = 10


@transaction.atomic
def emergency_access_start(*, actor: User, youth: Youth, reason: str) -> EmergencyAccess:
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can use emergency access."))
    if len(reason.strip()) < MIN_REASON_LENGTH:
        raise BusinessRuleError(_("Explain why you need emergency access (at least 10 characters)."))
    now = timezone.now()
    access = EmergencyAccess.objects.create(
        user=actor,
        agency_id=actor.agency_id,
        youth=youth,
        reason=reason.strip(),
        started_at=now,
        expires_at=now + datetime.timedelta(hours=settings.EMERGENCY_ACCESS_HOURS),
    )
    AccessLogEntry.objects.create(
        user=actor,
        agency_id=actor.agency_id,
        role="emergency",
        youth=youth,
        action=AccessAction.CHANGE,
        what="emergency_access_start",
        emergency=access,
    )
    return access


@transaction.atomic
def emergency_access_review(*, actor: User, access: EmergencyAccess, note: str) -> EmergencyAccess:
    access = EmergencyAccess.objects.select_for_update().get(pk=access.pk)
    if access.user_id == actor.pk:
        raise BusinessRuleError(_("You cannot review your own emergency access."))
    if not may_review(actor, access):
        raise BusinessRuleError(
            _("Only a team lead of the user's agency, or a privacy officer, can review emergency access.")
        )
    if access.reviewed_at is not None:
        raise BusinessRuleError(_("This emergency access has already been reviewed."))
    if not note.strip():
        raise BusinessRuleError(_("Write what you concluded."))
    access.reviewed_by = actor
    access.reviewed_at = timezone.now()
    access.review_note = note.strip()
    access.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    return access
