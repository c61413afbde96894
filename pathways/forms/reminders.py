"""Marking a reminder handled."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.web.forms import CategoryField, StyledForm


class ReminderHandledForm(StyledForm):
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        help_text=_("Your note goes in the youth's log, where the others on the team can read it."),
    )
    category = CategoryField()
