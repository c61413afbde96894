"""Signing in through the real login page and the real second-factor step, as a person would."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD


def authenticator_code(device: TOTPDevice) -> str:
    """What the user's authenticator app shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enter_password(page, live_server, user, password: str = PASSWORD) -> TOTPDevice:
    """The first step: username and password, up to the second-factor page. Returns the user's
    authenticator, ready for a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True
    )
    # A person signing in twice within 30 s waits for the next code (codes are single use); the test
    # forgets the last used step instead of waiting.
    device.last_t = -1
    device.save(update_fields=["last_t"])
    page.goto(f"{live_server.url}/logg-inn/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", name="Bekreft at det er deg")).to_be_visible()
    return device


def enter_code(page, device: TOTPDevice) -> None:
    page.get_by_label("Kode").fill(authenticator_code(device))
    page.get_by_role("button", name="Fortsett").click()
    # Signed in: the step is gone and the header offers "Logg ut" (inside the closed menu on a phone).
    # Where the user lands is their start page (coordination.access.staff.staff_start_page).
    expect(page.get_by_role("heading", name="Bekreft at det er deg")).to_have_count(0)
    expect(page.get_by_role("button", name="Logg ut", include_hidden=True)).to_have_count(1)


def log_in(page, live_server, user, password: str = PASSWORD):
    enter_code(page, enter_password(page, live_server, user, password))


def open_menu(page) -> None:
    """At phone width the header's menu is a closed disclosure; open it as a person would (a tap)."""
    toggle = page.locator("summary.site-menu__toggle")
    if toggle.is_visible() and page.locator("details.site-menu[open]").count() == 0:
        toggle.click()


def log_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Logg ut").click()
