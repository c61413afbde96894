"""Forms of the second-factor step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.web.forms import StyledForm


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
