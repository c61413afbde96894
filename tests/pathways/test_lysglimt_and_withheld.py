"""Staff on the log page: marking an entry as a lysglimt, writing a short lysglimt, and keeping an entry
from the youth with a reason (logged, listed for the team lead without the text, and really hidden
from the youth)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coordination.access.citizens import PARTS, CitizenAccess
from coordination.access.staff import ALL_CATEGORIES
from coordination.models import AccessLogEntry, AccountKind, User
from coordination.services.youths import case_close
from pathways.models import LogEntry, LogEntryKind, Lysglimt, Withholding
from pathways.services import dashboards
from pathways.services.voice import entry_withhold, youth_message_send
from tests import factories


@pytest.fixture
def entries(cast):
    """An entry by the member (school, general: the team sees it) and one by the holder."""
    school = factories.log_entry(cast.youth, cast.member, text="Hun klarte hele skoleuka.")
    home = factories.log_entry(
        cast.youth,
        cast.holder,
        text="Mor fortalte om naboens sykdom.",
        occurred_at=timezone.now() - datetime.timedelta(hours=2),
    )
    return school, home


def _log(cast) -> str:
    return reverse("log", args=[cast.youth.pk])


def _mark(cast, entry) -> str:
    return reverse("log_lysglimt_mark", args=[cast.youth.pk, entry.pk])


def _withhold(cast, entry) -> str:
    return reverse("log_entry_keep_from_youth", args=[cast.youth.pk, entry.pk])


def _note(cast) -> str:
    return reverse("log_lysglimt_new", args=[cast.youth.pk])


def _youths_view(cast) -> CitizenAccess:
    account = User.objects.create(username="sara-ung", kind=AccountKind.YOUTH)
    cast.youth.account = account
    cast.youth.save(update_fields=["account"])
    return CitizenAccess(youth=cast.youth, user=account, categories=ALL_CATEGORIES, parts=frozenset(PARTS))


def _close(cast) -> None:
    case_close(
        actor=cast.holder,
        youth=cast.youth,
        reason="goals_reached",
        explanation="Målene er nådd.",
        youth_view="Jeg klarer meg selv nå.",
    )


# --- lysglimt ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["holder", "member"])
def test_team_members_can_mark_every_entry_they_see(cast, entries, client, login, who):
    login(getattr(cast, who))
    html = client.get(_log(cast)).content.decode()
    for entry in entries:
        assert f'action="{_mark(cast, entry)}"' in html
    assert f'action="{_note(cast)}"' in html and "Legg til et lysglimt" in html


def test_marking_shows_a_tag_and_takes_the_button_away_for_me_only(cast, entries, client, login):
    school, _home = entries
    login(cast.member)
    response = client.post(_mark(cast, school), {"page": "1"})
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{school.pk}")
    assert Lysglimt.objects.get().marked_by == cast.member
    html = client.get(_log(cast)).content.decode()
    assert f'action="{_mark(cast, school)}"' not in html
    assert '<span class="ds-tag" data-size="sm" data-color="success">Lysglimt</span>' in html
    login(cast.holder)
    assert f'action="{_mark(cast, school)}"' in client.get(_log(cast)).content.decode()


def test_marking_twice_is_refused_with_a_message(cast, entries, client, login):
    school, _home = entries
    login(cast.member)
    client.post(_mark(cast, school))
    response = client.post(_mark(cast, school), follow=True)
    assert "Du har allerede markert dette som et lysglimt." in response.content.decode()
    assert Lysglimt.objects.count() == 1


def test_an_entry_the_user_cannot_see_cannot_be_marked(cast, client, login):
    nav_only = factories.log_entry(cast.youth, cast.holder, category="nav")  # no consent for school
    login(cast.member)
    assert client.post(_mark(cast, nav_only)).status_code == 404
    assert client.post(_withhold(cast, nav_only), {"reason": "third_party"}).status_code == 404
    assert not Lysglimt.objects.exists() and not Withholding.objects.exists()


@pytest.mark.parametrize("who", ["uncovered", "outsider", "team_lead"])
def test_people_who_do_not_see_the_youth_get_404(cast, entries, client, login, who):
    school, _home = entries
    login(getattr(cast, who))
    assert client.post(_mark(cast, school)).status_code == 404
    assert client.post(_withhold(cast, school), {"reason": "third_party"}).status_code == 404
    assert client.post(_note(cast), {"lysglimt-text": "Bra!"}).status_code == 404
    assert not Lysglimt.objects.exists() and not Withholding.objects.exists()


def test_a_short_lysglimt_goes_into_the_log(cast, client, login):
    login(cast.member)
    response = client.post(_note(cast), {"lysglimt-text": "Hun holdt innlegg i klassen!"}, follow=True)
    assert "Lysglimtet er lagt til i loggen." in response.content.decode()
    entry = LogEntry.objects.get(kind=LogEntryKind.LYSGLIMT)
    assert (entry.author, entry.agency, entry.category) == (cast.member, cast.member.agency, "general")
    assert Lysglimt.objects.get().entry == entry
    assert "Hun holdt innlegg i klassen!" in response.content.decode()


def test_a_lysglimt_written_in_the_ordinary_log_form_is_marked_like_one(cast, client, login):
    login(cast.member)
    client.post(
        _log(cast),
        {
            "kind": "lysglimt",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "category": "general",
            "text": "Hun sang i koret!",
        },
    )
    entry = LogEntry.objects.get(kind=LogEntryKind.LYSGLIMT)
    assert Lysglimt.objects.get().entry == entry
    html = client.get(_log(cast)).content.decode()
    assert '<span class="ds-tag" data-size="sm" data-color="success">Lysglimt</span>' in html
    assert f'action="{_mark(cast, entry)}"' not in html  # already mine: no second mark offered


def test_an_empty_lysglimt_is_shown_again_with_the_error(cast, client, login):
    login(cast.member)
    response = client.post(_note(cast), {"lysglimt-text": "  "})
    assert response.status_code == 200
    assert "ds-error-summary" in response.content.decode()
    assert not LogEntry.objects.filter(kind=LogEntryKind.LYSGLIMT).exists()


def test_on_a_closed_case_there_is_no_lysglimt(cast, entries, client, login):
    school, _home = entries
    _close(cast)
    login(cast.holder)
    html = client.get(_log(cast)).content.decode()
    assert _mark(cast, school) not in html and _note(cast) not in html
    assert client.post(_mark(cast, school)).status_code == 403
    assert client.post(_note(cast), {"lysglimt-text": "Bra!"}).status_code == 403


# --- kept from the youth -------------------------------------------------------------------------


def test_keeping_an_entry_from_the_youth_needs_a_reason_and_is_logged(cast, entries, client, login):
    _school, home = entries
    youth_view = _youths_view(cast)
    login(cast.holder)
    html = client.get(_log(cast)).content.decode()
    assert f'href="{_withhold(cast, home)}"' in html
    page = client.get(_withhold(cast, home)).content.decode()  # the entry, and the reasons to choose
    assert "Opplysninger om noen andre (en tredjeperson)" in page and 'name="reason"' in page
    assert not Withholding.objects.exists()
    refused = client.post(_withhold(cast, home), {"reason": "because"}, follow=True)
    assert not Withholding.objects.exists()
    assert "Velg et gyldig valg" in refused.content.decode()
    response = client.post(_withhold(cast, home), {"reason": "third_party"}, follow=True)
    assert "Oppføringen vises ikke lenger for ungdommen." in response.content.decode()
    marking = Withholding.objects.get()
    assert (marking.entry, marking.by, marking.agency, marking.reason) == (
        home,
        cast.holder,
        cast.holder.agency,
        "third_party",
    )
    html = response.content.decode()
    assert "Skjult for ungdommen: Opplysninger om noen andre (en tredjeperson)" in html
    assert f'href="{_withhold(cast, home)}"' not in html  # once is enough
    logged = AccessLogEntry.objects.filter(youth=cast.youth, user=cast.holder, action="change")
    assert (
        logged.filter(what=f"log_entry_keep_from_youth:entry_id={home.pk}").count() == 2
    )  # tried, done (the look at the page is a view)
    # The youth sees everything else, and not this entry.
    seen = set(LogEntry.objects.visible_to(youth_view).values_list("pk", flat=True))
    assert home.pk not in seen
    assert seen == set(cast.youth.log_entries.exclude(pk=home.pk).values_list("pk", flat=True))


def test_the_member_may_keep_back_what_they_see_and_the_tag_shows_to_the_team(cast, entries, client, login):
    school, _home = entries
    login(cast.member)
    client.post(_withhold(cast, school), {"reason": "serious_harm"})
    assert Withholding.objects.get().agency == cast.member.agency
    login(cast.holder)
    html = client.get(_log(cast)).content.decode()
    assert "Skjult for ungdommen: Kan skade ungdommens liv eller helse alvorlig" in html


def test_what_the_youth_wrote_cannot_be_kept_from_them(cast, client, login):
    youth_view = _youths_view(cast)
    own = youth_message_send(actor=youth_view.user, youth=cast.youth, text="Jeg vil ha et møte.")
    login(cast.holder)
    assert _withhold(cast, own) not in client.get(_log(cast)).content.decode()
    assert client.post(_withhold(cast, own), {"reason": "third_party"}).status_code == 403
    assert not Withholding.objects.exists()


def test_an_entry_can_be_kept_back_also_on_a_closed_case(cast, entries, client, login):
    _school, home = entries
    _close(cast)
    login(cast.holder)
    assert f'href="{_withhold(cast, home)}"' in client.get(_log(cast)).content.decode()
    assert client.post(_withhold(cast, home), {"reason": "others_safety"}).status_code == 302
    assert Withholding.objects.filter(entry=home).exists()


# --- the team lead -------------------------------------------------------------------------------


def test_the_team_lead_sees_who_kept_what_back_and_why_but_never_the_text(cast, entries, client, login):
    _school, home = entries
    entry_withhold(actor=cast.holder, entry=home, reason="third_party")
    login(cast.team_lead)  # the holder's agency (child welfare)
    before = AccessLogEntry.objects.filter(user=cast.team_lead, youth=cast.youth).count()
    html = client.get(reverse("team_lead")).content.decode()
    assert "Skjult for ungdommen" in html
    assert "Ung, Sara" in html and "Kari Nordmann (Barneverntjenesten)" in html
    assert "Opplysninger om noen andre (en tredjeperson)" in html
    assert "naboens sykdom" not in html
    assert AccessLogEntry.objects.filter(user=cast.team_lead, youth=cast.youth).count() == before + 1


def test_a_team_lead_of_another_agency_does_not_see_it(cast, entries, client, login):
    _school, home = entries
    entry_withhold(actor=cast.holder, entry=home, reason="third_party")
    other_lead = factories.staff(agency=cast.member.agency, is_team_lead=True)
    login(other_lead)
    html = client.get(reverse("team_lead")).content.decode()
    assert "Ingenting er skjult for ungdommene." in html
    assert "Opplysninger om noen andre" not in html


# --- query counts --------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _marked_entries(cast, number: int) -> None:
    for _ in range(number):
        entry = factories.log_entry(cast.youth, cast.member)
        Lysglimt.objects.create(entry=entry, marked_by=cast.member)
        entry_withhold(actor=cast.member, entry=entry, reason="third_party")


def test_the_log_page_reads_marks_in_its_one_query(cast, client, login):
    login(cast.member)
    _marked_entries(cast, 2)
    few = _count(client, _log(cast))
    _marked_entries(cast, 20)
    assert _count(client, _log(cast)) == few


def test_the_team_lead_page_reads_markings_in_constant_queries(cast, client, login):
    login(cast.team_lead)
    _marked_entries(cast, 1)
    dashboards.refresh(cast.team_lead.agency_id)  # the agency-wide figures read back, both times
    few = _count(client, reverse("team_lead"))
    _marked_entries(cast, 20)
    assert _count(client, reverse("team_lead")) == few
