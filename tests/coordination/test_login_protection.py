"""Brute force against the login is stopped per username and per client address (django-axes)."""

import pytest

from coordination.models import UserSession
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _attempt(client, username, password, ip="192.0.2.10"):
    return client.post("/logg-inn/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_username_is_locked_after_too_many_wrong_passwords(cast, client):
    for number in range(3):
        response = _attempt(client, cast.member.username, "wrong", ip=f"192.0.2.{number + 1}")
    assert response.status_code == 429
    # Even the right password from a fresh address is refused now, and nothing says whether it was right.
    response = _attempt(client, cast.member.username, PASSWORD, ip="198.51.100.7")
    assert response.status_code == 429
    assert "For mange mislykkede innlogginger" in response.content.decode()
    assert not UserSession.objects.filter(user=cast.member).exists()


def test_an_address_is_locked_after_trying_many_usernames(cast, client):
    for username in ("anna", "bjorn", "cecilie"):
        _attempt(client, username, "wrong")
    assert _attempt(client, cast.holder.username, PASSWORD).status_code == 429
    assert _attempt(client, cast.holder.username, PASSWORD, ip="198.51.100.8").status_code == 302


def test_a_successful_login_resets_the_count(cast, client):
    for _ in range(2):
        _attempt(client, cast.member.username, "wrong")
    assert _attempt(client, cast.member.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        _attempt(client, cast.member.username, "wrong")
    assert _attempt(client, cast.member.username, PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(cast, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(3):
        client.post(
            "/logg-inn/",
            {"username": f"user-{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",  # our proxy
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}, 192.0.2.55",  # forged part, then the real one
        )
    response = client.post(
        "/logg-inn/",
        {"username": cast.member.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.55",
    )
    assert response.status_code == 429


def test_wrong_password_gives_one_message_for_unknown_and_known_users(cast, client):
    known = _attempt(client, cast.member.username, "wrong").content.decode()
    unknown = _attempt(client, "nobody-here", "wrong", ip="192.0.2.99").content.decode()
    message = "Feil brukernavn eller passord."
    assert message in known and message in unknown
