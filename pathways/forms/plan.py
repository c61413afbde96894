"""Forms of the action plan: goals, actions and evaluations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import User
from coordination.web.forms import CategoryField, DateInput, StyledModelForm, VersionedFormMixin
from pathways.models import Action, Evaluation, Goal


class GoalForm(StyledModelForm):
    category = CategoryField()

    class Meta:
        model = Goal
        fields = ["kind", "description", "category"]
        help_texts = {"description": _("Write the goal the way the youth says it.")}


class GoalEditForm(VersionedFormMixin, GoalForm):
    class Meta(GoalForm.Meta):
        fields = ["kind", "description", "status", "category"]


class ActionForm(StyledModelForm):
    category = CategoryField()

    class Meta:
        model = Action
        fields = [
            "description",
            "responsible",
            "evaluator",
            "start_date",
            "evaluation_date",
            "status",
            "category",
        ]
        widgets = {"start_date": DateInput(), "evaluation_date": DateInput()}

    def __init__(self, *args, team: "forms.QuerySet[User]", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team
        self.fields["evaluator"].queryset = team

    def clean(self):
        cleaned = super().clean()
        start, evaluation = cleaned.get("start_date"), cleaned.get("evaluation_date")
        if start and evaluation and evaluation < start:
            self.add_error("evaluation_date", _("The evaluation date cannot be before the start date."))
        return cleaned

    def _post_clean(self):
        # Model-level validation would duplicate the check above with a less helpful message.
        pass


class ActionEditForm(VersionedFormMixin, ActionForm):
    pass


class EvaluationForm(StyledModelForm):
    class Meta:
        model = Evaluation
        fields = ["outcome", "assessment", "youth_view", "next_step", "next_evaluation_date"]
        widgets = {"next_evaluation_date": DateInput()}
        help_texts = {"next_evaluation_date": _("Needed when the action continues or is adjusted.")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("next_step") in ("continue", "adjust") and not cleaned.get("next_evaluation_date"):
            self.add_error(
                "next_evaluation_date", _("Set the next evaluation date when the action continues.")
            )
        return cleaned
