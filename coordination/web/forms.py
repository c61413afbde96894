"""The styled form base every form builds on: Designsystemet classes on every widget, native date
pickers, and `service_kwargs()`, the keyword arguments the form hands to its service."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe
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


def _attributes(attrs: dict) -> str:
    """flatatt's output (True: the bare name; False or None: left out), escaped as Django escapes."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class LongSelect(forms.Select):
    """A select for long lists (an agency's few hundred staff): the same HTML as Django's select
    template, written here in one pass, because the option template costs a template include per
    option — tens of milliseconds a page for such a list."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{escape(str(group_name))}">')
            parts.extend(
                f'<option value="{escape(str(option["value"]))}"{_attributes(option["attrs"])}>'
                f"{escape(str(option['label']))}</option>"
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


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
