"""Marking a reminder handled."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import InformationCategory
from coordination.web.forms import StyledForm


class ReminderHandledForm(StyledForm):
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        help_text=_("Your note goes in the youth's log, where the others on the team can read it."),
    )
    category = forms.ChoiceField(
        label=_("Information category"),
        choices=InformationCategory.choices,
        initial=InformationCategory.GENERAL,
        required=False,
        help_text=_("Who may read this text follows the category and the youth's consent."),
    )

    def clean_category(self) -> str:
        return self.cleaned_data["category"] or InformationCategory.GENERAL
