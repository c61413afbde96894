"""A youth's own Stafett in a real browser at phone size (360 × 740), keyboard only: log in with the
code from the SMS, read the plan, add their view to an evaluation, withdraw a consent (the school loses
the youth on its very next request), see who has looked. Saves screenshots of the youth pages to
docs/screenshots/ (my-plan.png, my-consents.png, who-has-looked.png)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coordination.accounts import sms
from coordination.models import Consent, RelativeSharing
from pathways.models import LogEntry
from tests.browser.axe import axe_violations, describe, scrolls_sideways
from tests.pathways.test_my_stafett import build_case, relative_account, youth_account

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 360, "height": 740}
YOUTH_PAGES = (
    "/min/",
    "/min/logg/",
    "/min/individuell-plan/",
    "/min/samtykker/",
    "/min/innsyn/",
    "/min/skriv/",
    "/min/mine-data/",
)
GUARDIAN_PAGES = ("/min/", "/min/individuell-plan/", "/min/mine-data/")


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="nb-NO", timezone_id="Europe/Oslo", viewport=PHONE, device_scale_factor=1, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert violations == []


def _focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, limit: int = 150) -> None:
    """Presses Tab until the element has the focus, as a keyboard user would."""
    for _ in range(limit):
        if _focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


class _Audit:
    """axe and the sideways-scroll check on each page; what fails is collected, not raised at once."""

    def __init__(self, page):
        self.page = page
        self.failures: list[str] = []

    def check_url(self, live_server, url: str) -> None:
        response = self.page.goto(f"{live_server.url}{url}")
        if response.status != 200:
            self.failures.append(f"{url} answered {response.status}")
            return
        if violations := axe_violations(self.page):
            self.failures.append(f"{url}:\n{describe(violations)}")
        if scrolls_sideways(self.page):
            self.failures.append(f"{url} scrolls sideways")


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def _screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_a_youth_on_a_phone_with_the_keyboard_only(phone_page, live_server, cast, client, login):
    page = phone_page
    youth_user = youth_account(cast.youth, phone="+4791234567")
    case = build_case(cast)
    consent = cast.youth.consents.get()
    login(cast.member)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 200  # also a row in the access log

    # Log in with the code from the SMS.
    page.goto(f"{live_server.url}/min/logg-inn/")
    expect(page.get_by_role("heading", name="Logg inn på Min Stafett")).to_be_visible()
    expect(page.get_by_label("Mobilnummeret eller e-posten din")).to_be_focused()
    page.keyboard.type("912 34 567")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Skriv inn koden")).to_be_visible()
    code = re.search(r"\b(\d{6})\b", sms.outbox[-1]["text"]).group(1)
    expect(page.get_by_label("Koden du fikk")).to_be_focused()
    page.keyboard.type(code)
    page.keyboard.press("Enter")

    # Read the plan.
    expect(page.get_by_role("heading", name="Hei, Sara!")).to_be_visible()
    expect(page.get_by_text("“Jeg vil sove bedre om natta”")).to_be_visible()
    expect(page.get_by_text("Sara møtte opp på skolen hele uka.").first).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_have_count(0)
    _no_sideways_scroll(page)
    _screenshot(page, "my-plan.png")

    # Add my view to the evaluation.
    evaluation = page.locator(f"#evaluation-{case['evaluation'].pk}")
    tab_to(page, evaluation.get_by_label("Hva synes du?"))
    page.keyboard.type("Jeg vil ha timen før skolen, ikke etter.")
    page.keyboard.press("Tab")
    expect(evaluation.get_by_role("button", name="Legg til det jeg mener")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Takk! Det du mener er lagret")).to_be_visible()
    expect(page.locator(f"#evaluation-{case['evaluation'].pk}")).to_contain_text("Du skrev")
    assert LogEntry.objects.get(kind="youth_view").text == "Jeg vil ha timen før skolen, ikke etter."

    # Withdraw a consent.
    menu = page.get_by_role("navigation", name="Min Stafett")
    tab_to(page, menu.get_by_role("link", name="Samtykker"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Mine samtykker")).to_be_visible()
    _no_sideways_scroll(page)
    _screenshot(page, "my-consents.png")
    tab_to(page, page.get_by_role("button", name="Trekk tilbake dette samtykket nå"))
    page.keyboard.press("Space")
    expect(page.get_by_text("Samtykket er trukket tilbake.")).to_be_visible()
    assert Consent.objects.get(pk=consent.pk).state == "withdrawn"
    # The school loses the youth on its very next request.
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404

    # Who has looked.
    tab_to(page, page.get_by_role("navigation", name="Min Stafett").get_by_role("link", name="Hvem har sett"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Hvem har sett på saken min")).to_be_visible()
    expect(page.get_by_text("Per Lærer, Charlottenlund vgs åpnet oversikten over saken din.")).to_be_visible()
    _no_sideways_scroll(page)
    _screenshot(page, "who-has-looked.png")

    # The other youth pages do not scroll sideways either.
    for url in ("/min/logg/", "/min/skriv/", "/min/logg-inn/"):
        page.goto(f"{live_server.url}{url}")
        _no_sideways_scroll(page)
    assert youth_user.pk


def _sign_in_with_a_code(page, live_server, user) -> None:
    """Min Stafett's own login: the mobile number, then the code from the SMS."""
    page.goto(f"{live_server.url}/min/logg-inn/")
    page.get_by_label("Mobilnummeret eller e-posten din").fill(user.phone)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Skriv inn koden")).to_be_visible()
    page.get_by_label("Koden du fikk").fill(re.search(r"\b(\d{6})\b", sms.outbox[-1]["text"]).group(1))
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Min Stafett")).to_be_visible()


def test_every_youth_and_guardian_page_passes_axe_at_phone_width(phone_page, live_server, cast):
    """axe's WCAG 2.1 A/AA rules and no sideways scroll on every page of Min Stafett, as the youth
    and as a guardian, with a case that fills every section."""
    page = phone_page
    youth_user = youth_account(cast.youth)
    build_case(cast)
    relative = relative_account(cast.youth, cast.holder)
    RelativeSharing.objects.update_or_create(
        relative=relative, defaults={"plan": True, "meetings": True, "transitions": True}
    )
    guardian = relative.account
    audit = _Audit(page)
    audit.check_url(live_server, "/min/logg-inn/")
    _sign_in_with_a_code(page, live_server, youth_user)
    for url in YOUTH_PAGES:
        audit.check_url(live_server, url)
    page.context.clear_cookies()
    _sign_in_with_a_code(page, live_server, guardian)
    for url in GUARDIAN_PAGES:
        audit.check_url(live_server, url)
    assert not audit.failures, "\n\n".join(audit.failures)
