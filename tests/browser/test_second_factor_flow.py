"""First login in a real browser: password, connect the authenticator by its key, receive recovery codes;
the next login asks for a code and accepts a recovery code once."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _password(page, live_server, user):
    page.goto(f"{live_server.url}/ungdommer/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def test_first_login_enrols_the_authenticator_and_shows_recovery_codes(page, live_server, cast):
    _password(page, live_server, cast.member)
    expect(page.get_by_role("heading", name="Sett opp andre faktor")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text()
    code = f"{totp(base64.b32decode(secret)):06d}"
    page.get_by_label("Kode fra appen").fill(code)
    page.get_by_role("button", name="Fullfør oppsettet").click()
    expect(page.get_by_role("heading", name="Dine gjenopprettingskoder")).to_be_visible()
    codes = page.get_by_role("list", name="Gjenopprettingskoder").locator("li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Jeg har lagret kodene – fortsett").click()
    expect(page.get_by_role("heading", name="Mine ungdommer")).to_be_visible()

    page.get_by_role("button", name="Logg ut").click()
    _password(page, live_server, cast.member)
    expect(page.get_by_role("heading", name="Bekreft at det er deg")).to_be_visible()
    page.get_by_label("Kode").fill(codes[0])
    page.get_by_role("button", name="Fortsett").click()
    expect(page.get_by_role("heading", name="Mine ungdommer")).to_be_visible()

    page.get_by_role("button", name="Logg ut").click()
    _password(page, live_server, cast.member)
    page.get_by_label("Kode").fill(codes[0])
    page.get_by_role("button", name="Fortsett").click()
    expect(page.get_by_text("Koden er feil eller utløpt.", exact=True)).to_be_visible()
