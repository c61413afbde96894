"""Accessibility in a real browser: axe-core's WCAG 2.1 A/AA rules on every main staff page, at phone
width (360 × 740) and at desktop width; no page scrolls sideways; the keyboard reaches the main
controls in order with a visible focus; the text is set in the design system's font."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Relative
from pathways import sweep
from pathways.models import Meeting, Transition
from tests import factories
from tests.browser.axe import axe_violations, describe, scrolls_sideways
from tests.browser.signing_in import enter_code, enter_password, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


@pytest.fixture
def caseload(cast):
    """Enough on every page for its tables, lists and tags to render: a plan with an overdue action
    (swept into reminders and an escalation), log entries, a meeting with an interpreter, a transition,
    a relative, and a few more youths on the list."""
    today = timezone.localdate()
    now = timezone.now()
    goal = factories.goal(cast.youth, cast.holder)
    factories.action(goal, cast.member)
    factories.action(
        goal,
        cast.holder,
        description="Oppfølgingssamtale med helsesykepleier om søvn og skolefravær",
        start_date=today - datetime.timedelta(days=60),
        evaluation_date=today - datetime.timedelta(days=30),
    )
    factories.log_entry(cast.youth, cast.member)
    factories.log_entry(cast.youth, cast.holder, kind="missed", text="Sara kom ikke til avtalt møte.")
    meeting = Meeting.objects.create(
        youth=cast.youth,
        title="Ansvarsgruppemøte",
        starts_at=now + datetime.timedelta(days=7),
        location="Charlottenlund vgs, møterom 2",
        interpreter_needed=True,
        interpreter_language="ar",
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    meeting.participants.set([cast.holder, cast.member])
    Transition.objects.create(
        youth=cast.youth,
        kind="turning_18",
        from_service="Barneverntjenesten",
        to_service="NAV Midtbyen",
        responsible=cast.holder,
        planned_date=today + datetime.timedelta(days=90),
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    Relative.objects.create(
        youth=cast.youth,
        name="Amina Ung",
        relation="Mor",
        has_parental_responsibility=True,
        phone="+47 400 00 000",
        preferred_language="ar",
        interpreter_needed=True,
        agency=cast.holder.agency,
    )
    for first_name, last_name, fields in (
        ("Ali", "Hassan", {"interpreter_needed": True, "interpreter_language": "so"}),
        ("Emma", "Berg", {}),
        ("Jonas", "Kristiansen-Lie", {}),
    ):
        factories.youth(holder=cast.holder, first_name=first_name, last_name=last_name, **fields)
    sweep.run()
    return cast


def _holder_pages(youth_id: int) -> list[tuple[str, str]]:
    youth = f"/ungdommer/{youth_id}"
    return [
        ("Mine ungdommer", "/ungdommer/"),
        ("Oversikt", f"{youth}/"),
        ("Plan", f"{youth}/plan/"),
        ("Logg", f"{youth}/logg/"),
        ("Team", f"{youth}/team/"),
        ("Møter", f"{youth}/moter/"),
        ("Overganger", f"{youth}/overganger/"),
        ("Samtykke", f"{youth}/samtykke/"),
        ("Tilgangslogg", f"{youth}/tilgangslogg/"),
        ("BTI-nivå", f"{youth}/niva/"),
        ("Nytt mål", f"{youth}/plan/mal/ny/"),
        ("Innboks", "/innboks/"),
        ("Stafetter til meg", "/stafetter/"),
        ("Sikkerhet", "/konto/sikkerhet/"),
    ]


TEAM_LEAD_PAGES = [
    ("Teamleder", "/teamleder/"),
    ("Eskaleringer", "/eskaleringer/"),
    ("Innboks (teamleder)", "/innboks/"),
]


# A table's scroll box is reached with Tab and says what it holds (axe checks this only when it overflows).
_UNNAMED_SCROLL_BOXES = """() => [...document.querySelectorAll('.table-scroll')].filter((box) => {
  const name = (box.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent.trim() || '').join(' ').trim();
  return box.getAttribute('tabindex') !== '0' || !name;
}).map((box) => box.outerHTML.slice(0, 120))"""


class _Audit:
    """Runs axe and the sideways-scroll check on each page and collects what fails."""

    def __init__(self, page):
        self.page = page
        self.counts: dict[str, int] = {}
        self.failures: list[str] = []

    def check(self, name: str) -> None:
        self.page.wait_for_load_state("networkidle")
        violations = axe_violations(self.page)
        self.counts[name] = sum(len(violation["nodes"]) for violation in violations)
        if violations:
            self.failures.append(f"{name} ({self.page.url}):\n{describe(violations)}")
        unnamed = self.page.evaluate(_UNNAMED_SCROLL_BOXES)
        if unnamed:
            self.failures.append(f"{name}: table boxes without tabindex=0 or a name: {unnamed}")
        if scrolls_sideways(self.page):
            width = self.page.evaluate("document.documentElement.scrollWidth")
            self.failures.append(f"{name} ({self.page.url}) scrolls sideways: {width} px wide")

    def visit(self, live_server, name: str, path: str) -> None:
        response = self.page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        self.check(name)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "desktop"])
def test_main_pages_have_no_serious_axe_violations_and_no_sideways_scroll(
    page, live_server, caseload, viewport
):
    page.set_viewport_size(viewport)
    audit = _Audit(page)

    device = enter_password(page, live_server, caseload.holder)
    audit.check("Tofaktor")
    enter_code(page, device)
    for name, path in _holder_pages(caseload.youth.pk):
        audit.visit(live_server, name, path)
        if viewport is PHONE and name in ("Mine ungdommer", "Oversikt"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            file = "mine-ungdommer-360.png" if name == "Mine ungdommer" else "ungdom-oversikt-360.png"
            page.screenshot(path=SCREENSHOTS / file, full_page=True)
    log_out(page)
    audit.check("Logg inn")

    log_in(page, live_server, caseload.team_lead)
    for name, path in TEAM_LEAD_PAGES:
        audit.visit(live_server, name, path)

    print(f"serious/critical axe nodes at {viewport['width']} px:", audit.counts)
    assert not audit.failures, "\n\n".join(audit.failures)


def test_the_header_menu_collapses_at_phone_width_and_needs_no_javascript(browser, live_server, caseload):
    context = browser.new_context(
        locale="nb-NO", timezone_id="Europe/Oslo", java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    try:
        log_in(page, live_server, caseload.team_lead)
        menu = page.get_by_role("navigation", name="Hovedmeny")
        expect(menu.get_by_role("link", name="Teamleder")).to_be_hidden()
        page.locator("summary.site-menu__toggle").focus()
        page.keyboard.press("Enter")
        expect(menu.get_by_role("link", name="Teamleder")).to_be_visible()
        targets = page.locator(".site-header a:visible, .site-header button:visible, .site-header summary")
        heights = {target.inner_text().strip(): target.bounding_box()["height"] for target in targets.all()}
        assert len(heights) >= 9
        assert min(heights.values()) >= 44, heights
        assert not scrolls_sideways(page)
        menu.get_by_role("link", name="Teamleder").click()
        expect(page.get_by_role("heading", name="Teamleder – Barneverntjenesten")).to_be_visible()
        log_out(page)

        log_in(page, live_server, caseload.holder)
        page.goto(f"{live_server.url}/ungdommer/{caseload.youth.pk}/")
        tabs = page.get_by_role("navigation", name="Ungdommens meny").get_by_role("link")
        assert tabs.count() == 10  # overview … transitions, individual plan, summary, consent, access log
        assert min(tab.bounding_box()["height"] for tab in tabs.all()) >= 44

        page.set_viewport_size(DESKTOP)
        expect(page.locator("summary.site-menu__toggle")).to_be_hidden()
        expect(menu.get_by_role("link", name="Mine ungdommer")).to_be_visible()
        expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    finally:
        context.close()


# Designsystemet draws a checkbox's focus ring around its whole field, so the field counts too.
_FOCUSED = """() => {
  const element = document.activeElement;
  const ringed = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
  };
  const field = element.closest('.ds-field');
  return {
    key: element.id || element.textContent.trim().replace(/\\s+/g, ' '),
    visible: ringed(element) || (field !== null && ringed(field)),
  };
}"""


def _tab_through(page, stops: int, *, until: str | None = None) -> list[str]:
    """Presses Tab up to `stops` times (or until `until` has focus); every element that gets focus must
    show it. Returns the focused elements in order (a date field's parts count once)."""
    order = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        assert focused["visible"], f"no visible focus on {focused['key']!r} after {order}"
        if not order or order[-1] != focused["key"]:
            order.append(focused["key"])
        if focused["key"] == until:
            break
    return order


def test_keyboard_reaches_the_main_controls_in_order_with_a_visible_focus(page, live_server, caseload):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, caseload.holder)
    page.goto(f"{live_server.url}/ungdommer/")
    assert _tab_through(page, 11) == [
        "Hopp til hovedinnholdet",
        "Stafett",
        "Meny",
        "Registrer ungdom",
        "id_q",
        "id_status",
        "id_level",
        "id_order",
        "id_mine",
        "Filtrer",
        "Berg, Emma",
    ]

    page.goto(f"{live_server.url}/ungdommer/{caseload.youth.pk}/logg/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link: on to the page's own content
    assert page.evaluate("document.activeElement.id") == "main"
    order = _tab_through(page, 40, until="Legg til i loggen")
    form = ["id_kind", "id_occurred_at", "id_category", "id_text", "Legg til i loggen"]
    assert order[-len(form) :] == form, order
    assert order[0] == "Mine ungdommer" and "Tilgangslogg" in order, order  # the youth's menu first


def test_text_is_set_in_the_design_systems_font(page, live_server):
    page.goto(f"{live_server.url}/logg-inn/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Inter Variable"')
    assert page.evaluate(
        "[...document.fonts].some((face) => face.family.replaceAll('\"', '') === 'Inter Variable'"
        " && face.status === 'loaded')"
    )
