"""The plan of a hand-told youth's story: goals in the youth's words, actions with their evaluations,
and the individual plan adopted from them. Written as the services write them, backdated (see
coordination.demo.story)."""

import datetime as dt

from django.utils.translation import gettext as _

from pathways.models import (
    Action,
    ActionStatus,
    Evaluation,
    EvaluationOutcome,
    Goal,
    IndividualPlan,
    LogEntryKind,
    NextStep,
    PlanVersion,
    PlanVersionItem,
)
from pathways.services.individual_plan import plan_adopted_text, plan_started_text, plan_version_items

_CLOSING = {NextStep.COMPLETE: ActionStatus.COMPLETED, NextStep.STOP: ActionStatus.STOPPED}


class PlanStory:
    """Story's plan chapter (mixed into coordination.demo.story.Story, whose helpers it uses)."""

    def goal(self, kind, category, description, *, days_ago) -> Goal:
        when = self._when(days_ago)
        goal = Goal.objects.create(
            youth=self.youth,
            kind=kind,
            description=description,
            category=category,
            created_by_id=self.holder.id,
            agency_id=self.holder.agency_id,
            created_at=when,
            updated_at=when,
        )
        self.log(
            LogEntryKind.PLAN_CHANGE,
            _("New goal: %(goal)s") % {"goal": description},
            self.holder,
            days_ago,
            category,
        )
        return goal

    def action(
        self,
        goal,
        description,
        responsible,
        *,
        start_days_ago,
        next_in,
        evaluations=(),
        status=None,
        written=None,
    ) -> Action:
        """`written`: days ago the action was put in the plan (default: when it starts, or today)."""
        written = max(start_days_ago, 0) if written is None else written
        start = self._day(start_days_ago)
        upcoming = self.today + dt.timedelta(days=next_in)  # the next evaluation, after the ones done
        first_evaluation = self._day(evaluations[0][0]) if evaluations else upcoming
        action = Action.objects.create(
            goal=goal,
            youth=self.youth,
            description=description,
            responsible_id=responsible.id,
            responsible_agency_id=responsible.agency_id,
            evaluator_id=responsible.id,
            start_date=start,
            evaluation_date=upcoming,
            status=status or ActionStatus.ONGOING,
            category=goal.category,
            created_by_id=self.holder.id,
            agency_id=self.holder.agency_id,
            created_at=self._when(written),
        )
        text = _("New action: %(action)s (responsible: %(name)s, evaluation %(date)s)") % {
            "action": description,
            "name": self._user(responsible),
            "date": first_evaluation.strftime("%d.%m.%Y"),
        }
        self.log(LogEntryKind.PLAN_CHANGE, text, self.holder, written, goal.category, hour=11)
        next_dates = [self._day(ago) for ago, *_rest in evaluations[1:]] + [upcoming] * bool(evaluations)
        for (ago, outcome, next_step, view), next_date in zip(evaluations, next_dates, strict=True):
            Evaluation.objects.create(
                action=action,
                outcome=outcome,
                assessment=_demo_assessment(outcome),
                youth_view=view,
                next_step=next_step,
                next_evaluation_date=None if next_step in _CLOSING else next_date,
                category=goal.category,
                evaluated_by_id=responsible.id,
                agency_id=responsible.agency_id,
                evaluated_at=self._when(ago, 13),
            )
            text = _("Evaluation of “%(action)s”: %(outcome)s. The youth's view: %(view)s") % {
                "action": description,
                "outcome": EvaluationOutcome(outcome).label,
                "view": view,
            }
            self.log(LogEntryKind.EVALUATION, text, responsible, ago, goal.category, hour=13)
        return action

    def individual_plan(self, *, consent, started_days_ago, adopted_days_ago, evaluate_in) -> PlanVersion:
        """The holder starts the individual plan (as its coordinator) and adopts version 1: the goals
        and actions as they stand, frozen by the service's own item builder."""
        started = self._when(started_days_ago)
        plan = IndividualPlan.objects.create(
            youth=self.youth,
            coordinator_id=self.holder.id,
            consent=consent,
            evaluation_dates=[(self.today + dt.timedelta(days=days)).isoformat() for days in evaluate_in],
            created_by_id=self.holder.id,
            created_at=started,
            updated_at=started,
        )
        self.log(
            LogEntryKind.PLAN_CHANGE,
            plan_started_text(self._user(self.holder)),
            self.holder,
            started_days_ago,
        )
        version = PlanVersion.objects.create(
            plan=plan,
            youth=self.youth,
            number=1,
            coordinator_id=plan.coordinator_id,
            consent=consent,
            evaluation_dates=plan.evaluation_dates,
            adopted_by_id=self.holder.id,
            adopted_at=self._when(adopted_days_ago, 15),
        )
        PlanVersionItem.objects.bulk_create(plan_version_items(version, self.youth))
        self.log(LogEntryKind.PLAN_CHANGE, plan_adopted_text(1), self.holder, adopted_days_ago, hour=15)
        return version


def _demo_assessment(outcome: str) -> str:
    return {
        "reached": "Tiltaket virker slik vi ønsket. Fortsetter som avtalt.",
        "partly": "Delvis bedring. Vi justerer litt og ser på det igjen.",
        "not_reached": "Virker ikke nå. Vi finner en annen vei sammen med Amira.",
    }[outcome]
