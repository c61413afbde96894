from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.forms_base import DateInput, StyledForm, StyledModelForm
from coordination.models import ClosingReason, Relative, TeamMembership, User, Youth, age_on


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


class RelativeForm(StyledModelForm):
    class Meta:
        model = Relative
        fields = [
            "name",
            "relation",
            "has_parental_responsibility",
            "phone",
            "email",
            "preferred_language",
            "interpreter_needed",
        ]


class TeamMemberAddForm(StyledForm):
    """Adds a staff member found by search; the choice list shows only the search hits, so the page
    stays small whatever the number of staff in the municipality."""

    user = forms.ModelChoiceField(
        label=_("Staff member"), queryset=User.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    role = forms.CharField(label=_("Role in the team"), max_length=100)

    MAX_HITS = 20

    def __init__(self, *args, youth: Youth, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        candidates = (
            User.objects.filter(is_active=True, agency__isnull=False)
            .exclude(
                pk__in=TeamMembership.objects.filter(youth=youth, ended_on__isnull=True).values("user_id")
            )
            .select_related("agency")
        )
        if self.is_bound:
            self.fields["user"].queryset = candidates  # validate any eligible user, however it was found
        else:
            hits = candidates.none()
            words = search.split()[:3]
            if words:
                hits = candidates
                for word in words:
                    hits = hits.filter(
                        Q(first_name__icontains=word)
                        | Q(last_name__icontains=word)
                        | Q(username__icontains=word)
                        | Q(agency__name__icontains=word)
                    )
            self.fields["user"].queryset = hits.order_by("last_name", "first_name")[: self.MAX_HITS]
        self.fields["user"].label_from_instance = lambda user: f"{user} ({user.agency})"


class HandoverRequestForm(StyledForm):
    to_user = forms.ModelChoiceField(label=_("Hand over to"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Note to the receiver"), widget=forms.Textarea, required=False, max_length=4000
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = candidates


class HandoverAnswerForm(StyledForm):
    note = forms.CharField(label=_("Comment"), widget=forms.Textarea, required=False, max_length=4000)


class CaseCloseForm(StyledForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=ClosingReason.choices)
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea, max_length=4000)
    youth_view = forms.CharField(
        label=_("The youth's own view"),
        widget=forms.Textarea,
        max_length=4000,
        help_text=_("Missed appointments are never a reason to close. Write what the youth says."),
    )


class CaseReopenForm(StyledForm):
    explanation = forms.CharField(label=_("Why the case is reopened"), widget=forms.Textarea, max_length=4000)
    youth_view = forms.CharField(
        label=_("The youth's own view"), widget=forms.Textarea, max_length=4000, required=False
    )


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


class SecondFactorForm(StyledForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        help_text=_("Six digits from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class AuthenticatorConfirmForm(StyledForm):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        strip=True,
        help_text=_("Scan the QR code, then type the six digits the app shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
