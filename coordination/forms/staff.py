"""Forms of delegated administration (agencies, invitations, team leads) and of accepting an
invitation (the password)."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, ServiceLevel
from coordination.web.forms import StyledForm, StyledFormMixin, StyledModelForm


class AgencyForm(StyledModelForm):
    class Meta:
        model = Agency
        fields = ["name", "sector", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].initial = ServiceLevel.MUNICIPAL


class StaffInviteForm(StyledForm):
    """Who to invite. The e-mail address becomes the username. A municipality administrator invites
    team leads only, so their form has no choice of role."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        help_text=_("The invitation goes here, and this is the username."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    is_team_lead = forms.BooleanField(label=_("Team lead"), required=False)

    def __init__(self, *args, choose_role: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_role:
            del self.fields["is_team_lead"]


class TeamLeadForm(StyledForm):
    """The button that appoints a team lead (1) or ends the role (0)."""

    is_team_lead = forms.TypedChoiceField(
        choices=[("1", _("Team lead")), ("0", _("Not team lead"))],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


class ConfirmForm(StyledForm):
    """A page that asks before it acts (deactivation): nothing to fill in."""


class InvitationPasswordForm(StyledFormMixin, SetPasswordForm):
    """The invitee's password, twice, through Django's password validators."""

    def service_kwargs(self) -> dict:
        return {"password": self.cleaned_data["new_password1"]}
