"""Mine samtykker: what each agency may see and until when, the history and the age rule in plain
words; the youth withdraws at once (the agency loses access on its very next request), asks for a
change, and decides what each relative may see."""

import datetime

import pytest
from django.template.defaultfilters import date
from django.utils import timezone, translation

from coordination.models import Consent, ConsentChangeRequest, RelativeSharing
from tests import factories
from tests.pathways.test_my_stafett import relative_account, sign_in, youth_account


def born(years: int) -> datetime.date:
    """A birth date that makes the youth `years` old today."""
    return datetime.date(timezone.localdate().year - years, 1, 1)


@pytest.fixture
def youth_user(cast):
    return youth_account(cast.youth)


def test_the_page_says_who_may_see_what_until_when_and_why_in_plain_words(cast, youth_user, client):
    consent = cast.youth.consents.get()
    Consent.objects.filter(pk=consent.pk).update(
        expires_on=timezone.localdate() + datetime.timedelta(days=90)
    )
    html = sign_in(client, youth_user).get("/min/samtykker/").content.decode()
    card = html[html.index(f'id="consent-{consent.pk}"') :]
    assert (
        "<strong>Charlottenlund vgs</strong> får se: vanlige ting: avtaler, planen, hvordan det går, skole"
        in card
    )
    assert "<strong>Barneverntjenesten</strong> får se:" in card and "barnevernet" in card
    assert "Du og de foresatte sa ja" in card
    with translation.override("nb"):
        assert f"<dd>{date(timezone.localdate() + datetime.timedelta(days=90), 'j. F Y')}</dd>" in card
    assert "Samtykket ble gitt" in card  # the history, in plain words
    assert "Du er 16 eller 17: du bestemmer selv om helse" in html  # the age rule for this youth
    assert "Trekk tilbake dette samtykket nå" in card


def test_withdrawing_from_the_youth_view_removes_the_agencys_access_on_the_next_request(
    cast, youth_user, client, login
):
    consent = cast.youth.consents.get()
    login(cast.member)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 200

    sign_in(client, youth_user)
    response = client.post(f"/min/samtykker/{consent.pk}/trekk-tilbake/", {"note": "Jeg vil ikke nå."})
    assert response.status_code == 302
    consent.refresh_from_db()
    event = consent.events.last()
    assert (consent.state, event.kind, event.recorded_by) == ("withdrawn", "withdrawn", youth_user)
    assert "Samtykket er trukket tilbake" in client.get("/min/samtykker/").content.decode()

    login(cast.member)
    for url in (
        f"/ungdommer/{cast.youth.pk}/",
        f"/ungdommer/{cast.youth.pk}/plan/",
        f"/ungdommer/{cast.youth.pk}/logg/",
    ):
        assert client.get(url).status_code == 404, url
    assert cast.youth.last_name not in client.get("/ungdommer/").content.decode()
    # The agency that registered the youth keeps what it wrote itself.
    login(cast.holder)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 200


def test_a_consent_given_by_the_guardians_under_16_can_only_be_asked_about(cast, client):
    younger = factories.youth(holder=cast.holder, birth_date=born(14))
    factories.add_member(younger, cast.member)
    consent = factories.consent(
        younger, cast.holder, {(cast.member.agency_id, "school")}, given_by="guardians"
    )
    user = youth_account(younger)
    sign_in(client, user)
    html = client.get("/min/samtykker/").content.decode()
    assert "Trekk tilbake dette samtykket nå" not in html
    assert "De foresatte ga dette samtykket" in html and "Du er under 16" in html
    assert client.post(f"/min/samtykker/{consent.pk}/trekk-tilbake/").status_code == 403
    consent.refresh_from_db()
    assert consent.state == "given"
    client.post(f"/min/samtykker/{consent.pk}/endring/", {"text": "Jeg vil ikke at skolen vet om BUP."})
    client.post("/min/samtykker/endring/", {"text": "Kan vi snakke om samtykkene?"})
    asked = ConsentChangeRequest.objects.filter(youth=younger).order_by("asked_at")
    assert [(row.consent_id, row.asked_by_id) for row in asked] == [(consent.pk, user.pk), (None, user.pk)]


def test_the_youth_decides_what_a_relative_sees(cast, youth_user, client):
    partner = relative_account(cast.youth, cast.holder, guardian=False, name="Ali Venn")
    sign_in(client, youth_user)
    html = client.get("/min/samtykker/").content.decode()
    assert "Ali Venn" in html and "De ser bare det du krysser av for her." in html
    client.post(f"/min/samtykker/parorende/{partner.pk}/", {"plan": "on", "meetings": "on"})
    sharing = RelativeSharing.objects.get(relative=partner)
    assert (sharing.plan, sharing.meetings, sharing.transitions, sharing.include_health) == (
        True,
        True,
        False,
        False,
    )
    factories.goal(cast.youth, cast.holder, description="Et mål Ali får se")
    sign_in(client, partner.account)
    html = client.get("/min/").content.decode()
    assert "Et mål Ali får se" in html and 'id="meetings-heading"' in html
    assert 'id="transitions-heading"' not in html and 'id="log"' not in html


def test_a_youth_of_14_keeps_a_category_from_a_guardian(cast, client):
    younger = factories.youth(holder=cast.holder, birth_date=born(14))
    user = youth_account(younger)
    mother = relative_account(younger, cast.holder)
    sign_in(client, user)
    html = client.get("/min/samtykker/").content.decode()
    assert "Til du fyller 16, ser de foresatte planen din" in html and "Hold dette unna dem" in html
    client.post(
        f"/min/samtykker/parorende/{mother.pk}/",
        {
            "plan": "False",
            "meetings": "False",
            "transitions": "False",
            "include_health": "False",
            "kept_back": ["mental_health"],
        },
    )
    assert RelativeSharing.objects.get(relative=mother).kept_back == ["mental_health"]


def test_consent_pages_of_another_youth_are_404(cast, youth_user, client):
    other = factories.youth(holder=cast.outsider)
    consent = factories.consent(other, cast.outsider, {(cast.outsider.agency_id, "general")})
    sign_in(client, youth_user)
    assert client.post(f"/min/samtykker/{consent.pk}/trekk-tilbake/").status_code == 404
    assert client.post(f"/min/samtykker/{consent.pk}/endring/", {"text": "x"}).status_code == 404
    consent.refresh_from_db()
    assert consent.state == "given" and not ConsentChangeRequest.objects.exists()
