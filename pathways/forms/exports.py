"""The form of the youth's own data export made on the youth's request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.web.forms import StyledForm


class YouthDataRequestForm(StyledForm):
    reason = forms.CharField(
        label=_("How did the youth ask?"),
        help_text=_("For example: asked in a meeting on 3 March. Written in the access log."),
        max_length=60,
    )
