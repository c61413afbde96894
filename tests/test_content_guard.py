"""Templates print content about a youth only through {% shown %}, for what came through the one rule.

A template that reads a content field directly, or prints an object that did not come through
`visible_to(access)`, raises in the test suite (CONTENT_GUARD_STRICT) and prints nothing in production.
"""

import logging

import pytest
from django.template import engines

from coordination.access import youth_access_for_user
from coordination.models.content import ContentNotShown
from pathways.models import LogEntry
from tests import factories


def _render(source: str, **context) -> str:
    return engines["django"].from_string("{% load content %}" + source).render(context)


@pytest.fixture
def entry(cast):
    return factories.log_entry(
        cast.youth, cast.holder, text="Hemmelig tekst om rus", category="substance_use"
    )


def test_a_template_printing_a_content_field_directly_fails(cast, entry):
    with pytest.raises(ContentNotShown):
        _render("{{ entry.text }}", entry=entry, user=cast.holder)
    goal = factories.goal(cast.youth, cast.holder, description="Slutte med hasj")
    with pytest.raises(ContentNotShown):
        _render("{{ goal }}", goal=goal, user=cast.holder)  # a goal's __str__ is its text


def test_shown_refuses_an_object_that_did_not_come_through_the_rule(cast, entry):
    with pytest.raises(ContentNotShown):
        _render('{% shown entry "text" %}', entry=entry, user=cast.holder)


def test_shown_prints_what_the_rule_allows_for_that_user_only(cast, entry):
    access = youth_access_for_user(cast.holder, cast.youth.pk)
    visible = LogEntry.objects.visible_to(access).get(pk=entry.pk)
    assert _render('{% shown entry "text" %}', entry=visible, user=cast.holder) == "Hemmelig tekst om rus"
    with pytest.raises(ContentNotShown):  # marked for the holder, printed for someone else
        _render('{% shown entry "text" %}', entry=visible, user=cast.member)


def test_the_rule_keeps_hidden_categories_out_in_sql(cast, entry):
    access = youth_access_for_user(cast.member, cast.youth.pk)  # school: general + school only
    assert not LogEntry.objects.visible_to(access).filter(pk=entry.pk).exists()


def test_in_production_a_violation_prints_nothing_and_is_logged(cast, entry, settings, caplog):
    settings.CONTENT_GUARD_STRICT = False
    with caplog.at_level(logging.ERROR, logger="stafett.content"):
        assert _render("[{{ entry.text }}]", entry=entry, user=cast.holder) == "[]"
    assert "LogEntry.text" in caplog.text


def test_code_outside_templates_reads_content_as_usual(entry):
    assert entry.text == "Hemmelig tekst om rus"  # services build log texts from content
