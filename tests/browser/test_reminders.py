"""Reminders in a real browser: the htmx badge with JavaScript, the whole inbox without it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pathways import sweep
from pathways.models import Lapse
from tests import factories
from tests.browser.signing_in import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def overdue(cast):
    today = timezone.localdate()
    factories.action(
        factories.goal(cast.youth, cast.holder),
        cast.member,
        start_date=today - datetime.timedelta(days=60),
        evaluation_date=today - datetime.timedelta(days=3),
    )
    sweep.run()


def test_the_header_badge_counts_unread_reminders(page, live_server, cast, overdue):
    _log_in(page, live_server, cast.member)
    expect(page.locator("#unread-badge .ds-badge")).to_have_attribute("data-count", "1")
    expect(page.locator("#unread-badge")).to_contain_text("1 ulest påminnelse")
    page.get_by_role("link", name="Innboks").click()
    expect(page.get_by_text("Evalueringsdato passert uten evaluering")).to_be_visible()
    expect(page.locator("#unread-badge .ds-badge")).to_have_count(0)


def test_the_inbox_works_without_javascript(browser, live_server, cast, overdue):
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo", java_script_enabled=False)
    page = context.new_page()
    try:
        _log_in(page, live_server, cast.member)
        page.get_by_role("link", name="Innboks").click()
        page.get_by_text("Merk som håndtert").first.click()  # <details> opens without JavaScript
        page.get_by_label("Hva som ble gjort").fill("Evaluering avtalt med Sara på fredag")
        # Wait for the form's own POST (a loaded CI machine once took longer than the 5 s an
        # assertion waits), so a slow answer and a form that does not submit are told apart.
        with page.expect_response(lambda response: response.request.method == "POST", timeout=30_000):
            page.get_by_role("button", name="Merk som håndtert").click()
        expect(page.get_by_text("Merket som håndtert.")).to_be_visible()
        assert "Evaluering avtalt med Sara på fredag" in Lapse.objects.get().handled_entry.text
    finally:
        context.close()
