"""Hostile input to every form and POST endpoint, as a user who may use them: never a 500, nothing
half-saved when the answer is a form error, and what was sent is escaped wherever it is shown.

Property-based (hypothesis). Each endpoint starts from a plausible, filled-in form (read from its page)
and gets some fields replaced by hostile values, so both the validation and the services behind a
valid-looking form are exercised. Bounded to a few hundred requests so the suite stays fast.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import factories
from tests.test_url_access import all_patterns, youth_urls_by_name

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = [
    "",
    " ",
    "\x00",
    "ok\x00ok",
    "A" * 100_000,
    SCRIPT,
    IMG,
    "' OR 1=1 --",
    "'; DROP TABLE coordination_youth; --",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2024-02-30",
    "9999-99-99",
    "0000-00-00",
    "2024-13-01T25:61",
    "31.12.2024",
    "../../etc/passwd",
    "%00",
    "\u202eevil\u202c",
    "😀" * 500,
    "true",
    "on",
    "null",
    "{}",
]
# Data of the domain; sessions and the security tables change on their own.
DOMAIN_APPS = ("coordination", "pathways")
NOT_DOMAIN = {"UserSession", "Heartbeat", "AccessLogEntry"}  # the access log grows on every request
FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))


class _FormReader(HTMLParser):
    """Collects the fields of the page's own POST forms (not the header's language and logout forms)
    with plausible values: what a user filling in the form would send."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_post_form = False
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            own = attrs.get("action") not in ("/sprak/", "/logg-ut/")
            self._in_post_form = own and (attrs.get("method") or "").lower() == "post"
        elif not self._in_post_form:
            return
        elif tag == "option" and self._select and attrs.get("value"):
            if not self.fields.get(self._select) or "selected" in attrs:
                self.fields[self._select] = attrs["value"]
        elif name in (None, "csrfmiddlewaretoken"):
            return
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio"):
            if "checked" in attrs:
                self.fields.setdefault(name, attrs.get("value", "on"))
        elif tag == "input":
            self.fields.setdefault(name, attrs.get("value") or _filler(name, attrs.get("type", "text")))
        elif tag == "textarea":
            self.fields.setdefault(name, "Skrevet med ungdommens egne ord.")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_post_form = False


def _filler(name: str, input_type: str) -> str:
    now = timezone.localtime()
    if name == "birth_date":
        return now.date().replace(year=now.year - 16, day=1).isoformat()
    if name == "national_id":
        return ""
    return {
        "date": (now + datetime.timedelta(days=14)).date().isoformat(),
        "datetime-local": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "number": "7",
        "email": "ung@example.no",
    }.get(input_type, "Tekst")


def _snapshot() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
        if model.__name__ not in NOT_DOMAIN
    }


def _values(foreign_ids: list[str]):
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=300),
        st.integers().map(str),
        st.dates().map(str),
        st.sampled_from(foreign_ids),
    )


def _assert_escaped(html: str) -> None:
    assert SCRIPT not in html and "<img src=x" not in html


# The POST endpoints: every youth URL by name (some answer 405, which is fine), and the own-data and
# public forms. Read from the URLconf, so a new youth URL is fuzzed without touching this file.
YOUTH_ROUTES = sorted(pattern.name for route, pattern in all_patterns() if "youth_id" in route)
OTHER_ENDPOINTS = ["/ungdommer/ny/", "/sprak/", "/konto/sikkerhet/", "/konto/passord/", "/logg-inn/"]


@pytest.fixture
def world(cast, client, login):
    """The holder's youth with one of everything, another team's youth (ids to smuggle in), logged in."""
    other = factories.youth(holder=cast.outsider)
    goal = factories.goal(other, cast.outsider)
    foreign_ids = [str(pk) for pk in (other.pk, goal.pk, factories.action(goal, cast.outsider).pk)]
    foreign_ids += [str(cast.outsider.pk), str(cast.admin.pk)]
    urls = youth_urls_by_name(cast)
    login(cast.holder)
    return urls, foreign_ids


@pytest.mark.parametrize("target", [*YOUTH_ROUTES, *OTHER_ENDPOINTS])
@FUZZ
@given(data=st.data())
def test_hostile_posts_never_break_or_half_save(client, world, target, data):
    urls, foreign_ids = world
    url = urls.get(target, target)
    # Every example starts from the same data: what one example saved is rolled back before the next,
    # so the form read from the page (and hypothesis' draws from it) are the same each time.
    with transaction.atomic():
        _post_hostile(client, url, foreign_ids, data)
        transaction.set_rollback(True)


def _post_hostile(client, url: str, foreign_ids: list[str], data) -> None:
    reader = _FormReader()
    page = client.get(url)
    # A download (PDF, JSON, zip) has no form to read; it still gets the hostile POSTs.
    if page.get("Content-Type", "").startswith("text/html"):
        reader.feed(page.content.decode())
    base = reader.fields or {"user": "", "role": "Tekst", "name": "Tekst", "relation": "Mor", "note": "Tekst"}
    hostile_fields = data.draw(st.lists(st.sampled_from([*sorted(base), "id", "youth"]), unique=True))
    payload = {**base, **{name: data.draw(_values(foreign_ids), label=name) for name in hostile_fields}}

    before = _snapshot()
    response = client.post(url, payload)  # the test client re-raises any server error
    assert response.status_code < 500, (url, response.status_code)
    if response.has_header("Content-Disposition"):
        return  # a valid form that answers with a file (an export): done, nothing saved but the access log
    if response.status_code != 302:
        assert _snapshot() == before, (url, "data changed although the form was refused")
    html = response.content.decode(errors="replace")
    is_page = response.get("Content-Type", "").startswith("text/html")  # not a download made on request
    if (
        response.status_code == 200 and is_page and url != "/konto/sikkerhet/"
    ):  # (that page answers a POST with new codes)
        assert "ds-error-summary" in html or 'role="alert"' in html, (url, "refused without saying why")
    if response.status_code == 302 and response["Location"].startswith("/ungdommer/"):
        html = client.get(response["Location"]).content.decode()
    _assert_escaped(html)


def test_the_post_fuzz_covers_every_youth_url(cast):
    assert set(youth_urls_by_name(cast)) == set(YOUTH_ROUTES)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    url=st.sampled_from(["/ungdommer/", "/stafetter/", "/ungdommer/{youth}/logg/", "/helse/web/"]),
    query=st.dictionaries(
        st.sampled_from(["q", "status", "level", "mine", "order", "page", "next"]),
        st.one_of(st.sampled_from(HOSTILE), st.text(max_size=100)),
    ),
)
def test_hostile_query_strings_are_harmless(cast, client, login, url, query):
    login(cast.holder)
    response = client.get(url.format(youth=cast.youth.pk), query)
    assert response.status_code == 200, (url, query)
    _assert_escaped(response.content.decode())


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(token=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=50)))
def test_hostile_second_factor_codes_are_refused(cast, client, token):
    client.force_login(cast.member)
    device, _created = TOTPDevice.objects.get_or_create(
        user=cast.member, name="authenticator", defaults={"confirmed": True}
    )
    device.throttle_reset()
    response = client.post("/logg-inn/tofaktor/", {"token": token})
    assert response.status_code == 200
    _assert_escaped(response.content.decode())
