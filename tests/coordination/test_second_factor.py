"""Staff pass a second factor on every protected page, the admin included; the step itself works."""

import re

from django.contrib.sessions.models import Session
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.accounts.second_factor import recovery_codes_renew
from tests.test_url_access import _youth_urls, all_patterns

VERIFY = "/logg-inn/tofaktor/"
SETUP = "/logg-inn/tofaktor/ny/"
# Pages a logged-in user reaches before the second factor: the step itself, and public pages.
STEP_ROUTES = {"logg-inn/tofaktor/", "logg-inn/tofaktor/ny/"}


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def _protected_urls(cast) -> list[str]:
    urls = _youth_urls(cast)
    for route, pattern in all_patterns():
        if "<" in route or route in STEP_ROUTES or getattr(pattern.callback, "access_rule", "") == "public":
            continue
        urls.append("/" + route)
    return [
        *urls,
        "/admin/",
        "/admin/coordination/user/",
        f"/admin/coordination/user/{cast.holder.pk}/change/",
    ]


def test_an_unverified_session_is_sent_to_the_second_factor_on_every_protected_page(cast, client):
    cast.holder.is_staff = cast.holder.is_superuser = True
    cast.holder.save()
    _authenticator(cast.holder)
    client.force_login(cast.holder)  # password only
    urls = _protected_urls(cast)
    assert len(urls) > 25
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, (method, url, response.status_code)
            assert response["Location"].startswith(VERIFY + "?next="), (method, url)


