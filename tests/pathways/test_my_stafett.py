"""A youth's own Stafett through the test client: the plan in plain words, lysglimt first, their own
view and words, who has looked; only their own record, and never a staff page (nor staff theirs)."""

import datetime
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from coordination.accounts.models import SMSDevice
from coordination.models import AccessLogEntry, InformationCategory, Relative, User
from coordination.services.emergency import emergency_access_start
from pathways.models import Evaluation, LogEntry, Lysglimt, Meeting, Transition
from pathways.services.voice import entry_withhold, lysglimt_mark
from tests import factories
from tests.test_url_access import youth_urls_by_name

_numbers = iter(range(91000000, 99999999, 7))


# Personas and a case with something in every section --------------------------------------------------


def youth_account(youth, **fields) -> User:
    """The youth's own login (as an accepted invitation leaves it)."""
    user = User.objects.create(
        username=f"youth-{youth.pk}",
        kind="youth",
        first_name=youth.first_name,
        last_name=youth.last_name,
        phone=fields.pop("phone", f"+47{next(_numbers)}"),
        language_chosen=fields.pop("language_chosen", True),
        **fields,
    )
    user.set_unusable_password()
    user.save()
    youth.account = user
    youth.save(update_fields=["account"])
    return user


def relative_account(youth, writer, *, guardian: bool = True, name: str = "Mona Ung", **fields) -> Relative:
    """A relative of the youth with their own login."""
    user = User.objects.create(
        username=f"relative-{next(_numbers)}",
        kind="relative",
        first_name=name.split()[0],
        phone=f"+47{next(_numbers)}",
        language_chosen=True,
    )
    return Relative.objects.create(
        youth=youth,
        name=name,
        relation=fields.pop("relation", "Mor" if guardian else "Kjæreste"),
        has_parental_responsibility=guardian,
        agency=writer.agency,
        account=user,
        **fields,
    )


