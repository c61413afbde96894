"""The styled form base every form builds on: Designsystemet classes on every widget, native date
pickers, and `service_kwargs()`, the keyword arguments the form hands to its service."""

from django import forms


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
