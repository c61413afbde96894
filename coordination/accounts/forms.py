"""Forms of the second-factor step."""

from django import forms
from django.conf import settings
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


class AddressForm(StyledForm):
    address = forms.CharField(
        label=_("Your mobile number or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "email", "autofocus": True}),
    )


class CodeForm(StyledForm):
    code = forms.CharField(
        label=_("The code you got"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class LanguageForm(StyledForm):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, widget=forms.RadioSelect)
