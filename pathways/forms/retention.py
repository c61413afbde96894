"""Forms of the retention page: an agency's policy for one record type, and a legal hold."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coordination.web.forms import StyledForm
from pathways.models import Disposition, RecordType


class RetentionPolicyForm(StyledForm):
    disposition = forms.ChoiceField(label=_("When the time is up"), choices=Disposition.choices)
    years = forms.IntegerField(label=_("Years after the case was closed"), min_value=1, max_value=100)

    def __init__(self, *args, record_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_type = record_type
        # The identity is anonymised or kept; everything else is deleted or kept.
        left_out = Disposition.DELETE if record_type == RecordType.CASE else Disposition.ANONYMISE
        self.fields["disposition"].choices = [c for c in Disposition.choices if c[0] != left_out]

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "record_type": self.record_type}


class LegalHoldForm(StyledForm):
    hold = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for the legal hold"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("hold") and not data.get("reason", "").strip():
            raise ValidationError(_("Say why the case is on legal hold."))
        return data
