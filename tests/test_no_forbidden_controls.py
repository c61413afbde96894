"""No page offers a control that answers 403, or a link that leads nowhere.

Templates show a link or a form only `{% if access.may.<action> %}`; views `require()` the same
predicate. This test holds the two together: it opens every youth page (and the personal and team-lead
pages) as each persona, follows every same-site link, and submits every form with the values the page
filled in, inside a transaction that is rolled back so nothing persists. A link must not answer 403 or
404 (a redirect is fine); a form must not answer 403.
"""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coordination.services.emergency import emergency_access_start
from coordination.services.youths import case_close
from pathways import sweep
from pathways.models import Meeting
from pathways.services.meetings import meeting_record_minutes
from tests import factories
from tests.test_url_access import _snapshot, youth_urls_by_name

# Forms in the page header that every page has and that end or change the session, not the youth.
HEADER_FORMS = {"set_language", "logout"}
PERSONAL_PAGES = ["/ungdommer/", "/innboks/", "/innboks/?vis=ferdige", "/stafetter/"]


@dataclass
class Form:
    method: str
    action: str | None
    data: dict[str, list[str]] = field(default_factory=dict)
    submit: tuple[str, str] | None = None

    def add(self, name: str | None, value: str) -> None:
        if name:
            self.data.setdefault(name, []).append(value)


