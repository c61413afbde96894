"""Filters of the municipal statistics; invalid values fall back to the defaults."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import BtiLevel


class StatisticsFilterForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=12,
        choices=[(3, _("Last 3 months")), (6, _("Last 6 months")), (12, _("Last 12 months"))],
    )
    level = forms.TypedChoiceField(
        label=_("BTI level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *BtiLevel.choices],
    )
