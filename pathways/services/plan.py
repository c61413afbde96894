"""Writes to the action plan: goals, actions (tiltak) and their evaluations."""

import datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import User, Youth, is_active_member
from coordination.services.authorship import written_for
from pathways.models import Action, ActionStatus, Evaluation, Goal, LogEntryKind, NextStep
from pathways.services import notifications
from pathways.services.log import log_entry_record_system
from pathways.services.versioning import update_if_unchanged


def _require_open_case(youth: Youth) -> None:
    if not youth.is_active:
        raise BusinessRuleError(_("The case is closed. Reopen it to change the plan."))


def _require_team_member(youth: Youth, user: User, role: str) -> None:
    if not is_active_member(youth.pk, user.pk):
        raise BusinessRuleError(_("The %(role)s must be on the youth's team.") % {"role": role})


def _check_dates(start_date: datetime.date, evaluation_date: datetime.date) -> None:
    if evaluation_date < start_date:
        raise BusinessRuleError(_("The evaluation date cannot be before the start date."))


@transaction.atomic
def goal_create(*, actor: User, youth: Youth, kind: str, description: str, category: str) -> Goal:
    _require_open_case(youth)
    goal = Goal.objects.create(
        youth=youth,
        kind=kind,
        description=description.strip(),
        category=category,
        created_by=actor,
        agency_id=written_for(actor),
    )
    log_entry_record_system(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.PLAN_CHANGE,
        category=category,
        text=_("New goal: %(goal)s") % {"goal": goal.description},
    )
    return goal


@transaction.atomic
def goal_update(*, actor: User, goal: Goal, expected_version: int, **fields) -> Goal:
    _require_open_case(goal.youth)
    update_if_unchanged(goal, expected_version=expected_version, **fields)
    log_entry_record_system(
        youth=goal.youth,
        actor=actor,
        kind=LogEntryKind.PLAN_CHANGE,
        category=goal.category,
        text=_("Goal changed: %(goal)s") % {"goal": goal.description},
        agency_id=goal.agency_id,
    )
    return goal


@transaction.atomic
def action_create(
    *,
    actor: User,
    goal: Goal,
    description: str,
    responsible: User,
    evaluator: User,
    start_date: datetime.date,
    evaluation_date: datetime.date,
    category: str,
    status: str = ActionStatus.PLANNED,
) -> Action:
    youth = goal.youth
    _require_open_case(youth)
    _check_dates(start_date, evaluation_date)
    _require_team_member(youth, responsible, _("responsible person"))
    _require_team_member(youth, evaluator, _("evaluator"))
    action = Action.objects.create(
        goal=goal,
        youth=youth,
        description=description.strip(),
        responsible=responsible,
        responsible_agency_id=responsible.agency_id,
        evaluator=evaluator,
        start_date=start_date,
        evaluation_date=evaluation_date,
        category=category,
        status=status,
        created_by=actor,
        agency_id=written_for(actor),
    )
    log_entry_record_system(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.PLAN_CHANGE,
        category=category,
        text=_("New action: %(action)s (responsible: %(name)s, evaluation %(date)s)")
        % {"action": action.description, "name": responsible, "date": evaluation_date.strftime("%d.%m.%Y")},
    )
    # A new step in the plan: the youth and the relatives who may see the plan hear of it.
    transaction.on_commit(partial(notifications.notify_step, action_id=action.pk), robust=True)
    return action


@transaction.atomic
def action_update(*, actor: User, action: Action, expected_version: int, **fields) -> Action:
    youth = action.youth
    _require_open_case(youth)
    _check_dates(
        fields.get("start_date", action.start_date), fields.get("evaluation_date", action.evaluation_date)
    )
    if "responsible" in fields:
        _require_team_member(youth, fields["responsible"], _("responsible person"))
        fields["responsible_agency_id"] = fields["responsible"].agency_id
    if "evaluator" in fields:
        _require_team_member(youth, fields["evaluator"], _("evaluator"))
    update_if_unchanged(action, expected_version=expected_version, **fields)
    log_entry_record_system(
        youth=youth,
        actor=actor,
        kind=LogEntryKind.PLAN_CHANGE,
        category=action.category,
        text=_("Action changed: %(action)s") % {"action": action.description},
        agency_id=action.agency_id,
    )
    return action


def evaluation_text(action: str, outcome: str, youth_view: str) -> str:
    """The log text of an evaluation (also written by the demo data builders)."""
    return _("Evaluation of “%(action)s”: %(outcome)s. The youth's view: %(view)s") % {
        "action": action,
        "outcome": outcome,
        "view": youth_view,
    }


_STATUS_AFTER = {NextStep.COMPLETE: ActionStatus.COMPLETED, NextStep.STOP: ActionStatus.STOPPED}


@transaction.atomic
def evaluation_create(
    *,
    actor: User,
    action: Action,
    outcome: str,
    assessment: str,
    youth_view: str,
    next_step: str,
    next_evaluation_date: datetime.date | None,
) -> Evaluation:
    """Records an evaluation with the youth's view; continuing needs a new evaluation date."""
    action = Action.objects.select_for_update().select_related("youth").get(pk=action.pk)
    _require_open_case(action.youth)
    if not youth_view.strip():
        raise BusinessRuleError(_("Write down the youth's own view of how the action is going."))
    continues = next_step not in _STATUS_AFTER
    if continues and next_evaluation_date is None:
        raise BusinessRuleError(_("Set the next evaluation date when the action continues."))
    if continues and next_evaluation_date < action.start_date:
        raise BusinessRuleError(_("The evaluation date cannot be before the start date."))
    evaluation = Evaluation.objects.create(
        action=action,
        outcome=outcome,
        assessment=assessment.strip(),
        youth_view=youth_view.strip(),
        next_step=next_step,
        next_evaluation_date=next_evaluation_date if continues else None,
        category=action.category,
        evaluated_by=actor,
        agency_id=written_for(actor),
    )
    new_fields = {"status": _STATUS_AFTER.get(next_step, ActionStatus.ONGOING)}
    if continues:
        new_fields["evaluation_date"] = next_evaluation_date
    update_if_unchanged(action, expected_version=action.version, **new_fields)
    # The entry holds the evaluation's own texts, written for the evaluator's agency; it names the
    # action only when the action was written for that agency too (else it would show it elsewhere).
    if action.agency_id == evaluation.agency_id:
        text = evaluation_text(action.description, evaluation.get_outcome_display(), evaluation.youth_view)
    else:
        text = _("Evaluation of an action: %(outcome)s. The youth's view: %(view)s") % {
            "outcome": evaluation.get_outcome_display(),
            "view": evaluation.youth_view,
        }
    log_entry_record_system(
        youth=action.youth,
        actor=actor,
        kind=LogEntryKind.EVALUATION,
        category=action.category,
        text=text,
        agency_id=evaluation.agency_id,
    )
    return evaluation
