"""Writes to the individual plan: starting and keeping it, adopting a version, the youth's answer."""

import datetime
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import Consent, User, Youth, is_active_member
from pathways.models import (
    Action,
    ActionStatus,
    Goal,
    GoalStatus,
    IndividualPlan,
    LogEntryKind,
    PlanAgreement,
    PlanAnswer,
    PlanItemKind,
    PlanVersion,
    PlanVersionItem,
)
from pathways.services import notifications
from pathways.services.log import log_entry_record_system
from pathways.services.versioning import update_if_unchanged

# Goals replaced by others, and actions stopped, are history: they stay in the log, not in the plan.
LEFT_OUT_GOALS = (GoalStatus.REPLACED,)
LEFT_OUT_ACTIONS = (ActionStatus.STOPPED,)


def _require_open_case(youth: Youth) -> None:
    if not youth.is_active:
        raise BusinessRuleError(_("The case is closed. Reopen it to change the plan."))


def _check(youth: Youth, coordinator: User, consent: Consent | None, dates: list[datetime.date]) -> list[str]:
    if coordinator.pk != youth.stafettholder_id and not is_active_member(youth.pk, coordinator.pk):
        raise BusinessRuleError(_("The coordinator must be on the youth's team."))
    if consent is not None and consent.youth_id != youth.pk:
        raise BusinessRuleError(_("Choose one of the youth's own consents."))
    if consent is not None and not consent.is_sharing_now:
        raise BusinessRuleError(_("The consent does not cover the plan today. Choose a consent in force."))
    return [day.isoformat() for day in sorted(set(dates))]


@transaction.atomic
def individual_plan_start(
    *,
    actor: User,
    youth: Youth,
    coordinator: User | None = None,
    consent: Consent | None = None,
    evaluation_dates: list[datetime.date] = (),
) -> IndividualPlan:
    """Starts the youth's individual plan on their stafettlogg; the coordinator defaults to the holder."""
    _require_open_case(youth)
    if IndividualPlan.objects.filter(youth=youth).exists():
        raise BusinessRuleError(_("The youth already has an individual plan."))
    coordinator = coordinator or youth.stafettholder
    dates = _check(youth, coordinator, consent, list(evaluation_dates))
    plan = IndividualPlan.objects.create(
        youth=youth, coordinator=coordinator, consent=consent, evaluation_dates=dates, created_by=actor
    )
    log_entry_record_system(
        youth=youth, actor=actor, kind=LogEntryKind.PLAN_CHANGE, text=plan_started_text(coordinator)
    )
    return plan


def plan_started_text(coordinator: User) -> str:
    return _("Individual plan started. Coordinator: %(name)s.") % {"name": coordinator.get_full_name()}


def plan_adopted_text(number: int) -> str:
    return _("Individual plan adopted: version %(number)s.") % {"number": number}


@transaction.atomic
def individual_plan_update(
    *,
    actor: User,
    plan: IndividualPlan,
    expected_version: int,
    coordinator: User,
    consent: Consent | None,
    evaluation_dates: list[datetime.date],
) -> IndividualPlan:
    _require_open_case(plan.youth)
    dates = _check(plan.youth, coordinator, consent, list(evaluation_dates))
    changed_coordinator = coordinator.pk != plan.coordinator_id
    update_if_unchanged(
        plan,
        expected_version=expected_version,
        coordinator=coordinator,
        consent=consent,
        evaluation_dates=dates,
    )
    if changed_coordinator:
        log_entry_record_system(
            youth=plan.youth,
            actor=actor,
            kind=LogEntryKind.PLAN_CHANGE,
            text=_("New coordinator of the individual plan: %(name)s.")
            % {"name": coordinator.get_full_name()},
        )
    return plan


