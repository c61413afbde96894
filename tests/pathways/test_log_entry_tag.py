"""`{% log_entry %}` writes in Python what templates/pathways/log_entry.html writes (whitespace between
tags aside): every kind of entry a log page shows — corrected and correcting, marked as a lysglimt by
the reader or by someone else, kept from the youth, a missed appointment with its outreach, the youth's
own — with hostile text, as its author and as another team member, with and without the controls."""

import datetime
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test.html import parse_html
from django.utils import timezone

from coordination.access import youth_access_for_user
from coordination.models import AccountKind, User
from pathways.models import LogEntryKind, Lysglimt, PlannedOutreach, Withholding, WithholdingReason
from pathways.selectors import log as selectors
from tests import factories

HOSTILE = "Linje én <script>alert(1)</script>\n& \"to\" 'tre'"


@pytest.fixture
def entries(cast):
    now = timezone.now()
    original = factories.log_entry(
        cast.youth, cast.holder, text=HOSTILE, occurred_at=now - datetime.timedelta(days=3)
    )
    factories.log_entry(cast.youth, cast.holder, text="Rettet: " + HOSTILE, corrects=original)
    marked = factories.log_entry(cast.youth, cast.member, text="Hun klarte hele uka.")
    Lysglimt.objects.create(entry=marked, marked_by=cast.member)
    withheld = factories.log_entry(cast.youth, cast.holder, text="Om naboen.")
    Withholding.objects.create(
        entry=withheld, reason=WithholdingReason.THIRD_PARTY, by=cast.holder, agency=cast.holder.agency
    )
    missed = factories.log_entry(
        cast.youth, cast.member, kind=LogEntryKind.MISSED_APPOINTMENT, text="Kom ikke."
    )
    PlannedOutreach.objects.create(
        missed_entry=missed,
        youth=cast.youth,
        responsible=cast.holder,
        planned_for=datetime.date(2026, 12, 24),
        how="Ringer <mor> & far",
        created_by=cast.member,
    )
    factories.log_entry(cast.youth, cast.member, kind=LogEntryKind.MISSED_APPOINTMENT, text="Uten plan.")
    account = User.objects.create(username="sara-ung", kind=AccountKind.YOUTH, first_name="Sara")
    factories.log_entry(cast.youth, account, kind=LogEntryKind.YOUTH_MESSAGE, text="Hei <3")


def _render(code_or_name: str, context: dict) -> str:
    engine = engines["django"]
    if code_or_name.endswith(".html"):
        return engine.get_template(code_or_name).render(context)
    return engine.from_string(code_or_name).render(context)


@pytest.mark.parametrize("reader", ["holder", "member"])
@pytest.mark.parametrize("show_actions", [True, False])
@pytest.mark.parametrize("page", [None, 1, 3])
def test_the_tag_writes_what_the_template_writes(cast, entries, reader, show_actions, page):
    user = getattr(cast, reader)
    access = youth_access_for_user(user, cast.youth.pk)
    rows = list(selectors.log_for_youth(access))
    assert len(rows) == 8
    base = {
        "user": user,
        "access": access,
        "corrected_ids": selectors.corrected_entry_ids(access, rows),
        "csrf_token": 'tok"en',
        "show_actions": show_actions,
    }
    if page is not None:
        base["page"] = SimpleNamespace(number=page)
    for entry in rows:
        context = {**base, "entry": entry}
        slow = _render("pathways/log_entry.html", context)
        fast = _render("{% load stafettlogg %}{% log_entry entry show_actions=show_actions %}", context)
        assert parse_html(fast) == parse_html(slow), entry.pk
    page_html = "".join(
        _render("{% load stafettlogg %}{% log_entry entry show_actions=True %}", {**base, "entry": entry})
        for entry in rows
    )
    # What the comparison covers is really there: escaped text, the outreach, the controls.
    assert "&lt;script&gt;" in page_html and "<script>" not in page_html
    assert "Ringer &lt;mor&gt; &amp; far" in page_html
    assert page_html.count('name="csrfmiddlewaretoken" value="tok&quot;en"') >= 1
    own = sum(entry.author_id == user.pk for entry in rows)
    assert page_html.count("/korriger/") == own > 0
