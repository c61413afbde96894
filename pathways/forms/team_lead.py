"""Forms of the team lead's pages: dashboard filters, giving the baton to someone else, moving a
caseload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import BtiLevel, User
from coordination.web.forms import StyledForm


class DashboardFilterForm(StyledForm):
    """GET filters; invalid values fall back to none."""

    holder = forms.TypedChoiceField(label=_("Stafettholder"), required=False, coerce=int, empty_value=None)
    level = forms.TypedChoiceField(
        label=_("BTI level"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All levels")), *BtiLevel.choices],
    )
    # How many of the last 12 months the trends show (the figures are about now).
    period = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=12,
        choices=[(12, _("Last 12 months")), (6, _("Last 6 months")), (3, _("Last 3 months"))],
    )

    def __init__(self, *args, staff: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = [("", _("Everyone")), *((user.pk, str(user)) for user in staff)]


class ReassignForm(StyledForm):
    to_user = forms.ModelChoiceField(label=_("New stafettholder"), queryset=User.objects.none())
    note = forms.CharField(
        label=_("Note to the new stafettholder"), widget=forms.Textarea, required=False, max_length=4000
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].queryset = candidates


class CaseloadMoveForm(StyledForm):
    """One choice per youth the leaving member holds: the new holder among that youth's team."""

    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note to the new stafettholders"), widget=forms.Textarea, required=False, max_length=4000
    )

    def __init__(self, *args, youths, candidates_by_youth, **kwargs):
        super().__init__(*args, **kwargs)
        self.youths = youths
        for youth in youths:
            self.fields[f"youth_{youth.pk}"] = forms.ModelChoiceField(
                label=youth.full_name,
                queryset=candidates_by_youth[youth.pk],
                required=False,
                empty_label=_("Keep for now"),
            )
            self.fields[f"youth_{youth.pk}"].widget.attrs.setdefault("class", "ds-input")

    def assignments(self) -> dict:
        return {
            youth: self.cleaned_data[f"youth_{youth.pk}"]
            for youth in self.youths
            if self.cleaned_data.get(f"youth_{youth.pk}")
        }

    def service_kwargs(self) -> dict:
        return {"assignments": self.assignments(), "note": self.cleaned_data["note"]}
