"""Forms about the youth and the case: registration, closing and reopening."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import ClosingReason, Youth, age_on
from coordination.web.forms import CategoryField, DateInput, StyledForm, StyledModelForm


class YouthForm(StyledModelForm):
    class Meta:
        model = Youth
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "national_id",
            "municipality",
            "preferred_language",
            "interpreter_needed",
            "interpreter_language",
            "phone",
            "email",
            "address",
            "follow_up_days",
        ]
        widgets = {"birth_date": DateInput()}
        help_texts = {"national_id": _("Optional. 11 digits.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follow_up_days"].min_value = 1
        self.fields["follow_up_days"].max_value = 365
        self.fields["follow_up_days"].widget.attrs.update(min=1, max=365)
        self.fields["follow_up_days"].validators += [MinValueValidator(1), MaxValueValidator(365)]

    def clean_national_id(self):
        return self.cleaned_data.get("national_id") or None

    def validate_unique(self):
        # Whether a national identity number is already registered is itself confidential: the
        # service handles a duplicate without telling (coordination.services.youths.youth_register).
        pass

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        age = age_on(birth_date, timezone.localdate())
        if not 10 <= age <= 30:
            raise forms.ValidationError(_("Stafett follows youths aged 13 to 25. Check the birth date."))
        return birth_date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error("interpreter_language", _("Choose the language the interpreter must speak."))
        return cleaned


class CaseCloseForm(StyledForm):
    category = CategoryField()

    reason = forms.ChoiceField(label=_("Reason"), choices=ClosingReason.choices)
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea, max_length=4000)
    youth_view = forms.CharField(
        label=_("The youth's own view"),
        widget=forms.Textarea,
        max_length=4000,
        help_text=_("Missed appointments are never a reason to close. Write what the youth says."),
    )


class CaseReopenForm(StyledForm):
    category = CategoryField()

    explanation = forms.CharField(label=_("Why the case is reopened"), widget=forms.Textarea, max_length=4000)
    youth_view = forms.CharField(
        label=_("The youth's own view"), widget=forms.Textarea, max_length=4000, required=False
    )
