"""`{% youth_row %}` writes in Python what templates/coordination/youth_row.html writes (whitespace
between tags aside), for every combination of what a row shows, with a hostile name, in each language."""

import datetime
import itertools

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import translation

from pathways.selectors import dashboards

HOSTILE = "<script>alert(1)</script> & \"Ø'"


def _render(code_or_name: str, context: dict) -> str:
    engine = engines["django"]
    if code_or_name.endswith(".html"):
        return engine.get_template(code_or_name).render(context)
    return engine.from_string(code_or_name).render(context)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_tag_writes_what_the_template_writes(cast, language):
    cast.youth.last_name = HOSTILE
    cast.youth.save(update_fields=["last_name"])
    cast.holder.first_name = HOSTILE
    cast.holder.save(update_fields=["first_name"])
    youth = dashboards.my_youths(cast.holder).get()
    combinations = itertools.product(
        [True, False],  # interpreter needed
        [True, False],  # handover pending
        ["active", "closed"],
        [cast.holder, cast.member],  # who reads: the stafettholder or another member
        [None, datetime.date(2027, 1, 5)],  # next evaluation
        [None, 0, 12],  # days since contact
    )
    with translation.override(language):
        for interpreter, pending, status, reader, evaluation, days in combinations:
            youth.interpreter_needed, youth.has_pending_handover, youth.status = interpreter, pending, status
            youth.next_evaluation, youth.days_since_contact = evaluation, days
            context = {"youth": youth, "user": reader}
            slow = _render("coordination/youth_row.html", context)
            fast = _render("{% load youth_list %}{% youth_row youth %}", context)
            assert parse_html(fast) == parse_html(slow)
        assert "&lt;script&gt;" in fast and "<script>" not in fast
