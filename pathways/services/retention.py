"""Records retention: the dry-run report, then deleting or anonymising what is due. The one place
that may delete append-only rows, and only through the retention window of
coordination.models.append_only (a setting of its own transaction that the triggers honour). Every run
writes what it found or did to the append-only retention log. An open case or one on legal hold is
never touched (the report never names one as due)."""

import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import (
    AccessAction,
    AccessLogEntry,
    Agency,
    CaseDecision,
    Consent,
    ConsentChangeRequest,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    EmergencyAccess,
    Handover,
    Relative,
    User,
    Youth,
    YouthStatus,
)
from coordination.models.append_only import raw_delete, retention_delete_window
from coordination.selectors.staff import administers_agency
from pathways.models import (
    Action,
    Evaluation,
    Goal,
    IndividualPlan,
    Lapse,
    LevelChange,
    LogEntry,
    Lysglimt,
    Meeting,
    PlanAgreement,
    PlannedOutreach,
    PlanVersion,
    PlanVersionItem,
    RecordType,
    RetentionLogEntry,
    RetentionOutcome,
    RetentionPolicy,
    RetentionRun,
    Transition,
    Withholding,
)
from pathways.selectors.retention import Item, governing_agency, retention_report

logger = logging.getLogger("stafett.retention")

DONE = {
    RetentionOutcome.WOULD_DELETE: RetentionOutcome.DELETED,
    RetentionOutcome.WOULD_ANONYMISE: RetentionOutcome.ANONYMISED,
}


def retention_run(
    *, dry_run: bool, actor: User | None = None, now: datetime.datetime | None = None
) -> RetentionRun:
    """A dry run writes the report to the retention log and changes nothing else. A real run does,
    case by case in a transaction of its own, what the report says is due, and logs what it did."""
    now = now or timezone.now()
    items = retention_report(now=now)
    run = RetentionRun.objects.create(dry_run=dry_run, started_by=actor, started_at=now)
    if dry_run:
        RetentionLogEntry.objects.bulk_create(
            _log_row(run, item, item.outcome, item.count, now) for item in items
        )
        return run
    by_youth: dict[int, list[Item]] = {}
    for item in items:
        by_youth.setdefault(item.youth_id, []).append(item)
    for youth_id, youth_items in by_youth.items():
        _case_apply(run, youth_id, youth_items, now)
    return run


def _log_row(run: RetentionRun, item: Item, outcome: str, count: int, now) -> RetentionLogEntry:
    return RetentionLogEntry(
        run=run,
        youth_id=item.youth_id,
        agency_id=item.agency_id,
        record_type=item.record_type,
        outcome=outcome,
        count=count,
        reason=item.reason[:300],
        closed_at=item.closed_at,
        due_on=item.due_on,
        at=now,
    )


@transaction.atomic
def _case_apply(run: RetentionRun, youth_id: int, items: list[Item], now) -> None:
    youth = Youth.objects.select_for_update().get(pk=youth_id)
    # Checked again under the lock: reopened or put on hold since the report was made.
    if youth.status != YouthStatus.CLOSED:
        return
    rows = []
    with retention_delete_window(connection):
        # Dependents first: the plan (whose individual plan names a consent) before the consents.
        for item in sorted(items, key=lambda item: list(APPLY).index(item.record_type)):
            if item.is_due and not youth.legal_hold:
                done = APPLY[item.record_type](youth, item.agency_id, now)
                rows.append(_log_row(run, item, DONE[item.outcome], done, now))
            elif item.is_due:
                rows.append(_log_row(run, item, RetentionOutcome.HELD, item.count, now))
            else:
                rows.append(_log_row(run, item, item.outcome, item.count, now))
    RetentionLogEntry.objects.bulk_create(rows)
    logger.info("retention run %s: case %s, %s record types", run.pk, youth_id, len(rows))


def _governed(queryset, field: str, youth: Youth, agency_id: int):
    return (
        queryset.filter(youth=youth)
        .annotate(governed_by=governing_agency(field))
        .filter(governed_by=agency_id)
    )


def _log_delete(youth: Youth, agency_id: int, now) -> int:
    ids = set(_governed(LogEntry.objects.all(), "agency", youth, agency_id).values_list("pk", flat=True))
    # An entry that a kept entry corrects stays with it, as long as one of its corrections stays.
    while True:
        kept_targets = set(
            LogEntry.objects.filter(youth=youth, corrects_id__in=ids)
            .exclude(pk__in=ids)
            .values_list("corrects_id", flat=True)
        )
        if not kept_targets:
            break
        ids -= kept_targets
    raw_delete(Withholding.objects.filter(entry_id__in=ids))
    raw_delete(Lysglimt.objects.filter(entry_id__in=ids))
    PlannedOutreach.objects.filter(missed_entry_id__in=ids).delete()
    Meeting.objects.filter(minutes_entry_id__in=ids).update(minutes_entry=None)
    Lapse.objects.filter(handled_entry_id__in=ids).update(handled_entry=None)
    return raw_delete(LogEntry.objects.filter(pk__in=ids))


