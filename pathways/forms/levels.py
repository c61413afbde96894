"""The BTI level change form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import BtiLevel, InformationCategory
from coordination.web.forms import StyledForm


class LevelChangeForm(StyledForm):
    to_level = forms.TypedChoiceField(label=_("New level"), choices=BtiLevel.choices, coerce=int)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=4000)
    category = forms.ChoiceField(
        label=_("Information category"),
        choices=InformationCategory.choices,
        initial=InformationCategory.GENERAL,
        help_text=_("Who may read this text follows the category and the youth's consent."),
    )
