"""LongSelect writes the same select as Django's template does (attribute order and whitespace aside),
escaping included."""

import pytest
from django import forms
from django.test.html import parse_html

from coordination.web.forms import LongSelect

CHOICES = [
    ("", "Alle"),
    (1, 'Ola "Ole" <Nordmann> & co'),
    ("Gruppe <1>", [(2, "x"), (3, "y")]),
    (4, "z"),
]


class Both(forms.Form):
    template = forms.ChoiceField(choices=CHOICES, required=False)
    direct = forms.ChoiceField(
        choices=CHOICES, required=False, widget=LongSelect(attrs={"class": "ds-input"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].widget.attrs["class"] = "ds-input"


def _same(html, name: str):
    """Parsed as assertHTMLEqual does: attribute order and whitespace between tags do not count."""
    return parse_html(str(html).replace(f'"id_{name}', '"id_X').replace(f'name="{name}"', 'name="X"'))


@pytest.mark.parametrize("value", ["", "1", "3", "not-a-choice"])
def test_long_select_writes_what_the_select_template_writes(value):
    form = Both({"template": value, "direct": value})
    form.is_valid()
    assert _same(form["direct"], "direct") == _same(form["template"], "template")
    assert "&lt;Nordmann&gt; &amp; co" in str(form["direct"])