def _plan_delete(youth: Youth, agency_id: int, now) -> int:
    goals = _governed(Goal.objects.all(), "agency", youth, agency_id)
    # A youth's view on an evaluation is a log entry: while it is kept, so is the goal it is about.
    goals = goals.exclude(actions__evaluations__youth_views__isnull=False)
    goal_ids = list(goals.values_list("pk", flat=True))
    done = raw_delete(Evaluation.objects.filter(action__goal_id__in=goal_ids))
    done += Action.objects.filter(goal_id__in=goal_ids).delete()[0]
    done += Goal.objects.filter(pk__in=goal_ids).delete()[0]
    done += raw_delete(_governed(LevelChange.objects.all(), "agency", youth, agency_id))
    done += _governed(Transition.objects.all(), "agency", youth, agency_id).delete()[0]
    # The individual plan's frozen versions are plan records too: an agency's items go with its other
    # plan records; a version and the youth's answers to it go when none of its items is left, and the
    # plan itself when no version is.
    done += raw_delete(_governed(PlanVersionItem.objects.all(), "agency", youth, agency_id))
    emptied = list(PlanVersion.objects.filter(youth=youth, items__isnull=True).values_list("pk", flat=True))
    done += raw_delete(PlanAgreement.objects.filter(version_id__in=emptied))
    done += raw_delete(PlanVersion.objects.filter(pk__in=emptied))
    if not PlanVersion.objects.filter(youth=youth).exists():
        done += IndividualPlan.objects.filter(youth=youth).delete()[0]
    return done


def _meetings_delete(youth: Youth, agency_id: int, now) -> int:
    ids = list(_governed(Meeting.objects.all(), "agency", youth, agency_id).values_list("pk", flat=True))
    Meeting.participants.through.objects.filter(meeting_id__in=ids).delete()
    Meeting.relatives.through.objects.filter(meeting_id__in=ids).delete()
    return Meeting.objects.filter(pk__in=ids).delete()[0]


def _consents_delete(youth: Youth, agency_id: int, now) -> int:
    # A consent that an individual plan (or one of its versions) names as its cover stays with the plan.
    named = [
        *IndividualPlan.objects.filter(youth=youth, consent__isnull=False).values_list("consent", flat=True),
        *PlanVersion.objects.filter(youth=youth, consent__isnull=False).values_list("consent", flat=True),
    ]
    consents = Consent.objects.filter(youth=youth).exclude(pk__in=named)
    raw_delete(ConsentEventScope.objects.filter(event__consent__in=consents))
    done = raw_delete(ConsentEvent.objects.filter(consent__in=consents))
    ConsentChangeRequest.objects.filter(youth=youth).delete()
    ConsentGrant.objects.filter(consent__in=consents).delete()
    return done + consents.delete()[0]


def _access_log_delete(youth: Youth, agency_id: int, now) -> int:
    done = raw_delete(AccessLogEntry.objects.filter(youth=youth))
    return done + EmergencyAccess.objects.filter(youth=youth).delete()[0]


def _case_anonymise(youth: Youth, agency_id: int, now) -> int:
    """The youth's row stays (the retention log and statistics point at it) without anything that
    identifies them: names, national id, contact details, birth day (the year stays), relatives,
    the texts of case decisions and handovers, and their own login."""
    Youth.objects.filter(pk=youth.pk).update(
        first_name=_("Anonymised"),
        last_name=f"#{youth.pk}",
        national_id=None,
        phone="",
        email="",
        address="",
        birth_date=youth.birth_date.replace(month=1, day=1),
        anonymised_at=now,
    )
    Relative.objects.filter(youth=youth).update(name=_("Anonymised"), phone="", email="", national_id="")
    CaseDecision.objects.filter(youth=youth).update(explanation="", youth_view="")
    Handover.objects.filter(youth=youth).update(note="", response_note="")
    if youth.account_id:
        User.objects.filter(pk=youth.account_id).update(
            first_name="", last_name="", email="", is_active=False
        )
    return 1


APPLY = {
    RecordType.LOG: _log_delete,
    RecordType.PLAN: _plan_delete,
    RecordType.MEETINGS: _meetings_delete,
    RecordType.CONSENTS: _consents_delete,
    RecordType.ACCESS_LOG: _access_log_delete,
    RecordType.CASE: _case_anonymise,
}


# Policies and legal hold, set in the product -----------------------------------------------------


def _require_administers(actor: User, agency: Agency) -> None:
    if not administers_agency(actor, agency):
        raise BusinessRuleError(
            _("Only the agency's team lead or the municipality administrator may do this.")
        )


@transaction.atomic
def retention_policy_set(
    *, actor: User, agency: Agency, record_type: str, disposition: str, years: int
) -> RetentionPolicy:
    _require_administers(actor, agency)
    if record_type == RecordType.CASE and disposition == "delete":
        raise BusinessRuleError(_("The identity is anonymised or kept, not deleted."))
    if record_type != RecordType.CASE and disposition == "anonymise":
        raise BusinessRuleError(_("These records are deleted or kept; only the identity is anonymised."))
    policy, _created = RetentionPolicy.objects.update_or_create(
        agency=agency,
        record_type=record_type,
        defaults={
            "disposition": disposition,
            "years": years,
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    return policy


@transaction.atomic
def case_legal_hold_set(*, actor: User, youth: Youth, hold: bool, reason: str = "") -> Youth:
    """Puts a case on legal hold (nothing of it is deleted or anonymised) or lifts it. Logged in the
    youth's access log, like any change to the record."""
    youth = Youth.objects.select_for_update().select_related("originating_agency").get(pk=youth.pk)
    _require_administers(actor, youth.originating_agency)
    reason = reason.strip()
    if hold and not reason:
        raise BusinessRuleError(_("Say why the case is on legal hold."))
    youth.legal_hold, youth.legal_hold_reason = hold, reason if hold else ""
    youth.save(update_fields=["legal_hold", "legal_hold_reason"])
    AccessLogEntry.objects.create(
        user=actor,
        agency_id=actor.agency_id,
        role="retention",
        youth=youth,
        action=AccessAction.CHANGE,
        what="legal_hold_on" if hold else "legal_hold_off",
    )
    return youth
