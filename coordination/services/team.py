"""Writes about the team around a youth: members joining and leaving, relatives."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import Relative, TeamMembership, User, Youth, is_active_member
from coordination.services.authorship import written_for
from coordination.services.permissions import youth_permissions_sync
from coordination.services.stafettlogg import LogEntryKind, record_in_log


@transaction.atomic
def team_member_add(*, actor: User, youth: Youth, user: User, role: str) -> TeamMembership:
    if not user.is_active or user.agency_id is None:
        raise BusinessRuleError(_("Only active staff who belong to an agency can join a team."))
    if is_active_member(youth.pk, user.pk):
        raise BusinessRuleError(_("%(name)s is already on the team.") % {"name": user})
    membership = TeamMembership.objects.create(youth=youth, user=user, agency_id=user.agency_id, role=role)
    youth_permissions_sync(youth)
    record_in_log(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.TEAM,
        text=_("%(name)s joined the team as %(role)s.") % {"name": user, "role": role},
    )
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
    record_in_log(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.TEAM,
        text=_("%(name)s left the team.") % {"name": membership.user},
    )
    return membership


@transaction.atomic
def relative_add(*, actor: User, youth: Youth, **fields) -> Relative:
    relative = Relative.objects.create(youth=youth, agency_id=written_for(actor), **fields)
    record_in_log(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.TEAM,
        text=_("Relative added: %(relative)s") % {"relative": relative},
        # The log entry names the relative: it is as confidential as the relative's details.
        category=relative.category,
    )
    return relative
