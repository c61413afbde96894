"""Forms of emergency access (break the glass) and its review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.web.forms import StyledForm


class EmergencyAccessForm(StyledForm):
    reason = forms.CharField(
        label=_("Why do you need emergency access?"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("The access is logged, time limited and reviewed by your team lead."),
    )


class EmergencyReviewForm(StyledForm):
    note = forms.CharField(label=_("Conclusion of the review"), widget=forms.Textarea, max_length=2000)
