"""Forms of cooperation meetings: planning one, and its minutes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import Relative, Youth
from coordination.models.content import read
from coordination.web.forms import (
    CategoryField,
    DateTimeInput,
    StyledForm,
    StyledModelForm,
    VersionedFormMixin,
)
from pathways.models import Meeting


def relative_label(relative: Relative) -> str:
    name, relation = read(relative, "name"), read(relative, "relation")
    label = f"{name} ({relation}, {relative.get_preferred_language_display()})"
    if relative.interpreter_needed:
        label += " – " + str(_("needs an interpreter"))
    return label


class MeetingForm(StyledModelForm):
    category = CategoryField()

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

    def __init__(self, *args, youth: Youth, team, relatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = team
        self.fields["relatives"].queryset = relatives  # the relatives the planner may see
        # Who needs an interpreter is shown where the meeting is planned, for the youth and each relative.
        self.fields["relatives"].label_from_instance = relative_label
        if youth.interpreter_needed and not self.is_bound:
            self.initial.update(interpreter_needed=True, interpreter_language=youth.interpreter_language)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language the interpreter must speak."))
        if not cleaned.get("is_digital") and not cleaned.get("location"):
            self.add_error("location", _("Give a place, or mark the meeting as digital."))
        return cleaned


class MeetingEditForm(VersionedFormMixin, MeetingForm):
    pass


class MinutesForm(StyledForm):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)
