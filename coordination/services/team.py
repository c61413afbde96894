"""Writes about the team around a youth and the baton: membership and handovers."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import Handover, HandoverStatus, TeamMembership, User, Youth, is_active_member
from coordination.permissions import youth_permissions_sync
from coordination.services.youths import _stafettholder_set


def _log(youth: Youth, actor: User, text: str) -> None:
    from pathways.services.log import log_entry_record_system

    log_entry_record_system(youth=youth, actor=actor, kind="handover", text=text)


@transaction.atomic
def team_member_add(*, actor: User, youth: Youth, user: User, role: str) -> TeamMembership:
    if not user.is_active or user.agency_id is None:
        raise BusinessRuleError(_("Only active staff who belong to an agency can join a team."))
    if is_active_member(youth.pk, user.pk):
        raise BusinessRuleError(_("%(name)s is already on the team.") % {"name": user})
    membership = TeamMembership.objects.create(youth=youth, user=user, agency_id=user.agency_id, role=role)
    youth_permissions_sync(youth)
    _log(youth, actor, _("%(name)s joined the team as %(role)s.") % {"name": user, "role": role})
    return membership


@transaction.atomic
def team_member_end(*, actor: User, youth: Youth, membership: TeamMembership) -> TeamMembership:
    if membership.user_id == youth.stafettholder_id:
        raise BusinessRuleError(_("The stafettholder cannot leave the team before handing over the baton."))
    if membership.ended_on is not None:
        raise BusinessRuleError(_("This membership has already ended."))
    membership.ended_on = timezone.localdate()
    membership.save(update_fields=["ended_on"])
    youth_permissions_sync(youth)
    _log(youth, actor, _("%(name)s left the team.") % {"name": membership.user})
    return membership


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
    _stafettholder_set(youth, actor, when=now)
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
