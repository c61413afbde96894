"""Public views are an explicit, reviewed list; the account pages need a login; changing the password
ends the user's other sessions."""

from django.test import Client

from tests.conftest import verify_second_factor
from tests.factories import PASSWORD
from tests.test_url_access import _rule, all_patterns

# Reviewed: each of these is safe for anonymous visitors. Adding one must be a conscious change here.
PUBLIC = {
    "logg-inn/",
    "logg-ut/",
    "sprak/",
    "helse/",
    "helse/web/",
    "admin/login/",
    # The sign-in of youths and relatives: asking for a code, typing it, opening an invitation.
    "min/logg-inn/",
    "min/logg-inn/kode/",
    "min/invitasjon/<str:token>/",
    # ID-porten: the start (a redirect to ID-porten), its answer, and the logout that ends both sessions.
    "min/idporten/logg-inn/",
    "min/idporten/retur/",
    "min/idporten/logg-ut/",
    # A colleague's invitation: the link, and the password and authenticator step that follows it.
    "invitasjon/<str:token>/",
    "invitasjon/",
}


def test_the_public_views_are_exactly_the_reviewed_list():
    public = {route for route, pattern in all_patterns() if _rule(pattern.callback) == "public"}
    assert public == PUBLIC


def test_public_views_need_no_login_and_every_other_view_does(client):
    for route, pattern in all_patterns():
        callback = pattern.callback
        required = getattr(callback, "login_required", True)
        assert required == (route not in PUBLIC), route


def test_the_second_factor_step_needs_the_password_first(client):
    for url in ("/logg-inn/tofaktor/", "/logg-inn/tofaktor/ny/", "/konto/sikkerhet/", "/konto/passord/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/logg-inn/?next="), url


def test_changing_the_password_ends_the_other_sessions(cast, client, login):
    login(cast.member)
    other = Client()
    other.force_login(cast.member)
    verify_second_factor(other, cast.member)
    assert other.get("/ungdommer/").status_code == 200
    response = client.post(
        "/konto/passord/",
        {
            "old_password": PASSWORD,
            "new_password1": "en helt ny og lang passfrase",
            "new_password2": "en helt ny og lang passfrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/ungdommer/").status_code == 200
    assert other.get("/ungdommer/").status_code == 302


def test_a_common_new_password_is_refused(cast, client, login):
    login(cast.member)
    response = client.post(
        "/konto/passord/",
        {"old_password": PASSWORD, "new_password1": "password1234", "new_password2": "password1234"},
    )
    assert response.status_code == 200
    cast.member.refresh_from_db()
    assert cast.member.check_password(PASSWORD)
