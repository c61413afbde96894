"""The styled form base every form builds on: Designsystemet classes on every widget, native date
pickers, and `service_kwargs()`, the keyword arguments the form hands to its service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.models import InformationCategory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class StyledFormMixin:
    """Adds Designsystemet's input class to every widget so templates stay plain."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            widget.attrs.setdefault("class", "ds-input")
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)

    def service_kwargs(self) -> dict:
        """What the form hands to its service (coordination.web.views.submit); the cleaned data."""
        return dict(self.cleaned_data)


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    """A ModelForm used only to describe and validate fields: services do the saving."""

    def save(self, commit=True):
        raise NotImplementedError("Save through a service function, not the form.")


class VersionedFormMixin(forms.Form):
    """Carries the version the user started editing from, for conflict detection."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["expected_version"] = kwargs.pop("version")
        return kwargs


class CategoryField(forms.ChoiceField):
    """The information category of a text: who may read it follows it and the youth's consent.
    Left out of a request, it is "general", as the select starts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Information category"))
        kwargs.setdefault(
            "help_text", _("Who may read this text follows the category and the youth's consent.")
        )
        super().__init__(
            choices=InformationCategory.choices, required=False, initial=InformationCategory.GENERAL, **kwargs
        )

    def clean(self, value):
        return super().clean(value) or InformationCategory.GENERAL
