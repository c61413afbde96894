"""Signing in through the real login page and the real second-factor step, as a person would."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import PASSWORD


def authenticator_code(device: TOTPDevice) -> str:
    """What the user's authenticator app shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(page, live_server, user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True
    )
    # A person signing in twice within 30 s waits for the next code (codes are single use); the test
    # forgets the last used step instead of waiting.
    device.last_t = -1
    device.save(update_fields=["last_t"])
    page.goto(f"{live_server.url}/logg-inn/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", name="Bekreft at det er deg")).to_be_visible()
    page.get_by_label("Kode").fill(authenticator_code(device))
    page.get_by_role("button", name="Fortsett").click()
    expect(page.get_by_role("heading", name="Mine ungdommer")).to_be_visible()
