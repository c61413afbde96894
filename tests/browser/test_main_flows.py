"""The main caseworker flows in a real browser: log in with password and authenticator code, find the
youth, append to the log in place, add a goal and an action, hand over the baton."""

import pytest
from playwright.sync_api import expect

from coordination.models import Youth
from pathways.models import Action, Goal, LogEntry
from tests.browser.signing_in import log_in as _log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_appends_to_the_log_without_a_page_reload(page, live_server, cast):
    _log_in(page, live_server, cast.member)
    page.get_by_role("link", name="Ung, Sara").click()
    page.get_by_role("navigation", name="Ungdommens meny").get_by_role("link", name="Logg").click()
    page.evaluate("window.__stafettMarker = 'still here'")
    page.get_by_label("Hva skjedde").fill("Traff Sara på fritidsklubben, avtalte møte fredag.")
    page.get_by_role("button", name="Legg til i loggen").click()
    entry = page.locator("#log-entries li").first
    expect(entry).to_contain_text("Traff Sara på fritidsklubben")
    assert page.evaluate("window.__stafettMarker") == "still here"  # no navigation happened
    expect(page.get_by_label("Hva skjedde")).to_have_value("")
    assert LogEntry.objects.filter(youth=cast.youth, author=cast.member).count() == 1


def test_log_form_errors_are_shown_in_place(page, live_server, cast):
    _log_in(page, live_server, cast.member)
    page.goto(f"{live_server.url}/ungdommer/{cast.youth.pk}/logg/")
    page.get_by_role("button", name="Legg til i loggen").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()
    assert not LogEntry.objects.filter(author=cast.member).exists()


def test_stafettholder_writes_a_goal_and_an_action(page, live_server, cast):
    _log_in(page, live_server, cast.holder)
    page.goto(f"{live_server.url}/ungdommer/{cast.youth.pk}/plan/")
    page.get_by_role("link", name="Nytt mål").click()
    page.get_by_label("Type").select_option("school_work")
    page.get_by_label("Målet med ungdommens egne ord").fill("Jeg vil klare å stå opp til skolen")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", name="Jeg vil klare å stå opp til skolen")).to_be_visible()
    page.get_by_role("link", name="Legg til tiltak").click()
    page.get_by_label("Hva som gjøres").fill("Vekking og skyss to dager i uka")
    page.get_by_label("Evalueringsdato").fill("2030-01-15")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("cell", name="Vekking og skyss to dager i uka", exact=True)).to_be_visible()
    assert (
        Action.objects.get(goal=Goal.objects.get(youth=cast.youth)).evaluation_date.isoformat()
        == "2030-01-15"
    )


def test_handover_request_and_accept(page, live_server, cast):
    _log_in(page, live_server, cast.holder)
    page.goto(f"{live_server.url}/ungdommer/{cast.youth.pk}/")
    page.get_by_role("link", name="Gi stafetten videre").first.click()
    page.get_by_label("Gi videre til").select_option(str(cast.member.pk))
    page.get_by_role("button", name="Send forespørsel").click()
    page.get_by_role("button", name="Logg ut").click()
    _log_in(page, live_server, cast.member)
    page.get_by_role("link", name="Stafetter til meg").click()
    page.get_by_role("link", name=cast.youth.full_name).click()
    page.get_by_role("button", name="Ta imot og bli stafettholder").click()
    expect(page.get_by_text("Du er nå stafettholder.")).to_be_visible()
    assert Youth.objects.get(pk=cast.youth.pk).stafettholder == cast.member
