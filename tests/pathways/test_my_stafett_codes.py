"""Signing in with a one-time code through the pages: the code expires, works once, is limited per
address (the 6th request in an hour is refused in plain words), a wrong code says so; the invitation
page, the expired invitation, and choosing a language the first time."""

import datetime
import re

import pytest

from coordination.accounts import sms
from coordination.models import User
from coordination.services.invitations import invitation_send
from tests.pathways.test_my_stafett import youth_account

PHONE = "912 34 567"
WRONG = "Koden er feil eller for gammel. Sjekk den, eller be om en ny."


@pytest.fixture
def youth_user(cast):
    return youth_account(cast.youth, phone="+4791234567")


def _last_code() -> str:
    return re.search(r"\b(\d{6})\b", sms.outbox[-1]["text"]).group(1)


def _ask(client, address=PHONE):
    return client.post("/min/logg-inn/", {"address": address})


def test_the_start_page_asks_for_a_number_or_e_mail(client):
    html = client.get("/min/logg-inn/").content.decode()
    assert "Logg inn på Min Stafett" in html and "Mobilnummeret eller e-posten din" in html
    response = _ask(client, "ikke et nummer")
    assert "Skriv et norsk mobilnummer (8 sifre) eller en e-postadresse." in response.content.decode()


def test_a_youth_signs_in_with_the_code_from_the_sms(youth_user, client):
    assert _ask(client)["Location"] == "/min/logg-inn/kode/"
    assert sms.outbox[-1]["to"] == "+4791234567"
    page = client.get("/min/logg-inn/kode/").content.decode()
    assert "Skriv inn koden" in page and "Bare i demoen" not in page
    response = client.post("/min/logg-inn/kode/", {"code": _last_code()})
    assert response.status_code == 302 and response["Location"] == "/min/"
    assert client.get("/min/").status_code == 200


def test_an_unknown_address_gets_the_same_answer_and_no_sms(db, client):
    response = _ask(client, "99887766")
    assert response.status_code == 302 and response["Location"] == "/min/logg-inn/kode/"
    assert sms.outbox == []
    assert WRONG in client.post("/min/logg-inn/kode/", {"code": "123456"}).content.decode()


def test_a_wrong_code_says_so_in_plain_words(youth_user, client):
    _ask(client)
    response = client.post(
        "/min/logg-inn/kode/", {"code": "000000" if _last_code() != "000000" else "111111"}
    )
    assert response.status_code == 200 and WRONG in response.content.decode()
    assert client.get("/min/").status_code == 302  # still not signed in


def test_the_code_expires(youth_user, client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    _ask(client)
    code = _last_code()
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 5, 1, tzinfo=datetime.UTC), tick=False)
    assert WRONG in client.post("/min/logg-inn/kode/", {"code": code}).content.decode()
    assert client.get("/min/").status_code == 302


def test_the_code_works_once(youth_user, client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    _ask(client)
    code = _last_code()
    assert client.post("/min/logg-inn/kode/", {"code": code}).status_code == 302
    client.post("/logg-ut/")
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 1, tzinfo=datetime.UTC), tick=False)
    _ask(client)
    assert len(sms.outbox) == 2
    assert WRONG in client.post("/min/logg-inn/kode/", {"code": code}).content.decode()
    assert client.get("/min/").status_code == 302


def test_the_sixth_request_in_an_hour_is_refused_in_plain_words(youth_user, client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=True)
    for _ in range(5):
        assert _ask(client).status_code == 302
    refused = _ask(client)
    assert refused.status_code == 200
    assert "Du har bedt om mange koder. Vent en time og prøv igjen." in refused.content.decode()
    # Also when the number is written another way, and after 59 minutes; not after an hour.
    assert _ask(client, "+47 91234567").status_code == 200
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 59, tzinfo=datetime.UTC), tick=True)
    assert _ask(client).status_code == 200
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, 1, tzinfo=datetime.UTC), tick=True)
    assert _ask(client).status_code == 302


def test_in_the_demo_the_code_is_shown_in_a_marked_box(youth_user, client, settings):
    settings.ONE_TIME_CODE_ON_PAGE = True
    _ask(client)
    page = client.get("/min/logg-inn/kode/").content.decode()
    assert (
        "Bare i demoen:" in page
        and f'<p class="my-demo-code__code" aria-label="Koden">{_last_code()}</p>' in page
    )


def _invite(cast, django_capture_on_commit_callbacks) -> str:
    cast.youth.phone = "41234567"
    cast.youth.save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=cast.holder, youth=cast.youth, channel="sms")
    return re.search(r"(/min/invitasjon/[^/\s]+/)", sms.outbox[-1]["text"]).group(1)


def test_the_invitation_page_sends_a_code_to_the_invited_number(
    cast, client, django_capture_on_commit_callbacks
):
    link = _invite(cast, django_capture_on_commit_callbacks)
    page = client.get(link).content.decode()
    assert "Du er invitert til Stafett" in page and "Send meg en kode" in page
    assert "sender vi en kode til mobilen din" in page
    assert client.post(link)["Location"] == "/min/logg-inn/kode/"
    assert sms.outbox[-1]["to"] == "+4741234567" and _last_code()


def test_the_right_code_after_an_invitation_opens_the_account(
    cast, client, django_capture_on_commit_callbacks
):
    link = _invite(cast, django_capture_on_commit_callbacks)
    client.post(link)
    response = client.post("/min/logg-inn/kode/", {"code": _last_code()})
    assert response["Location"] == "/min/sprak/"
    assert User.objects.get(youth_record=cast.youth).is_active


def test_the_first_time_the_youth_chooses_a_language(cast, client):
    youth_account(cast.youth, phone="+4791234567", language_chosen=False)
    _ask(client)
    response = client.post("/min/logg-inn/kode/", {"code": _last_code()})
    assert response["Location"] == "/min/sprak/"
    choose = client.get("/min/sprak/").content.decode()
    assert "Hvilket språk vil du ha?" in choose and choose.count('type="radio"') == 3
    response = client.post("/min/sprak/", {"language": "nn"})
    assert response["Location"] == "/min/"
    account = User.objects.get(youth_record=cast.youth)
    assert (account.language, account.language_chosen) == ("nn", True)
    assert "Dette er planen din. Her ser du måla dine" in client.get("/min/").content.decode()


def test_an_expired_invitation_says_what_to_do(
    cast, client, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False)
    link = _invite(cast, django_capture_on_commit_callbacks)
    time_machine.move_to(datetime.datetime(2026, 3, 9, 9, 1, tzinfo=datetime.UTC), tick=False)
    gone = client.get(link)
    assert gone.status_code == 404
    html = gone.content.decode()
    assert (
        "Invitasjonen virker ikke lenger" in html
        and "Be stafettholderen din om å sende deg en ny invitasjon" in html
    )


def test_an_sms_code_is_checked_and_signs_in(youth_user, client):
    _ask(client)
    response = client.post("/min/logg-inn/kode/", {"code": _last_code()})
    assert response.status_code == 302
