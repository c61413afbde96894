"""Writes about the baton: handover requests and their answers, and moving the baton itself."""

import datetime
from contextlib import suppress

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from coordination.access import is_team_lead
from coordination.accounts.delivery import NotSent, send_email
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


def handover_accepted_text(name) -> str:
    """The log text of an accepted handover (also written by the demo data builders)."""
    return _("%(name)s accepted the baton and is now stafettholder.") % {"name": name}


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
    _log(youth, actor, handover_accepted_text(actor))
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


def _lead_may_reassign(lead: User, youth: Youth) -> bool:
    holder = youth.stafettholder
    return is_team_lead(lead) and holder is not None and holder.agency_id == lead.agency_id


@transaction.atomic
def baton_reassign(*, actor: User, youth: Youth, to_user: User, note: str = "") -> Handover:
    """The team lead of the stafettholder's agency gives the baton to another team member, when the
    holder has left or is away. Exactly one holder throughout: the old period closes as the new opens."""
    youth = Youth.objects.select_for_update(of=("self",)).select_related("stafettholder").get(pk=youth.pk)
    if not youth.is_active:
        raise BusinessRuleError(_("A closed case cannot be handed over."))
    if not _lead_may_reassign(actor, youth):
        raise BusinessRuleError(
            _("Only the team lead of the stafettholder's agency can give the baton to someone else.")
        )
    if to_user.pk == youth.stafettholder_id:
        raise BusinessRuleError(_("%(name)s already holds the baton.") % {"name": to_user})
    if not to_user.is_active or to_user.agency_id is None or to_user.is_citizen:
        raise BusinessRuleError(_("The baton can only be handed to active staff."))
    if not is_active_member(youth.pk, to_user.pk):
        raise BusinessRuleError(_("The baton can only be handed to a member of the team. Add them first."))
    now = timezone.now()
    Handover.objects.filter(youth=youth, status=HandoverStatus.PENDING).update(
        status=HandoverStatus.CANCELLED, responded_at=now
    )
    handover = Handover.objects.create(
        youth=youth,
        from_user=youth.stafettholder,
        to_user=to_user,
        note=note.strip(),
        status=HandoverStatus.REASSIGNED,
        requested_at=now,
        responded_at=now,
        reassigned_by=actor,
    )
    stafettholder_set(youth, to_user, when=now)
    youth.save(update_fields=["stafettholder"])
    youth_permissions_sync(youth)
    _log(youth, actor, _("%(lead)s gave the baton to %(name)s.") % {"lead": actor, "name": to_user})
    transaction.on_commit(lambda: _tell_new_holder(to_user))
    return handover


@transaction.atomic
def caseload_move(*, actor: User, assignments: dict[Youth, User], note: str = "") -> list[Handover]:
    """A leaving staff member's youths to new holders, in one reviewed step: all or none."""
    if not assignments:
        raise BusinessRuleError(_("Choose a new stafettholder for at least one youth."))
    return [
        baton_reassign(actor=actor, youth=youth, to_user=to_user, note=note)
        for youth, to_user in assignments.items()
    ]


def _tell_new_holder(user: User) -> None:
    # No youth's name in an e-mail: only that there is a new baton, and where to look. The baton has
    # moved either way (after the commit): a mail server that fails is logged, never the lead's 500.
    if not user.email:
        return
    with override(user.language or settings.LANGUAGE_CODE), suppress(NotSent):  # logged by send_email
        send_email(
            _("You have been given the baton in Stafett"),
            _("A team lead has made you the stafettholder for a youth. See %(url)s")
            % {"url": settings.STAFETT_BASE_URL + reverse("incoming_handovers")},
            user.email,
        )
