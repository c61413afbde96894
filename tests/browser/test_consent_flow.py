"""Consent in a real browser: the stafettholder records the youth's withdrawal, and the team member
from the school loses the youth on their very next page."""

import re

import pytest
from playwright.sync_api import expect

from coordination.models import Consent
from tests.browser.signing_in import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_withdrawal_takes_effect_for_the_team_member_at_once(page, live_server, cast):
    log_in(page, live_server, cast.member)
    expect(page.get_by_role("link", name="Ung, Sara")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, live_server, cast.holder)
    page.get_by_role("link", name="Ung, Sara").click()
    page.get_by_role("navigation", name="Ungdommens meny").get_by_role("link", name="Samtykke").click()
    expect(page.get_by_role("table", name=re.compile("Deling nå"))).to_be_visible()
    page.get_by_role("link", name="Trekk tilbake").first.click()
    page.get_by_label("Notat").fill("Sara vil ikke at skolen får vite mer nå.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Trukket tilbake").first).to_be_visible()
    assert Consent.objects.get(youth=cast.youth).state == "withdrawn"
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, live_server, cast.member)
    expect(page.get_by_role("link", name="Ung, Sara")).to_have_count(0)
    page.goto(f"{live_server.url}/ungdommer/{cast.youth.pk}/")
    expect(page.get_by_role("heading", name="Vi fant ikke siden")).to_be_visible()
