"""Sessions end after 30 idle minutes and 12 hours at most, get a new key at login, and are deleted
server-side at logout and when the account is deactivated."""

import datetime

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from coordination.models import UserSession
from coordination.tasks import clear_expired_sessions
from tests.conftest import verify_second_factor
from tests.factories import PASSWORD


def _travel(minutes: float):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_an_idle_session_ends_after_30_minutes(cast, client, login):
    with _travel(0):
        login(cast.member)
        key = client.session.session_key
    with _travel(29):
        assert client.get("/ungdommer/").status_code == 200
    with _travel(29 + 31):
        response = client.get("/ungdommer/")
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(session_key=key).exists()
    assert "uten aktivitet" in client.get(response["Location"]).content.decode()


def test_activity_keeps_a_session_alive_but_never_past_12_hours(cast, client, login):
    with _travel(0):
        login(cast.member)
    for minutes in range(20, 12 * 60, 20):
        with _travel(minutes):
            assert client.get("/ungdommer/").status_code == 200, minutes
    with _travel(12 * 60 + 1):
        response = client.get("/ungdommer/")
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")


def test_timeouts_are_configurable(cast, client, login, settings):
    settings.SESSION_IDLE_TIMEOUT = datetime.timedelta(minutes=5)
    with _travel(0):
        login(cast.member)
    with _travel(6):
        assert client.get("/ungdommer/").status_code == 302


def test_an_htmx_request_after_the_timeout_navigates_to_the_login(cast, client, login):
    with _travel(0):
        login(cast.member)
    with _travel(31):
        response = client.get("/ungdommer/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/logg-inn/")


def test_login_gives_a_new_session_key(cast, client, settings):
    client.get("/logg-inn/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "fixated-by-an-attacker"
    response = client.post("/logg-inn/", {"username": cast.member.username, "password": PASSWORD})
    assert response.status_code == 302
    key = client.session.session_key
    assert key != "fixated-by-an-attacker"
    assert UserSession.objects.filter(user=cast.member, session_key=key).exists()


def test_logout_deletes_the_session_server_side(cast, client, login, settings):
    login(cast.member)
    key = client.session.session_key
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = key
    assert stolen.get("/ungdommer/").status_code == 200
    client.post("/logg-ut/")
    assert not Session.objects.filter(session_key=key).exists()
    assert stolen.get("/ungdommer/").status_code == 302  # a copied cookie is worth nothing now


def test_deactivating_an_account_ends_all_its_sessions_at_once(cast, login):
    laptop, phone = Client(), Client()
    for client in (laptop, phone):
        client.force_login(cast.member)
        verify_second_factor(client, cast.member)
    keys = {laptop.session.session_key, phone.session.session_key}
    assert UserSession.objects.filter(user=cast.member).count() == 2
    cast.member.is_active = False
    cast.member.save()
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=cast.member).exists()
    assert laptop.get("/ungdommer/").status_code == 302
    assert phone.get("/ungdommer/").status_code == 302


def test_other_users_sessions_survive_a_deactivation(cast, client, login):
    login(cast.holder)
    cast.member.is_active = False
    cast.member.save()
    assert client.get("/ungdommer/").status_code == 200


def test_the_periodic_job_drops_expired_sessions(cast, client, login):
    with _travel(0):
        login(cast.member)
    with _travel(13 * 60):
        clear_expired_sessions()
    assert not UserSession.objects.exists()
    assert not Session.objects.exists()
