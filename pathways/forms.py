from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordination.forms_base import DateInput, DateTimeInput, StyledForm, StyledModelForm, VersionedFormMixin
from coordination.models import BtiLevel, InformationCategory, User, Youth
from pathways.models import MANUAL_KINDS, Action, Evaluation, Goal, LogEntryKind, Meeting, Transition


class GoalForm(StyledModelForm):
    class Meta:
        model = Goal
        fields = ["kind", "description", "category"]
        help_texts = {"description": _("Write the goal the way the youth says it.")}


class GoalEditForm(VersionedFormMixin, GoalForm):
    class Meta(GoalForm.Meta):
        fields = ["kind", "description", "status", "category"]


class ActionForm(StyledModelForm):
    class Meta:
        model = Action
        fields = [
            "description",
            "responsible",
            "evaluator",
            "start_date",
            "evaluation_date",
            "follow_up_days",
            "status",
            "category",
        ]
        widgets = {"start_date": DateInput(), "evaluation_date": DateInput()}

    def __init__(self, *args, team: "forms.QuerySet[User]", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team
        self.fields["evaluator"].queryset = team
        self.fields["follow_up_days"].min_value = 1
        self.fields["follow_up_days"].max_value = 365
        self.fields["follow_up_days"].widget.attrs.update(min=1, max=365)

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


class LogEntryForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, kind.label) for kind in MANUAL_KINDS],
        initial=LogEntryKind.CONTACT,
    )
    occurred_at = forms.DateTimeField(label=_("When it happened"), widget=DateTimeInput())
    category = forms.ChoiceField(label=_("Information category"), choices=InformationCategory.choices)
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea, max_length=10000)
    # Used only for a missed appointment: the outreach the services owe the youth (empty: defaults).
    outreach_responsible = forms.ModelChoiceField(
        label=_("Who reaches out"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Empty: you."),
    )
    outreach_by = forms.DateField(
        label=_("Reach out no later than"),
        required=False,
        widget=DateInput(),
    )
    outreach_how = forms.CharField(
        label=_("How (home visit, phone, through the school …)"), required=False, max_length=200
    )
    OUTREACH_FIELDS = ("outreach_responsible", "outreach_by", "outreach_how")

    def __init__(self, *args, team: "forms.QuerySet[User]", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outreach_responsible"].queryset = team
        days = settings.REMINDER_OUTREACH_WORKING_DAYS
        self.fields["outreach_by"].help_text = ngettext(
            "Empty: within %(count)d working day.", "Empty: within %(count)d working days.", days
        ) % {"count": days}

    def clean_occurred_at(self):
        occurred_at = self.cleaned_data["occurred_at"]
        if occurred_at > timezone.now() + timezone.timedelta(minutes=10):
            raise forms.ValidationError(_("An entry cannot describe something that has not happened yet."))
        return occurred_at

    def clean(self):
        cleaned = super().clean()
        occurred_at, outreach_by = cleaned.get("occurred_at"), cleaned.get("outreach_by")
        if cleaned.get("kind") == LogEntryKind.MISSED_APPOINTMENT and occurred_at and outreach_by:
            if outreach_by < timezone.localdate(occurred_at):
                self.add_error(
                    "outreach_by", _("The outreach cannot be planned before the missed appointment.")
                )
        return cleaned

    @property
    def entry_fields(self):
        return [field for field in self if field.name not in self.OUTREACH_FIELDS]

    @property
    def outreach_fields(self):
        return [self[name] for name in self.OUTREACH_FIELDS]


class CorrectionForm(StyledForm):
    text = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea,
        max_length=10000,
        help_text=_("The original entry is kept. Your correction is shown with it."),
    )


class LevelChangeForm(StyledForm):
    to_level = forms.TypedChoiceField(label=_("New level"), choices=BtiLevel.choices, coerce=int)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=4000)


class MeetingForm(StyledModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "starts_at",
            "location",
            "is_digital",
            "agenda",
            "participants",
            "youth_attends",
            "relatives",
            "interpreter_needed",
            "interpreter_language",
            "interpreter_booked",
            "category",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "participants": forms.CheckboxSelectMultiple,
            "relatives": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, youth: Youth, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = team
        self.fields["relatives"].queryset = youth.relatives.all()
        if youth.interpreter_needed and not self.is_bound:
            self.initial.update(interpreter_needed=True, interpreter_language=youth.interpreter_language)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language the interpreter must speak."))
        if not cleaned.get("is_digital") and not cleaned.get("location"):
            self.add_error("location", _("Give a place, or mark the meeting as digital."))
        return cleaned


class MinutesForm(StyledForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)


class TransitionForm(StyledModelForm):
    class Meta:
        model = Transition
        fields = ["kind", "from_service", "to_service", "responsible", "planned_date", "status", "note"]
        widgets = {"planned_date": DateInput()}

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = team


class TransitionEditForm(VersionedFormMixin, TransitionForm):
    pass


class ReminderHandledForm(StyledForm):
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        help_text=_("Your note goes in the youth's log and to the others who got this reminder."),
    )
