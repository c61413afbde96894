"""Forms of the individual plan: its coordinator, consent and evaluation dates; the youth's answer."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coordination.models import Consent, User
from coordination.web.forms import DateInput, StyledForm
from pathways.models import PlanAnswer

DATE_FIELDS = ("evaluation_date_1", "evaluation_date_2", "evaluation_date_3")


class ConsentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, consent: Consent) -> str:
        # Dates and state only: the consent's texts are for those who manage consent.
        until = consent.expires_on.strftime("%d.%m.%Y") if consent.expires_on else _("until withdrawn")
        return _("%(basis)s from %(start)s (%(state)s), %(until)s") % {
            "basis": consent.get_basis_display(),
            "start": consent.valid_from.strftime("%d.%m.%Y"),
            "state": consent.get_state_display().lower(),
            "until": until,
        }


class IndividualPlanForm(StyledForm):
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=User.objects.none(),
        help_text=_("The stafettholder, unless the team agrees on someone else."),
    )
    consent = ConsentChoiceField(
        label=_("The consent that covers the plan"), queryset=Consent.objects.none(), required=False
    )
    evaluation_date_1 = forms.DateField(label=_("First evaluation of the whole plan"), widget=DateInput())
    evaluation_date_2 = forms.DateField(label=_("Next evaluation"), widget=DateInput(), required=False)
    evaluation_date_3 = forms.DateField(label=_("Evaluation after that"), widget=DateInput(), required=False)

    def __init__(self, *args, team: QuerySet[User], consents: QuerySet[Consent], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = team
        self.fields["consent"].queryset = consents

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["evaluation_dates"] = [day for day in (data.pop(name) for name in DATE_FIELDS) if day]
        return data


class IndividualPlanEditForm(IndividualPlanForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["expected_version"] = kwargs.pop("version")
        return kwargs


def initial_dates(plan) -> dict:
    return dict(zip(DATE_FIELDS, plan.evaluation_dates, strict=False))


class PlanAnswerForm(StyledForm):
    answer = forms.ChoiceField(choices=PlanAnswer.choices, widget=forms.HiddenInput)