def plan_version_items(version: PlanVersion, youth: Youth) -> list[PlanVersionItem]:
    """The plan's goals and actions as they stand now, each keeping its agency and category (unsaved;
    also what the demo's showcase youth adopts)."""
    goals = list(
        Goal.objects.filter(youth=youth).exclude(status__in=LEFT_OUT_GOALS).order_by("created_at", "id")
    )
    actions = Action.objects.filter(goal__in=goals).exclude(status__in=LEFT_OUT_ACTIONS)
    by_goal: dict[int, list[Action]] = {}
    for action in actions.order_by("evaluation_date", "id"):
        by_goal.setdefault(action.goal_id, []).append(action)
    items, position = [], 0
    for goal in goals:
        position += 1
        items.append(
            PlanVersionItem(
                version=version,
                youth=youth,
                kind=PlanItemKind.GOAL,
                source_id=goal.pk,
                goal_source_id=goal.pk,
                position=position,
                goal_kind=goal.kind,
                text=goal.description,
                status=goal.status,
                category=goal.category,
                agency_id=goal.agency_id,
            )
        )
        for action in by_goal.get(goal.pk, []):
            position += 1
            items.append(
                PlanVersionItem(
                    version=version,
                    youth=youth,
                    kind=PlanItemKind.ACTION,
                    source_id=action.pk,
                    goal_source_id=goal.pk,
                    position=position,
                    text=action.description,
                    status=action.status,
                    responsible_id=action.responsible_id,
                    responsible_agency_id=action.responsible_agency_id,
                    start_date=action.start_date,
                    evaluation_date=action.evaluation_date,
                    category=action.category,
                    agency_id=action.agency_id,
                )
            )
    return items


@transaction.atomic
def plan_version_adopt(*, actor: User, plan: IndividualPlan) -> PlanVersion:
    """Freezes the plan as it stands into the next version. Later edits of goals and actions change
    the working plan, never an adopted version."""
    plan = IndividualPlan.objects.select_for_update().select_related("youth").get(pk=plan.pk)
    youth = plan.youth
    _require_open_case(youth)
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    version = PlanVersion.objects.create(
        plan=plan,
        youth=youth,
        number=last + 1,
        coordinator_id=plan.coordinator_id,
        consent_id=plan.consent_id,
        evaluation_dates=plan.evaluation_dates,
        adopted_by=actor,
        adopted_at=timezone.now(),
    )
    items = plan_version_items(version, youth)
    if not items:
        raise BusinessRuleError(_("The plan has no goals yet. Write the youth's goals first."))
    PlanVersionItem.objects.bulk_create(items)
    log_entry_record_system(
        youth=youth, actor=actor, kind=LogEntryKind.PLAN_CHANGE, text=plan_adopted_text(version.number)
    )
    # The youth (and relatives who may see the plan) hear that there is a new version, once it commits.
    transaction.on_commit(partial(notifications.notify_plan_version, version_id=version.pk), robust=True)
    return version


@transaction.atomic
def plan_agreement_record(*, actor: User, version: PlanVersion, answer: str) -> PlanAgreement:
    """The youth's own answer to the newest adopted version of their plan."""
    youth = version.youth
    if youth.account_id is None or actor.pk != youth.account_id:
        raise BusinessRuleError(_("Only the youth can answer for themselves."))
    if answer not in PlanAnswer.values:
        raise BusinessRuleError(_("Choose an answer."))
    newest = PlanVersion.objects.filter(plan_id=version.plan_id).aggregate(last=Max("number"))["last"]
    if version.number != newest:
        raise BusinessRuleError(_("There is a newer version of your plan. Answer that one."))
    agreement = PlanAgreement.objects.create(version=version, youth=youth, answer=answer, by=actor)
    text = (
        _("The youth agrees with version %(number)s of the individual plan.")
        if answer == PlanAnswer.AGREED
        else _("The youth wants changes to version %(number)s of the individual plan.")
    )
    log_entry_record_system(
        youth=youth, actor=actor, kind=LogEntryKind.PLAN_CHANGE, text=text % {"number": version.number}
    )
    return agreement
