"""The form behind "Invite to their own Stafett" on the team page: who (the youth, or one of their
relatives) and how (SMS or e-mail to the number or address in the record)."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coordination.models import Relative
from coordination.web.forms import StyledForm

CHANNELS = [("sms", _("SMS")), ("email", _("E-mail"))]


class InvitationForm(StyledForm):
    channel = forms.ChoiceField(label=_("Send by"), choices=CHANNELS)
    # Empty: the youth. Otherwise one of the youth's relatives the inviting user may see.
    relative = forms.ModelChoiceField(
        queryset=Relative.objects.none(), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, relatives: QuerySet[Relative], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["relative"].queryset = relatives
