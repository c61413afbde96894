"""Writes about the youth and the case: creation, relatives, closing and reopening."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.errors import BusinessRuleError
from coordination.models import (
    AccessAction,
    AccessLogEntry,
    CaseDecision,
    CaseDecisionKind,
    InformationCategory,
    RegistrationAttempt,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
    YouthStatus,
)
from coordination.services.authorship import written_for
from coordination.services.handovers import stafettholder_set
from coordination.services.permissions import youth_permissions_sync
from coordination.services.stafettlogg import LogEntryKind, record_in_log


def youth_create(*, actor: User, **fields) -> Youth:
    """Registers a youth with the actor as stafettholder and first team member.

    Whether someone is registered is confidential. A national identity number that is already in
    Stafett creates nothing, and the registering person gets the same neutral answer whoever it is;
    the attempt goes in the youth's access log and the stafettholder is reminded to get in touch.
    """
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can register a youth."))
    national_id = fields.get("national_id")
    existing = Youth.objects.filter(national_id=national_id).first() if national_id else None
    if existing is None:
        try:
            return _youth_create(actor=actor, **fields)
        except IntegrityError:
            existing = Youth.objects.filter(national_id=national_id).first() if national_id else None
            if existing is None:
                raise
    _registration_attempt_record(actor=actor, youth=existing)
    raise BusinessRuleError(NOT_REGISTERED_NOW)


NOT_REGISTERED_NOW = gettext_lazy(
    "The youth could not be registered right now. The registration has been sent on for review, and "
    "you will be contacted. Nothing else needs doing now."
)


@transaction.atomic
def _registration_attempt_record(*, actor: User, youth: Youth) -> RegistrationAttempt:
    AccessLogEntry.objects.create(
        user=actor,
        agency_id=actor.agency_id,
        role="registration",
        youth=youth,
        action=AccessAction.REGISTRATION,
        what="youth_new",
    )
    return RegistrationAttempt.objects.create(youth=youth, attempted_by=actor, agency_id=actor.agency_id)


@transaction.atomic
def _youth_create(
    *,
    actor: User,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    municipality: str,
    role: str = "",
    **details,
) -> Youth:
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


def case_closed_text(explanation: str) -> str:
    """The log texts of the case decisions (also written by the demo data builders)."""
    return _("Case closed: %(explanation)s") % {"explanation": explanation}


def case_reopened_text(explanation: str) -> str:
    return _("Case reopened: %(explanation)s") % {"explanation": explanation}


def _log_case_decision(decision: CaseDecision, text: str) -> None:
    # The log entry is of the decision's category: the explanation is the same text.
    record_in_log(
        youth=decision.youth,
        actor=decision.decided_by,
        kind=LogEntryKind.CASE_DECISION,
        text=text,
        category=decision.category,
    )


@transaction.atomic
def case_close(
    *,
    actor: User,
    youth: Youth,
    reason: str,
    explanation: str,
    youth_view: str,
    category: str = InformationCategory.GENERAL,
) -> CaseDecision:
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
        agency_id=written_for(actor),
        category=category,
    )
    youth.status = YouthStatus.CLOSED
    youth.save(update_fields=["status"])
    _log_case_decision(decision, case_closed_text(explanation))
    return decision


@transaction.atomic
def case_reopen(
    *,
    actor: User,
    youth: Youth,
    explanation: str,
    youth_view: str = "",
    category: str = InformationCategory.GENERAL,
) -> CaseDecision:
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
        agency_id=written_for(actor),
        category=category,
    )
    youth.status = YouthStatus.ACTIVE
    if youth.stafettholder_id is None or not youth.stafettholder.is_active:
        # The one reopening takes the baton so the case is never without a holder.
        stafettholder_set(youth, actor, when=timezone.now())
    youth.save(update_fields=["status", "stafettholder"])
    youth_permissions_sync(youth)
    _log_case_decision(decision, case_reopened_text(explanation))
    return decision