def test_a_user_without_an_authenticator_is_sent_to_set_one_up(cast, client):
    client.force_login(cast.member)
    response = client.get("/ungdommer/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_the_admin_cannot_be_reached_without_the_second_factor(cast, client, login):
    _authenticator(cast.admin)
    client.force_login(cast.admin)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/").url.startswith(VERIFY)
    login(cast.admin)
    assert client.get("/admin/").status_code == 200


def test_the_admin_has_no_login_page_of_its_own(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/logg-inn/?next=/admin/"


def test_htmx_requests_navigate_to_the_step_instead_of_swapping_it_in(cast, client):
    _authenticator(cast.member)
    client.force_login(cast.member)
    response = client.get("/ungdommer/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(VERIFY)


def test_a_correct_code_verifies_the_session_and_gives_it_a_new_key(cast, client):
    device = _authenticator(cast.member)
    client.force_login(cast.member)
    key_before = client.session.session_key
    response = client.post(VERIFY, {"token": _code(device), "next": "/stafetter/"})
    assert response.status_code == 302 and response["Location"] == "/stafetter/"
    assert client.session.session_key != key_before
    assert not Session.objects.filter(session_key=key_before).exists()
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/ungdommer/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message(cast, client):
    _authenticator(cast.member)
    client.force_login(cast.member)
    response = client.post(VERIFY, {"token": "000000"})
    assert response.status_code == 200
    assert "Koden er feil eller utløpt." in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/ungdommer/").status_code == 302


def test_a_code_cannot_be_used_twice(cast, client):
    device = _authenticator(cast.member)
    code = _code(device)
    client.force_login(cast.member)
    assert client.post(VERIFY, {"token": code}).status_code == 302
    client.logout()
    client.force_login(cast.member)
    assert client.post(VERIFY, {"token": code}).status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_wrong_codes_are_throttled(cast, client):
    device = _authenticator(cast.member)
    client.force_login(cast.member)
    for _attempt in range(4):
        client.post(VERIFY, {"token": "000000"})
    response = client.post(VERIFY, {"token": _code(device)})
    assert response.status_code == 200
    assert re.search(r"Vent \d+ sekunder", response.content.decode())
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_a_recovery_code_works_once(cast, client):
    _authenticator(cast.member)
    codes = recovery_codes_renew(user=cast.member)
    client.force_login(cast.member)
    response = client.post(VERIFY, {"token": f"{codes[0][:5]}-{codes[0][5:].upper()}"})
    assert response.status_code == 302
    assert StaticDevice.objects.get(user=cast.member).token_set.count() == 9
    client.logout()
    client.force_login(cast.member)
    assert client.post(VERIFY, {"token": codes[0]}).status_code == 200
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_the_next_parameter_never_leaves_the_site(cast, client):
    device = _authenticator(cast.member)
    client.force_login(cast.member)
    response = client.post(VERIFY, {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"  # the start page, which sends the member on to their youths
    assert client.get("/")["Location"] == "/ungdommer/"


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code(cast, client):
    client.force_login(cast.member)
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html
    device = TOTPDevice.objects.get(user=cast.member, confirmed=False)
    response = client.post(SETUP, {"token": _code(device)})
    assert response.status_code == 200
    assert len(re.findall(r"<li>[a-z2-9]{5}-[a-z2-9]{5}</li>", response.content.decode())) == 10
    assert TOTPDevice.objects.get(user=cast.member).confirmed
    assert client.get("/ungdommer/").status_code == 200


def test_enrolment_with_a_wrong_code_confirms_nothing(cast, client):
    client.force_login(cast.member)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 200 and "<svg" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.member, confirmed=True).exists()
    assert client.get("/ungdommer/").status_code == 302


def test_enrolment_is_not_offered_to_a_user_who_has_an_authenticator(cast, client):
    _authenticator(cast.member)
    client.force_login(cast.member)
    assert client.get(SETUP).status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.member, confirmed=False).exists()


def test_new_recovery_codes_replace_the_old_ones(cast, client, login):
    old = recovery_codes_renew(user=cast.member)
    login(cast.member)
    assert "10" in client.get("/konto/sikkerhet/").content.decode()
    response = client.post("/konto/sikkerhet/")
    new = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", response.content.decode())
    assert len(new) == 10
    tokens = set(StaticDevice.objects.get(user=cast.member).token_set.values_list("token", flat=True))
    assert tokens == {code.replace("-", "") for code in new}
    assert not tokens & set(old)


def test_an_administrator_can_reset_a_lost_second_factor(cast, client, login):
    device = _authenticator(cast.member)
    recovery_codes_renew(user=cast.member)
    login(cast.admin)
    response = client.post(
        "/admin/coordination/user/",
        {"action": "reset_second_factor", "_selected_action": [cast.member.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticDevice.objects.filter(user=cast.member).exists()


def test_the_login_page_sends_a_password_only_session_on_to_the_step(cast, client):
    _authenticator(cast.member)
    client.force_login(cast.member)
    # The login page is public: it answers itself (signed in: go on), and the next page asks for the step.
    response = client.get("/logg-inn/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/ungdommer/")["Location"].startswith(VERIFY + "?next=")


def test_the_readiness_probe_answers_a_password_only_session_itself(cast, client):
    _authenticator(cast.member)
    client.force_login(cast.member)
    # Public: the probe's answer, not a redirect to the step (database and Redis run for the suite).
    response = client.get("/helse/web/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_embedded_demo_mode_can_turn_it_off_and_says_so_on_every_page(cast, client, settings):
    settings.REQUIRE_SECOND_FACTOR = False
    client.force_login(cast.member)
    response = client.get("/ungdommer/")
    assert response.status_code == 200
    assert "Demomodus." in response.content.decode()
    client.force_login(cast.admin)
    assert "Demomodus." in client.get("/admin/").content.decode()


def test_a_session_naming_another_device_than_the_users_own_confirmed_one_verifies_again(cast, client, login):
    # A tampered or stale device id in the session (another's, unconfirmed, missing, not a device, not
    # an id) leaves the user unverified, never a 500.
    theirs = _authenticator(cast.member)
    unconfirmed = TOTPDevice.objects.create(user=cast.holder, name="ny", confirmed=False)
    login(cast.holder)
    assert client.get("/ungdommer/").status_code == 200
    for persistent_id in (
        theirs.persistent_id,
        unconfirmed.persistent_id,
        f"otp_totp.totpdevice/{theirs.pk + unconfirmed.pk + 1000}",
        f"coordination.youth/{cast.youth.pk}",
        "nothing.here/1",
        "otp_totp.totpdevice/١",  # an Arabic-Indic digit, which int() reads as 1
        "otp_totp.totpdevice/",
        "garbage",
    ):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = persistent_id
        session.save()
        response = client.get("/ungdommer/")
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), persistent_id
