"""The filters of "Mine ungdommer"."""

from django import forms
from django.utils.translation import gettext_lazy as _


class YouthFilterForm(forms.Form):
    """GET filters on "Mine ungdommer"; invalid values fall back to defaults rather than erroring."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("active", _("Active")), ("closed", _("Closed")), ("all", _("All"))],
    )
    level = forms.TypedChoiceField(
        label=_("BTI level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), (0, "0"), (1, "1"), (2, "2"), (3, "3")],
    )
    mine = forms.BooleanField(label=_("Only where I am stafettholder"), required=False)
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("evaluation", _("Next evaluation")),
            ("contact", _("Longest since contact")),
            ("level", _("BTI level")),
        ],
    )