def sign_in(client, user: User):
    """Signed in as after a right one-time code: the SMS device is the verified factor."""
    client.force_login(user)
    device = SMSDevice.objects.create(
        user=user, number=user.phone or "+4790000000", name="sms", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def build_case(cast) -> dict:
    """A goal, an open step, an evaluation, a meeting with an interpreter, a transition, and log
    entries (one a lysglimt), written by the stafettholder and the school."""
    now = timezone.now()
    goal = factories.goal(cast.youth, cast.holder, description="Jeg vil sove bedre om natta")
    action = factories.action(goal, cast.member, description="Samtale med helsesykepleier hver uke")
    evaluation = Evaluation.objects.create(
        action=action,
        outcome="partly",
        assessment="Det går litt bedre med søvnen.",
        youth_view="Jeg sovner fortere nå.",
        next_step="continue",
        evaluated_by=cast.member,
        agency=cast.member.agency,
    )
    meeting = Meeting.objects.create(
        youth=cast.youth,
        title="Ansvarsgruppemøte om skolen",
        starts_at=now + datetime.timedelta(days=3),
        location="Charlottenlund vgs, rom 204",
        interpreter_needed=True,
        interpreter_language="ar",
        interpreter_booked=True,
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    meeting.participants.set([cast.holder, cast.member])
    transition = Transition.objects.create(
        youth=cast.youth,
        kind="turning_18",
        to_service="Voksenpsykiatrien",
        responsible=cast.holder,
        planned_date=timezone.localdate() + datetime.timedelta(days=200),
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    entry = factories.log_entry(cast.youth, cast.holder, text="Sara møtte opp på skolen hele uka.")
    lysglimt_mark(actor=cast.holder, entry=entry)
    other = factories.log_entry(cast.youth, cast.member, text="Samtale om timeplanen.", category="school")
    return {
        "goal": goal,
        "action": action,
        "evaluation": evaluation,
        "meeting": meeting,
        "transition": transition,
        "entry": entry,
        "other": other,
    }


@pytest.fixture
def youth_user(cast) -> User:
    cast.holder.phone, cast.holder.email = "+4790011223", "kari@kommune.no"
    cast.holder.save(update_fields=["phone", "email"])
    return youth_account(cast.youth)


@pytest.fixture
def case(cast) -> dict:
    return build_case(cast)


# Min plan ------------------------------------------------------------------------------------------


def test_the_youth_reads_their_plan_in_plain_words_lysglimt_first(cast, youth_user, case, client):
    html = sign_in(client, youth_user).get("/min/").content.decode()
    for text in (
        "Jeg vil sove bedre om natta",  # my goal, in my words
        "Samtale med helsesykepleier hver uke",  # the next step
        "Per Lærer, Charlottenlund vgs",  # who is responsible: name and agency
        "Det går litt bedre med søvnen.",  # the evaluation
        "Ansvarsgruppemøte om skolen",
        "Charlottenlund vgs, rom 204",
        "Tolk (Arabisk) er bestilt.",
        "Kari Nordmann",
        "tel:+4790011223",
        "mailto:kari@kommune.no",
        "Du fyller 18.",
        "Voksenpsykiatrien",
    ):
        assert text in html, text
    # The log has a page of its own, linked from the plan.
    assert 'href="/min/logg/"' in html and "Samtale om timeplanen." not in html
    log = client.get("/min/logg/").content.decode()
    assert "Samtale om timeplanen." in log and "Sara møtte opp på skolen hele uka." in log
    # Lysglimt come first, the stafettholder first on the team.
    assert html.index("Sara møtte opp på skolen hele uka.") < html.index("Jeg vil sove bedre om natta")
    team = html[html.index('id="team-heading"') :]
    assert team.index("Kari Nordmann") < team.index("Per Lærer")
    assert "Stafettholder" in team[: team.index("Per Lærer")]


def test_citizens_get_the_youth_menu_and_never_the_staff_menu(cast, youth_user, client):
    html = sign_in(client, youth_user).get("/min/").content.decode()
    assert 'aria-label="Min Stafett"' in html
    for label in ("Min plan", "Samtykker", "Hvem har sett", "Skriv"):
        assert f">{label}</a>" in html, label
    assert "Mine ungdommer" not in html and "/innboks/" not in html and "Hovedmeny" not in html


def test_youth_visible_content_excludes_withheld_entries_and_nothing_else(cast, youth_user, client):
    """Entries of every category and agency (also ones no consent covers) reach the youth; a
    withholding hides exactly that entry."""
    writers = (cast.holder, cast.member, cast.uncovered, cast.outsider)
    texts = []
    for category in InformationCategory.values:
        for writer in writers:
            text = f"Notat {category} fra {writer.username}"
            entry = factories.log_entry(cast.youth, writer, text=text, category=category)
            texts.append((entry, text))
    withheld, withheld_text = texts[5]
    entry_withhold(actor=withheld.author, entry=withheld, reason="third_party")
    seen = ""
    sign_in(client, youth_user)
    for number in (1, 2):
        seen += client.get(f"/min/logg/?page={number}").content.decode()
    missing = [text for entry, text in texts if text not in seen and entry != withheld]
    assert missing == []
    assert withheld_text not in seen


def test_the_youth_adds_their_view_to_an_evaluation_and_sees_it_as_theirs(cast, youth_user, case, client):
    sign_in(client, youth_user)
    evaluation = case["evaluation"]
    response = client.post(
        f"/min/evaluering/{evaluation.pk}/mitt-syn/", {"text": "Jeg vil ha timen før skolen."}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#evaluation-{evaluation.pk}")
    view = LogEntry.objects.get(kind="youth_view")
    assert (view.evaluation, view.author, view.agency) == (evaluation, youth_user, None)
    html = client.get("/min/").content.decode()
    assert "Du skrev" in html and "Jeg vil ha timen før skolen." in html
    # Nothing to say is refused in plain words, and nothing is stored.
    client.post(f"/min/evaluering/{evaluation.pk}/mitt-syn/", {"text": "  "})
    assert LogEntry.objects.filter(kind="youth_view").count() == 1


def test_lysglimt_a_note_and_a_mark(cast, youth_user, case, client):
    sign_in(client, youth_user)
    client.post("/min/lysglimt/", {"text": "Jeg var på trening to ganger!"})
    note = LogEntry.objects.get(kind="lysglimt")
    assert Lysglimt.objects.filter(entry=note, marked_by=youth_user).exists()
    # Marked on the second page of the log, the youth is sent back to that page, at that entry.
    response = client.post(f"/min/logg/{case['other'].pk}/lysglimt/", {"page": "2"})
    assert response.url == f"/min/logg/?page=2#entry-{case['other'].pk}"
    assert Lysglimt.objects.filter(entry=case["other"], marked_by=youth_user).exists()
    # A page number that is no number is dropped, not sent on.
    for hostile in ("2#x?", "²", "9" * 40):
        response = client.post(f"/min/logg/{note.pk}/lysglimt/", {"page": hostile})
        assert response.url == f"/min/logg/#entry-{note.pk}", hostile
    html = client.get("/min/").content.decode()
    lysglimt = html[html.index('id="lysglimt"') : html.index('id="goals-heading"')]
    assert "Jeg var på trening to ganger!" in lysglimt and "Samtale om timeplanen." in lysglimt


def test_the_youth_writes_to_the_team_and_suggests_a_goal(cast, youth_user, client):
    sign_in(client, youth_user)
    assert client.post("/min/skriv/melding/", {"text": "Kan vi flytte møtet?"}).status_code == 302
    assert client.post("/min/skriv/mal/", {"text": "Jeg vil begynne på fotball"}).status_code == 302
    kinds = set(LogEntry.objects.filter(author=youth_user).values_list("kind", flat=True))
    assert kinds == {"youth_msg", "goal_idea"}
    html = client.get("/min/skriv/").content.decode()
    wrote = html[html.index('id="you-wrote"') :]
    assert "Kan vi flytte møtet?" in wrote and "Jeg vil begynne på fotball" in wrote
    # An empty message stays on the page with the reason.
    response = client.post("/min/skriv/melding/", {"text": ""})
    assert response.status_code == 200 and "ds-error-summary" in response.content.decode()


def test_who_has_looked_in_plain_words_with_the_reason_for_emergency_access(cast, youth_user, client, login):
    login(cast.member)
    client.get(f"/ungdommer/{cast.youth.pk}/")
    client.get(f"/ungdommer/{cast.youth.pk}/logg/")
    emergency_access_start(actor=cast.uncovered, youth=cast.youth, reason="Sara er savnet, vi må finne henne")
    AccessLogEntry.objects.create(
        user=cast.holder,
        agency=cast.holder.agency,
        role="holder",
        youth=cast.youth,
        action="view",
        what="x_y",
    )
    sign_in(client, youth_user)
    client.get("/min/")  # the youth's own reading is not listed
    html = client.get("/min/innsyn/").content.decode()
    assert "Per Lærer</strong>, Charlottenlund vgs åpnet oversikten over saken din." in html
    assert "leste loggen" in html
    assert "Sara er savnet, vi må finne henne" in html and "Nødtilgang" in html
    assert "så på saken din" in html  # a page it does not know
    assert youth_user.get_full_name() not in html.split('id="main"')[1]


def test_who_has_looked_is_paginated(cast, youth_user, client):
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=cast.member,
            agency=cast.member.agency,
            role="member",
            youth=cast.youth,
            action="view",
            what="plan",
        )
        for _ in range(55)
    )
    sign_in(client, youth_user)
    first = client.get("/min/innsyn/").content.decode()
    assert first.count("så på planen din") == 50 and "Side 1 av 2" in first
    assert client.get("/min/innsyn/?page=2").content.decode().count("så på planen din") == 5


# Only their own record -----------------------------------------------------------------------------


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":
                yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _audience(callback) -> str:
    if getattr(callback, "access_rule", None) == "public":
        return "public"
    return getattr(callback, "audience", None) or getattr(
        getattr(callback, "view_class", None), "audience", "staff"
    )


def _fill(route: str, ids: dict) -> str:
    return "/" + re.sub(r"<(?:int|id|str):(\w+)>", lambda m: str(ids.get(m.group(1), 1)), route)


def my_urls(ids: dict) -> list[tuple[str, str]]:
    """(method, URL) of every citizen page in the URLconf, with the given ids."""
    urls = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if _audience(pattern.callback) == "citizen":
            url = _fill(route, ids)
            urls.append(("get", url))
            urls.append(("post", url))
    return urls


def ids_of(youth, writer) -> dict:
    """Real ids of one youth's evaluation, log entry, consent and relative."""
    goal = factories.goal(youth, writer)
    action = factories.action(goal, writer)
    evaluation = Evaluation.objects.create(
        action=action,
        outcome="partly",
        assessment="-",
        youth_view="-",
        next_step="continue",
        evaluated_by=writer,
        agency=writer.agency,
    )
    entry = factories.log_entry(youth, writer)
    consent = youth.consents.first() or factories.consent(youth, writer, {(writer.agency_id, "general")})
    relative = Relative.objects.filter(youth=youth).first() or Relative.objects.create(
        youth=youth, name="Onkel", relation="Onkel", agency=writer.agency
    )
    return {
        "evaluation_id": evaluation.pk,
        "entry_id": entry.pk,
        "consent_id": consent.pk,
        "relative_id": relative.pk,
    }


def test_the_urlconf_has_the_citizen_pages_under_min(cast):
    routes = [url for _method, url in my_urls({}) if _method == "get"]
    assert len(routes) >= 13
    assert all(url.startswith("/min/") for url in routes)


@pytest.mark.parametrize("who", ["youth", "guardian"])
def test_every_my_url_with_another_youths_ids_is_404(cast, youth_user, client, who):
    guardian = relative_account(cast.youth, cast.holder)
    other = factories.youth(holder=cast.outsider, first_name="Annen")
    factories.consent(other, cast.outsider, {(cast.outsider.agency_id, "general")})
    foreign = ids_of(other, cast.outsider)
    before = (LogEntry.objects.count(), Lysglimt.objects.count(), other.consents.get().state)
    sign_in(client, youth_user if who == "youth" else guardian.account)
    answers = {}
    for method, url in my_urls(foreign):
        if not any(f"/{value}/" in url for value in foreign.values()):
            continue  # no id in it
        answers[(method, url)] = getattr(client, method)(url).status_code
    assert answers and set(answers.values()) <= {404, 405}, answers
    assert {status for (method, _url), status in answers.items() if method == "post"} == {404}
    # Naming another youth in the query is 404 too.
    assert client.get(f"/min/?ung={other.pk}").status_code == 404
    assert client.get("/min/?ung=abc").status_code == 404
    assert (LogEntry.objects.count(), Lysglimt.objects.count(), other.consents.get().state) == before


def test_every_staff_url_is_404_for_a_youth_and_a_guardian(cast, youth_user, client):
    guardian = relative_account(cast.youth, cast.holder)
    ids = {**youth_urls_ids(cast), "reminder_id": 1, "emergency_id": 1}
    staff_urls = [
        _fill(route, ids)
        for route, pattern in _walk(get_resolver().url_patterns)
        if _audience(pattern.callback) == "staff"
    ]
    assert len(staff_urls) > 40
    for user in (youth_user, guardian.account):
        sign_in(client, user)
        wrong = {url: client.get(url).status_code for url in staff_urls}
        wrong = {url: status for url, status in wrong.items() if status != 404}
        assert wrong == {}, user.kind
        posted = {url: client.post(url).status_code for url in staff_urls}
        assert set(posted.values()) == {404}, user.kind


def youth_urls_ids(cast) -> dict:
    urls = youth_urls_by_name(cast)  # creates one of each object of the youth
    ids = {"youth_id": cast.youth.pk}
    ids["goal_id"] = int(urls["goal_edit"].split("/")[-3])
    ids["action_id"] = int(urls["action_edit"].split("/")[-3])
    ids["entry_id"] = int(urls["correction_new"].split("/")[-3])
    ids["meeting_id"] = int(urls["meeting_edit"].split("/")[-3])
    ids["transition_id"] = int(urls["transition_edit"].split("/")[-3])
    ids["consent_id"] = int(urls["consent_event_new"].split("/")[-3])
    ids["handover_id"] = int(urls["handover_answer"].split("/")[-3])
    ids["membership_id"] = int(urls["team_member_leave"].split("/")[-3])
    return ids


def test_staff_get_404_on_every_my_page(cast, youth_user, case, client, login):
    ids = ids_of(cast.youth, cast.holder)
    login(cast.holder)
    answers = {(method, url): getattr(client, method)(url).status_code for method, url in my_urls(ids)}
    assert set(answers.values()) == {404}, answers


def test_a_relative_has_no_consent_log_or_writing_pages(cast, youth_user, client):
    guardian = relative_account(cast.youth, cast.holder)
    sign_in(client, guardian.account)
    assert client.get("/min/").status_code == 200
    for url in ("/min/logg/", "/min/samtykker/", "/min/innsyn/", "/min/skriv/"):
        assert client.get(url).status_code == 404, url
    assert client.post("/min/skriv/melding/", {"text": "Hei"}).status_code == 404
    assert client.post("/min/lysglimt/", {"text": "Hei"}).status_code == 403
    assert not LogEntry.objects.filter(author=guardian.account).exists()
