"""The form renderer writes in Python exactly what the templates write (attribute order and whitespace
between tags aside): every kind of field it writes, bound and unbound, with errors, help texts and
hostile values, and every form of the product that can be built without arguments."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from coordination.web.form_renderer import FormRenderer
from coordination.web.forms import DateInput, DateTimeInput, StyledForm

HOSTILE = "\"><script>alert(1)</script> & 'x'"


class EveryKind(StyledForm):
    name = forms.CharField(label="Navn <b>", help_text="Som i folkeregisteret & <i>", max_length=5)
    email = forms.EmailField(required=False)
    age = forms.IntegerField(min_value=0, required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=DateInput, required=False)
    moment = forms.DateTimeField(widget=DateTimeInput, required=False)
    at = forms.TimeField(widget=forms.TimeInput, required=False)
    phone = forms.CharField(
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}), required=False
    )
    text = forms.CharField(widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(
        choices=[("", "Velg"), ("a", HOSTILE), ("Gruppe <1>", [("b", "B"), ("c", "C")])], required=False
    )
    agree = forms.BooleanField(label=mark_safe("Jeg <em>er</em> enig"), help_text="Må krysses av")
    off = forms.CharField(disabled=True, required=False, initial="fast")
    level = forms.ChoiceField(widget=forms.RadioSelect, choices=[("1", "En"), ("2", "To")], required=False)
    who = forms.ChoiceField(
        widget=forms.RadioSelect, choices=[("x", HOSTILE), (HOSTILE, "Y")], required=False
    )
    many = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, choices=[("a", HOSTILE), ("b", "B")], required=False
    )


def _both(form_class, *args, **kwargs):
    fast = form_class(*args, renderer=FormRenderer(), **kwargs)
    slow = form_class(*args, renderer=TemplatesSetting(), **kwargs)
    return fast, slow


def _same(fast, slow) -> None:
    assert parse_html(str(fast)) == parse_html(str(slow))
    for name in fast.fields:
        assert parse_html(str(fast[name].as_field_group())) == parse_html(str(slow[name].as_field_group())), (
            name
        )
        # The widget alone too: a choice list's options with their labels wrapped (multiple_input.html).
        assert parse_html(str(fast[name])) == parse_html(str(slow[name])), name


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"name": HOSTILE, "email": "not-an-email", "age": "-1", "secret": "x", "token": HOSTILE},
        {"name": "Ola", "day": "2026-13-40", "moment": "2026-12-01T10:00", "at": "25:00", "phone": HOSTILE},
        {"text": f"Linje 1\n{HOSTILE}", "kind": "b", "agree": "on", "level": "2", "off": "endret"},
        {"kind": "not-a-choice", "level": "9", "agree": ""},
        {"who": HOSTILE, "many": ["a", "b"]},
        {"who": "nope", "many": ["z"]},
    ],
)
def test_every_kind_of_field_is_written_as_the_templates_write_it(data):
    fast, slow = _both(EveryKind, data)
    if data is not None:
        assert fast.is_valid() == slow.is_valid()
    _same(fast, slow)
    if data and "token" in data:
        assert "<script>" not in str(fast)


def test_initial_values_are_written_as_the_templates_write_them():
    fast, slow = _both(EveryKind, initial={"name": HOSTILE, "text": HOSTILE, "kind": "c", "agree": True})
    _same(fast, slow)


def _product_forms():
    import coordination.forms
    import pathways.forms

    for package in (coordination.forms, pathways.forms):
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


@pytest.mark.django_db
def test_every_form_of_the_product_that_needs_no_arguments_is_written_the_same():
    compared = 0
    for form_class in _product_forms():
        for data in (None, {}):
            try:
                fast, slow = _both(form_class, data)
            except TypeError:  # needs the youth, the team or the like: covered by the kinds above
                break
            if data is not None:
                fast.is_valid(), slow.is_valid()
            _same(fast, slow)
            compared += 1
    assert compared >= 10  # the walk found the product's forms
