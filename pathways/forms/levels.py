"""The BTI level change form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import BtiLevel
from coordination.web.forms import CategoryField, StyledForm


class LevelChangeForm(StyledForm):
    to_level = forms.TypedChoiceField(label=_("New level"), choices=BtiLevel.choices, coerce=int)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=4000)
    category = CategoryField()
