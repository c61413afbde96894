"""Transitions (overganger) planned ahead with a responsible person."""

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import User, Youth, is_active_member
from coordination.services.authorship import written_for
from pathways.models import LogEntryKind, Transition
from pathways.services.log import log_entry_record_system
from pathways.services.versioning import update_if_unchanged


def _require_responsible_on_team(youth: Youth, responsible: User) -> None:
    if not is_active_member(youth.pk, responsible.pk):
        raise BusinessRuleError(_("The responsible person must be on the youth's team."))


@transaction.atomic
def transition_create(*, actor: User, youth: Youth, responsible: User, **fields) -> Transition:
    if not youth.is_active:
        raise BusinessRuleError(_("The case is closed. Reopen it to plan transitions."))
    _require_responsible_on_team(youth, responsible)
    transition = Transition.objects.create(
        youth=youth, responsible=responsible, created_by=actor, agency_id=written_for(actor), **fields
    )
    log_entry_record_system(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.TRANSITION,
        text=_("Transition planned: %(kind)s on %(date)s, responsible %(name)s")
        % {
            "kind": transition.get_kind_display(),
            "date": transition.planned_date.strftime("%d.%m.%Y"),
            "name": responsible,
        },
        category=transition.category,
    )
    return transition


def transition_updated_text(kind: str, status: str) -> str:
    """The log text of a changed transition (also written by the demo data builders)."""
    return _("Transition updated: %(kind)s, %(status)s") % {"kind": kind, "status": status}


@transaction.atomic
def transition_update(*, actor: User, transition: Transition, expected_version: int, **fields) -> Transition:
    if "responsible" in fields:
        _require_responsible_on_team(transition.youth, fields["responsible"])
    update_if_unchanged(transition, expected_version=expected_version, **fields)
    log_entry_record_system(
        youth=transition.youth,
        actor=actor,
        kind=LogEntryKind.TRANSITION,
        text=transition_updated_text(transition.get_kind_display(), transition.get_status_display()),
        category=transition.category,
    )
    return transition
