"""Writes about the youth and the case: creation, relatives, closing and reopening."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import (
    CaseDecision,
    CaseDecisionKind,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
    YouthStatus,
)
from coordination.services.handovers import stafettholder_set
from coordination.services.permissions import youth_permissions_sync
from coordination.services.stafettlogg import LogEntryKind, record_in_log


@transaction.atomic
def youth_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    municipality: str,
    role: str = "",
    **details,
) -> Youth:
    """Registers a youth with the actor as stafettholder and first team member."""
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can register a youth."))
    youth = Youth.objects.create(
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        municipality=municipality,
        originating_agency_id=actor.agency_id,
        stafettholder=actor,
        **details,
    )
    TeamMembership.objects.create(
        youth=youth, user=actor, agency_id=actor.agency_id, role=role or _("Stafettholder")
    )
    StafettholderPeriod.objects.create(youth=youth, user=actor)
    youth_permissions_sync(youth)
    return youth


def _log_case_decision(youth: Youth, actor: User, text: str) -> None:
    record_in_log(youth=youth, actor=actor, kind=LogEntryKind.CASE_DECISION, text=text)


@transaction.atomic
def case_close(*, actor: User, youth: Youth, reason: str, explanation: str, youth_view: str) -> CaseDecision:
    """Closing is an explicit decision with a reason and the youth's own view. Nothing else closes a case."""
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if youth.status == YouthStatus.CLOSED:
        raise BusinessRuleError(_("The case is already closed."))
    if not explanation.strip() or not youth_view.strip():
        raise BusinessRuleError(_("Closing needs an explanation and the youth's own view."))
    decision = CaseDecision.objects.create(
        youth=youth,
        kind=CaseDecisionKind.CLOSE,
        reason=reason,
        explanation=explanation,
        youth_view=youth_view,
        decided_by=actor,
    )
    youth.status = YouthStatus.CLOSED
    youth.save(update_fields=["status"])
    _log_case_decision(youth, actor, _("Case closed: %(explanation)s") % {"explanation": explanation})
    return decision


@transaction.atomic
def case_reopen(*, actor: User, youth: Youth, explanation: str, youth_view: str = "") -> CaseDecision:
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if youth.status != YouthStatus.CLOSED:
        raise BusinessRuleError(_("Only a closed case can be reopened."))
    if not explanation.strip():
        raise BusinessRuleError(_("Reopening needs an explanation."))
    decision = CaseDecision.objects.create(
        youth=youth,
        kind=CaseDecisionKind.REOPEN,
        explanation=explanation,
        youth_view=youth_view,
        decided_by=actor,
    )
    youth.status = YouthStatus.ACTIVE
    if youth.stafettholder_id is None or not youth.stafettholder.is_active:
        # The one reopening takes the baton so the case is never without a holder.
        stafettholder_set(youth, actor, when=timezone.now())
    youth.save(update_fields=["status", "stafettholder"])
    youth_permissions_sync(youth)
    _log_case_decision(youth, actor, _("Case reopened: %(explanation)s") % {"explanation": explanation})
    return decision