class Controls(HTMLParser):
    """The links and forms of a page, with the values a browser would send for each form."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str | None, bool, list[tuple[str, bool]]] | None = None
        self._option: list | None = None  # [value or None, selected, text]
        self._textarea: list | None = None  # [name, text]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if "hx-get" in a:
            self.links.append(a["hx-get"])
        if tag == "form":
            self._form = Form(method=a.get("method", "get").lower(), action=a.get("action") or None)
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        kind = a.get("type", "text").lower()
        if tag == "input" and kind in ("submit", "image"):
            self._first_submit(a)
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in a:
                self._form.add(a.get("name"), a.get("value", "on"))
        elif tag == "input" and kind not in ("button", "reset", "file"):
            self._form.add(a.get("name"), a.get("value", ""))
        elif tag == "button" and kind == "submit":
            self._first_submit(a)
        elif tag == "select":
            self._select = (a.get("name"), "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value") if "value" in a else None, "selected" in a, ""]
        elif tag == "textarea":
            self._textarea = [a.get("name"), ""]

    def _first_submit(self, a: dict[str, str]) -> None:
        # The button the user presses: the first one, as Enter would.
        if self._form.submit is None:
            self._form.submit = (a.get("name", ""), a.get("value", ""))
            if a.get("name"):
                self._form.add(a["name"], a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option[2] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select[2].append((text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not multiple:
                chosen = [options[0][0]]  # a single select always sends one value
            for value in chosen:
                self._form.add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.add(self._textarea[0], self._textarea[1].removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self._form = None


def _same_site(page: str, href: str) -> str | None:
    """The path (and query) a link leads to on this site, or None for anchors and other sites."""
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urlsplit(urljoin("http://testserver" + page, href))
    if url.netloc != "testserver":
        return None
    return url.path + (f"?{url.query}" if url.query else "")


@dataclass
class World:
    cast: object
    youth_urls: dict[str, str]
    personas: dict
    team_lead_pages: list[str]


@pytest.fixture
def world(cast) -> World:
    """The cast's youth with something on every page: a goal with actions of the holder and of the
    member, entries by both, a missed appointment, a relative, a meeting with minutes and one without,
    an open handover to the member, lapsed follow-up that has reached the team lead, and emergency
    access of a colleague of the team lead (for the lead to review)."""
    youth, holder, member = cast.youth, cast.holder, cast.member
    urls = youth_urls_by_name(cast)
    today = timezone.localdate()
    goal = factories.goal(youth, holder)
    factories.action(goal, member, description="Leksehjelp to dager i uka")
    factories.action(
        goal,
        holder,
        description="Samtale om bolig",
        start_date=today - datetime.timedelta(days=90),
        evaluation_date=today - datetime.timedelta(days=40),
    )
    factories.log_entry(youth, member, text="Samtale på skolen.")
    factories.log_entry(youth, holder, kind="missed", text="Møtte ikke til avtalen.")
    youth.relatives.create(
        name="Amina Ung",
        relation="Mor",
        preferred_language="ar",
        interpreter_needed=True,
        agency=youth.originating_agency,
    )
    held = Meeting.objects.create(
        youth=youth,
        title="Oppstartsmøte",
        starts_at=timezone.now() - datetime.timedelta(days=7),
        is_digital=True,
        created_by=holder,
        agency=holder.agency,
    )
    meeting_record_minutes(actor=holder, meeting=held, minutes="Vi ble enige om en plan.")
    colleague = factories.staff(agency=holder.agency, username="colleague")
    factories.add_member(youth, colleague, role="Miljøterapeut")
    glass = emergency_access_start(actor=colleague, youth=youth, reason="Fare for liv og helse i natt")
    sweep.run()  # the overdue evaluation reaches the holder and the team lead
    lead_on_team = factories.staff(agency=holder.agency, username="lead_on_team", is_team_lead=True)
    factories.add_member(youth, lead_on_team, role="Enhetsleder")
    return World(
        cast=cast,
        youth_urls=urls,
        personas={
            "holder": holder,
            "member": member,
            "uncovered": cast.uncovered,
            "emergency": cast.uncovered,  # breaks the glass in the test
            "team_lead": cast.team_lead,
            "team_lead_on_team": lead_on_team,
        },
        team_lead_pages=["/teamleder/", "/eskaleringer/", reverse("emergency_review", args=[glass.pk])],
    )


class Walk:
    """Opens pages as one user and collects every control that answers what it must not."""

    def __init__(self, client):
        self.client = client
        self.problems: list[str] = []
        self.pages: list[str] = []
        self.followed: dict[str, int] = {}
        self.submitted: set[tuple] = set()
        self.skipped_forms = {reverse(name) for name in HEADER_FORMS}

    def page(self, url: str) -> None:
        response = self.client.get(url)
        if response.status_code != 200:
            return  # a page this user cannot open offers them nothing; its links are checked elsewhere
        if not response["Content-Type"].startswith("text/html"):
            return  # a download (a PDF) has no controls
        self.pages.append(url)
        controls = Controls(response.content.decode())
        for href in controls.links:
            target = _same_site(url, href)
            if target is not None:
                self._follow(url, target)
        for form in controls.forms:
            self._submit(url, form)

    def _follow(self, page: str, target: str) -> None:
        if target not in self.followed:
            self.followed[target] = self.client.get(target).status_code
        status = self.followed[target]
        if status in (403, 404):
            self.problems.append(f"{page} links to {target}, which answers {status}")

    def _submit(self, page: str, form: Form) -> None:
        target = _same_site(page, form.action or page)
        if target is None or urlsplit(target).path in self.skipped_forms:
            return
        key = (form.method, target, tuple(sorted((k, tuple(v)) for k, v in form.data.items())))
        if key in self.submitted:
            return
        self.submitted.add(key)
        if form.method != "post":
            status = self.client.get(target, form.data).status_code
            if status in (403, 404):
                self.problems.append(f"{page} has a search form to {target}, which answers {status}")
            return
        with transaction.atomic():
            status = self.client.post(target, form.data).status_code
            transaction.set_rollback(True)  # only the answer matters: nothing the form did persists
        if status in (403, 404):
            self.problems.append(f"{page} has a form posting to {target}, which answers {status}")


# Each persona on the active case, and on the closed case those who see it (fewer controls must
# show), with how many youth pages the walk must open at least: a walk that opens none proves nothing.
WALKS = [
    ("holder", "active", 25),
    ("holder", "closed", 15),
    ("member", "active", 15),
    ("member", "closed", 10),
    ("uncovered", "active", 1),  # the emergency access page only
    ("emergency", "active", 14),
    ("team_lead", "active", 0),  # not on the team: the team-lead pages only
    ("team_lead_on_team", "active", 14),
]


@pytest.mark.parametrize(("persona", "case", "min_youth_pages"), WALKS)
def test_no_page_shows_a_control_that_answers_403(world, client, login, persona, case, min_youth_pages):
    cast = world.cast
    user = world.personas[persona]
    if persona == "emergency":
        emergency_access_start(actor=user, youth=cast.youth, reason="Akutt bekymring for helsen hennes")
    if case == "closed":
        case_close(
            actor=cast.holder,
            youth=cast.youth,
            reason="goals_reached",
            explanation="Målene er nådd.",
            youth_view="Jeg klarer meg selv nå.",
        )
    login(user)
    before = _snapshot()
    walk = Walk(client)
    for url in world.youth_urls.values():
        walk.page(url)
    for url in PERSONAL_PAGES + (world.team_lead_pages if user.is_team_lead else []):
        walk.page(url)
    assert not walk.problems, "\n".join(walk.problems)
    youth_pages = [page for page in walk.pages if page.startswith(f"/ungdommer/{cast.youth.pk}/")]
    assert len(youth_pages) >= min_youth_pages, youth_pages
    assert _snapshot() == before  # every form was rolled back


def test_the_page_reader_sends_what_a_browser_would():
    html = """
    <a href="/a/">a</a><a href="#main">skip</a><a href="https://example.org/">away</a>
    <span hx-get="/badge/"></span>
    <form method="post" action="/f/">
      <input type="hidden" name="version" value="3"><input name="title" value="Møte">
      <input type="checkbox" name="is_digital"><input type="checkbox" name="youth_attends" checked>
      <input type="radio" name="user" value="1"><input type="radio" name="user" value="2" checked>
      <select name="kind"><option value="x">X</option><option value="y" selected>Y</option></select>
      <select name="level"><option value="0">0</option><option value="1">1</option></select>
      <textarea name="note">
Hei</textarea>
      <button type="submit" name="accept" value="1">Ja</button>
      <button type="submit" name="decline">Nei</button>
    </form>
    <form method="post"><input name="q"></form>
    """
    controls = Controls(html)
    links = [_same_site("/p/", href) for href in controls.links]
    assert links == ["/a/", None, None, "/badge/"]
    first, second = controls.forms
    assert first.data == {
        "version": ["3"],
        "title": ["Møte"],
        "youth_attends": ["on"],
        "user": ["2"],
        "kind": ["y"],
        "level": ["0"],
        "note": ["Hei"],
        "accept": ["1"],
    }
    assert (first.method, first.action, second.action) == ("post", "/f/", None)
