"""The demo's team lead dashboard and "Min dag" in a real browser, seeded by seed_demo itself (with
its reminder sweep): every panel filled, no serious axe violations, no sideways scroll on a phone.
Saves the README's screenshots to docs/screenshots/ (teamleder.png at desktop width, down to the staff
table; min-dag-360.png at phone width)."""

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from coordination.demo.logins import DEMO_PASSWORD
from coordination.models import User
from tests.browser.axe import axe_violations, describe, scrolls_sideways
from tests.browser.signing_in import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def demo(settings):
    settings.SYNTHETIC_NATIONAL_IDS = True
    call_command("seed_demo", youths=60, verbosity=0)


def _sections(page) -> dict[str, str]:
    """Each section's heading and its text."""
    return {
        section.get_by_role("heading").first.inner_text(): section.inner_text()
        for section in page.locator("main section:has(h2)").all()
    }


def test_the_demo_team_leads_dashboard_at_desktop_width(page, live_server, demo):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server, User.objects.get(username="leder.barnevern"), DEMO_PASSWORD)
    page.goto(f"{live_server.url}/teamleder/")
    expect(page.get_by_role("heading", name="Teamleder – Barneverntjenesten i Trondheim")).to_be_visible()
    counts = [int(n) for n in page.locator(".figure__count").all_inner_texts()]
    assert len(counts) == 8 and 0 not in counts, counts
    sections = _sections(page)
    assert "Solheim" in sections["Nødtilgang som skal gjennomgås"]
    assert "Nødtilganger" in sections["Uvanlig bruk av tilgang de siste 7 dagene"]
    assert "Johansen, Ida" in sections["Skjult for ungdommen"]
    assert "Deaktivert" in sections["Ansatte og saksmengde"]
    violations = axe_violations(page)
    assert not violations, describe(violations)
    # Down to the staff table: every panel, without the long list of youths below it.
    staff = page.locator("section[aria-labelledby=staff-heading]").bounding_box()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=SCREENSHOTS / "teamleder.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": staff["y"] + staff["height"] + 24},
    )


def test_the_demo_caseworkers_day_at_phone_width(page, live_server, demo):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, User.objects.get(username="kari.nordmann"), DEMO_PASSWORD)
    page.goto(f"{live_server.url}/min-dag/")
    sections = page.locator("main section")
    for heading in ("Evalueringer", "Møter denne uka", "Påminnelser", "For lenge uten kontakt"):
        section = sections.filter(has=page.get_by_role("heading", name=heading, exact=True))
        expect(section.locator("li").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert not scrolls_sideways(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "min-dag-360.png", full_page=True)
