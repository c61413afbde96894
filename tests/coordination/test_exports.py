"""CSV exports are safe against formula injection."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coordination.exports import csv_response, csv_safe


@pytest.mark.parametrize(
    "payload",
    ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "|cmd", "%0A=1"],
)
def test_formulas_are_defused(payload):
    assert csv_safe(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Sara Ung", "12", "Ærlig ønske", "", None, 42])
def test_ordinary_values_are_unchanged(value):
    assert csv_safe(value) == ("" if value is None else str(value))


@given(st.text())
def test_no_cell_ever_starts_a_formula(text):
    assert not csv_safe(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_response_escapes_every_cell_and_reads_back():
    response = csv_response("ungdommer.csv", ["navn", "merknad"], [["=cmd|' /C calc'!A0", 'Bra, "sier" hun']])
    assert response["Content-Disposition"] == 'attachment; filename="ungdommer.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["navn", "merknad"], ["'=cmd|' /C calc'!A0", 'Bra, "sier" hun']]
