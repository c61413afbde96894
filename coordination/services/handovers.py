"""Writes about the baton: handover requests and their answers, and moving the baton itself."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import (
    Handover,
    HandoverStatus,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
    is_active_member,
)
from coordination.services.permissions import youth_permissions_sync
from coordination.services.stafettlogg import LogEntryKind, record_in_log


def _log(youth: Youth, actor: User, text: str) -> None:
    record_in_log(youth=youth, actor=actor, kind=LogEntryKind.HANDOVER, text=text)


@transaction.atomic
def handover_request(*, actor: User, youth: Youth, to_user: User, note: str) -> Handover:
    """Asks another team member to take the baton. The actor stays responsible until they accept."""
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if not youth.is_active:
        raise BusinessRuleError(_("A closed case cannot be handed over."))
    if youth.stafettholder_id != actor.pk:
        raise BusinessRuleError(_("Only the stafettholder can hand over the baton."))
    if to_user.pk == actor.pk:
        raise BusinessRuleError(_("You already hold the baton."))
    if not to_user.is_active or to_user.agency_id is None:
        raise BusinessRuleError(_("The baton can only be handed to active staff."))
    if not is_active_member(youth.pk, to_user.pk):
        raise BusinessRuleError(_("The baton can only be handed to a member of the team. Add them first."))
    try:
        with transaction.atomic():
            handover = Handover.objects.create(youth=youth, from_user=actor, to_user=to_user, note=note)
    except IntegrityError:
        raise BusinessRuleError(_("A handover is already waiting for an answer.")) from None
    _log(youth, actor, _("Handover to %(name)s requested.") % {"name": to_user})
    return handover


def _pending_for_update(handover: Handover) -> Handover:
    handover = Handover.objects.select_for_update().select_related("youth").get(pk=handover.pk)
    if not handover.is_pending:
        raise BusinessRuleError(_("This handover has already been answered."))
    return handover


@transaction.atomic
def handover_accept(*, actor: User, handover: Handover, note: str = "") -> Handover:
    handover = _pending_for_update(handover)
    if handover.to_user_id != actor.pk:
        raise BusinessRuleError(_("Only the person asked can accept the handover."))
    youth = Youth.objects.select_for_update().get(pk=handover.youth_id)
    now = timezone.now()
    stafettholder_set(youth, actor, when=now)
    youth.save(update_fields=["stafettholder"])
    youth_permissions_sync(youth)
    handover.status = HandoverStatus.ACCEPTED
    handover.responded_at = now
    handover.response_note = note
    handover.save(update_fields=["status", "responded_at", "response_note"])
    _log(youth, actor, _("%(name)s accepted the baton and is now stafettholder.") % {"name": actor})
    return handover


@transaction.atomic
def handover_decline(*, actor: User, handover: Handover, note: str) -> Handover:
    handover = _pending_for_update(handover)
    if handover.to_user_id != actor.pk:
        raise BusinessRuleError(_("Only the person asked can decline the handover."))
    if not note.strip():
        raise BusinessRuleError(_("Say why you decline, so the stafettholder can find someone else."))
    handover.status = HandoverStatus.DECLINED
    handover.responded_at = timezone.now()
    handover.response_note = note
    handover.save(update_fields=["status", "responded_at", "response_note"])
    _log(handover.youth, actor, _("%(name)s declined the baton.") % {"name": actor})
    return handover


@transaction.atomic
def handover_cancel(*, actor: User, handover: Handover) -> Handover:
    handover = _pending_for_update(handover)
    if handover.from_user_id != actor.pk:
        raise BusinessRuleError(_("Only the stafettholder who asked can withdraw the handover."))
    handover.status = HandoverStatus.CANCELLED
    handover.responded_at = timezone.now()
    handover.save(update_fields=["status", "responded_at"])
    _log(handover.youth, actor, _("Handover request withdrawn."))
    return handover


def stafettholder_set(youth: Youth, user: User, *, when: datetime.datetime) -> None:
    """Moves the baton: closes the open period and opens one for the new holder. Caller saves youth."""
    StafettholderPeriod.objects.filter(youth=youth, ended_at__isnull=True).update(ended_at=when)
    StafettholderPeriod.objects.create(youth=youth, user=user, started_at=when)
    youth.stafettholder = user
    if not is_active_member(youth.pk, user.pk):
        TeamMembership.objects.create(
            youth=youth, user=user, agency_id=user.agency_id, role=_("Stafettholder")
        )
