"""ID-porten sign-in, against an OpenID provider running in the test process.

The provider is a small HTTP server on 127.0.0.1 with a token endpoint and a JWKS endpoint, like
ID-porten's: it remembers each authorization request (as ID-porten does when the person has logged in),
checks the PKCE code verifier against the challenge it saw, the client's credentials and the redirect
URI, and returns a real RS256-signed ID token. The test plays the browser: it follows Stafett's redirect
to the provider's authorize URL, takes the parameters from it, and comes back to the callback with a
code. Nothing in Stafett or the library is mocked; Stafett talks HTTP to the provider.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, parse_qsl, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY as AUTH_USER_KEY
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from coordination.accounts import idporten
from coordination.accounts.models import Invitation
from coordination.models import AccountKind, User
from coordination.services.invitations import invitation_send
from coordination.services.team import relative_add
from tests import factories
from tests.test_security_settings import _manage, _production_env

START, CALLBACK, LOGOUT = "/min/idporten/logg-inn/", "/min/idporten/retur/", "/min/idporten/logg-ut/"
CLIENT_ID, CLIENT_SECRET = "stafett-kommune-test", "a-client-secret-from-digdir"
YOUTH_PID, RELATIVE_PID, STAFF_PID, UNKNOWN_PID = "01011010020", "12057510054", "05058010024", "31129910065"
SUBSTANTIAL, HIGH = "idporten-loa-substantial", "idporten-loa-high"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()


class Provider:
    """The OpenID provider. `claims` changes the next ID tokens, `signing_key` signs them."""

    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.url
        self.kid = "idporten-test-key"
        self.signing_key = KEY
        self.claims: dict = {}
        self.grants: dict[str, dict] = {}
        self.token_errors: list[str] = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def authorize(self, query: dict, *, pid: str, acr: str = SUBSTANTIAL) -> str:
        """The person logs in at ID-porten: the authorization request is checked and remembered."""
        assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
        assert query["scope"].split() == ["openid", "profile"]
        assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
        assert query["state"] and query["nonce"] and query["acr_values"]
        code = secrets.token_urlsafe(24)
        self.grants[code] = {**query, "pid": pid, "acr": acr}
        return code

    def token(self, form: dict, authorization: str) -> tuple[int, dict]:
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        grant = self.grants.pop(form.get("code", ""), None)  # a code works once
        if authorization != expected:
            return self._refuse("invalid_client")
        if grant is None or form.get("grant_type") != "authorization_code":
            return self._refuse("invalid_grant")
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._refuse("redirect_uri differs from the authorization request")
        if _s256(form.get("code_verifier", "")) != grant["code_challenge"]:
            return self._refuse("code_verifier does not match code_challenge")
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "pairwise-" + grant["pid"][-4:],
            "iat": now,
            "exp": now + 120,
            "auth_time": now,
            "nonce": grant["nonce"],
            "pid": grant["pid"],
            "acr": grant["acr"],
            "amr": ["TestID"],
            "sid": secrets.token_urlsafe(16),
            "locale": "nb",
            **self.claims,
        }
        id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": self.kid})
        return 200, {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer", "id_token": id_token}

    def _refuse(self, why: str) -> tuple[int, dict]:
        self.token_errors.append(why)
        return 400, {"error": "invalid_grant", "error_description": why}

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(KEY.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/jwks.json":
                self._answer(200, provider.jwks())
            else:
                self._answer(404, {"error": "not_found"})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            form = {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
            if self.path == "/token":
                self._answer(*provider.token(form, self.headers.get("Authorization", "")))
            else:
                self._answer(404, {"error": "not_found"})

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def provider(settings):
    provider = Provider()
    provider.thread.start()
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = provider.issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider.url + "/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = provider.url + "/token"
    settings.OIDC_OP_JWKS_ENDPOINT = provider.url + "/jwks.json"
    settings.OIDC_OP_LOGOUT_ENDPOINT = provider.url + "/logout"
    settings.OIDC_PROXY = {"http": None, "https": None}  # local: never through a proxy from the environment
    yield provider
    provider.server.shutdown()
    provider.server.server_close()


@pytest.fixture
def people(cast):
    """A youth with their own Stafett, a guardian invited but not yet in, and a staff member whose
    national id a record (wrongly) points to."""
    youth = cast.youth
    youth.national_id, youth.phone = YOUTH_PID, "+4791234567"
    youth.save()
    invitation_send(actor=cast.holder, youth=youth, channel="sms")
    youth.refresh_from_db()
    User.objects.filter(pk=youth.account_id).update(is_active=True, language_chosen=True)  # accepted
    guardian = relative_add(
        actor=cast.holder,
        youth=youth,
        name="Mor Ung",
        relation="Mor",
        has_parental_responsibility=True,
        phone="+4792345678",
        national_id=RELATIVE_PID,
    )
    invitation_send(actor=cast.holder, youth=youth, channel="sms", relative=guardian)
    guardian.refresh_from_db()
    misfiled = relative_add(
        actor=cast.holder, youth=youth, name="Kari", relation="Tante", national_id=STAFF_PID
    )
    misfiled.account = cast.member
    misfiled.save()
    return youth, guardian


def _start(client, provider) -> dict:
    response = client.get(START)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == provider.url + "/authorize"
    return dict(parse_qsl(location.query))


def _login(client, provider, *, pid: str, acr: str = SUBSTANTIAL):
    query = _start(client, provider)
    code = provider.authorize(query, pid=pid, acr=acr)
    return client.get(CALLBACK, {"code": code, "state": query["state"], "iss": provider.issuer})


def _signed_in(client) -> bool:
    return AUTH_USER_KEY in client.session


def _refused(response, client, page: str = "accounts/idporten_failed.html") -> bool:
    return page in [template.name for template in response.templates] and not _signed_in(client)


@pytest.fixture
def failures(caplog):
    """The reasons written to the security log for failed ID-porten logins."""
    return lambda: [
        record.reason for record in caplog.records if getattr(record, "event", "") == "idporten_failed"
    ]


def test_the_start_sends_the_browser_to_the_provider_with_state_nonce_pkce(client, provider, settings, db):
    query = _start(client, provider)
    assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == settings.STAFETT_BASE_URL + CALLBACK
    assert query["scope"] == "openid profile" and query["acr_values"] == SUBSTANTIAL
    assert query["code_challenge_method"] == "S256"
    assert len(query["state"]) >= 32 and len(query["nonce"]) >= 32 and query["state"] != query["nonce"]
    assert query["ui_locales"] == "nb"
    kept = client.session["oidc_states"][query["state"]]
    assert kept["nonce"] == query["nonce"] and _s256(kept["code_verifier"]) == query["code_challenge"]


def test_a_youth_logs_in_and_lands_on_their_own_stafett(client, provider, people):
    youth, _guardian = people
    response = _login(client, provider, pid=YOUTH_PID)
    assert response.status_code == 302 and response["Location"] == "/min/"
    assert client.session[AUTH_USER_KEY] == str(youth.account_id)
    assert client.session[idporten.SESSION_KEY] == {"user": youth.account_id, "acr": SUBSTANTIAL}
    assert provider.token_errors == []
    page = client.get("/min/")  # no one-time code, no authenticator: ID-porten was the second factor
    assert page.status_code == 200 and youth.first_name in page.content.decode()
    assert client.get("/ungdommer/").status_code == 404  # and still no staff page


def test_level_high_is_accepted_when_substantial_is_asked_for(client, provider, people):
    youth, _guardian = people
    assert _login(client, provider, pid=YOUTH_PID, acr=HIGH)["Location"] == "/min/"
    assert client.session[AUTH_USER_KEY] == str(youth.account_id)


def test_an_invited_guardian_is_activated_and_the_invitation_used_up(client, provider, people):
    _youth, guardian = people
    assert not guardian.account.is_active
    response = _login(client, provider, pid=RELATIVE_PID)
    assert response.status_code == 302 and response["Location"] == "/min/sprak/"  # first time: language
    guardian.account.refresh_from_db()
    assert guardian.account.is_active and guardian.account.kind == AccountKind.RELATIVE
    assert client.session[AUTH_USER_KEY] == str(guardian.account_id)
    assert Invitation.objects.get(account=guardian.account).accepted_at is not None


def test_an_expired_invitation_does_not_open_the_account(client, provider, people):
    _youth, guardian = people
    Invitation.objects.filter(account=guardian.account).update(expires_at="2000-01-01T00:00Z")
    response = _login(client, provider, pid=RELATIVE_PID)
    assert response.status_code == 403 and _refused(response, client, "accounts/idporten_not_found.html")
    guardian.account.refresh_from_db()
    assert not guardian.account.is_active


def test_somebody_unknown_gets_a_plain_page_and_no_account(client, provider, people):
    users = User.objects.count()
    response = _login(client, provider, pid=UNKNOWN_PID)
    assert response.status_code == 403 and _refused(response, client, "accounts/idporten_not_found.html")
    assert "spør den som følger deg opp" in response.content.decode()
    assert User.objects.count() == users


def test_a_youth_not_invited_has_no_account_to_log_in_to(client, provider, cast):
    cast.youth.national_id = YOUTH_PID
    cast.youth.save()
    response = _login(client, provider, pid=YOUTH_PID)
    assert response.status_code == 403 and _refused(response, client, "accounts/idporten_not_found.html")
    assert not User.objects.exclude(kind=AccountKind.STAFF).exists()


def test_a_staff_account_is_never_logged_in_through_id_porten(client, provider, people, cast):
    response = _login(client, provider, pid=STAFF_PID)  # a relative record points at cast.member
    assert response.status_code == 403 and _refused(response, client, "accounts/idporten_not_found.html")
    youth, _guardian = people
    youth.account.is_staff = True  # a youth account with admin rights is staff too
    youth.account.save()
    response = _login(Client(), provider, pid=YOUTH_PID)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        pytest.param({"nonce": "a-nonce-from-another-login"}, "Nonce verification failed", id="wrong nonce"),
        pytest.param({"aud": "another-client"}, "Audience doesn't match", id="wrong audience"),
        pytest.param(
            {"aud": [CLIENT_ID, "another"]}, "azp is not this client", id="several audiences, no azp"
        ),
        pytest.param({"iss": "https://idporten.example"}, "Invalid issuer", id="wrong issuer"),
        pytest.param(
            {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 3720}, "expired", id="expired"
        ),
        pytest.param({"iat": int(time.time()) + 3600}, "not yet valid", id="issued in the future"),
        pytest.param({"acr": "idporten-loa-low"}, "level of assurance too low", id="level too low"),
        pytest.param({"pid": ""}, "no national identity number", id="no national id"),
    ],
)
def test_a_token_with_a_wrong_claim_is_rejected(client, provider, people, failures, claims, reason):
    provider.claims = claims
    response = _login(client, provider, pid=YOUTH_PID)
    assert response.status_code == 400 and _refused(response, client)
    assert len(failures()) == 1 and reason in failures()[0]


def test_a_token_signed_with_another_key_is_rejected(client, provider, people, failures):
    provider.signing_key = OTHER_KEY  # same kid, so only the signature tells
    response = _login(client, provider, pid=YOUTH_PID)
    assert response.status_code == 400 and _refused(response, client)
    assert failures() == ["ID token: Signature verification failed"]


def test_a_high_level_service_refuses_substantial(client, provider, people, settings, failures):
    settings.OIDC_ACR_VALUES = HIGH
    query = _start(client, provider)
    assert query["acr_values"] == HIGH
    code = provider.authorize(query, pid=YOUTH_PID, acr=SUBSTANTIAL)  # a token at a lower level
    response = client.get(CALLBACK, {"code": code, "state": query["state"]})
    assert response.status_code == 400 and _refused(response, client)
    assert failures() == ["ID token: level of assurance too low"]


def test_a_wrong_state_is_rejected(client, provider, people, failures):
    query = _start(client, provider)
    code = provider.authorize(query, pid=YOUTH_PID)
    response = client.get(CALLBACK, {"code": code, "state": "a-state-this-browser-never-sent"})
    assert response.status_code == 400 and _refused(response, client)
    assert "state not found" in failures()[0]
    assert provider.grants  # the code never reached the token endpoint


def test_a_code_and_state_taken_to_another_browser_are_rejected(client, provider, people, failures):
    query = _start(client, provider)
    code = provider.authorize(query, pid=YOUTH_PID)
    other = Client()
    response = other.get(CALLBACK, {"code": code, "state": query["state"]})
    assert response.status_code == 400 and _refused(response, other)
    assert failures() == ["login failure: no login in this session"] and code in provider.grants


def test_an_injected_code_fails_pkce_at_the_provider(client, provider, people, failures):
    """An attacker's browser starts its own login and comes back with the victim's code: the
    attacker's code verifier does not match the challenge the victim's browser sent."""
    victim = _start(Client(), provider)
    code = provider.authorize(victim, pid=YOUTH_PID)
    own = _start(client, provider)
    response = client.get(CALLBACK, {"code": code, "state": own["state"]})
    assert response.status_code == 400 and _refused(response, client)
    assert provider.token_errors == ["code_verifier does not match code_challenge"]
    assert failures() == ["token or JWKS request failed: HTTPError"]


def test_a_code_works_once(client, provider, people):
    query = _start(client, provider)
    code = provider.authorize(query, pid=YOUTH_PID)
    assert client.get(CALLBACK, {"code": code, "state": query["state"]})["Location"] == "/min/"
    again = Client()
    replay = _start(again, provider)
    response = again.get(CALLBACK, {"code": code, "state": replay["state"]})
    assert response.status_code == 400 and _refused(response, again)
    assert provider.token_errors == ["invalid_grant"]


def test_an_answer_from_another_issuer_is_rejected(client, provider, people, failures):
    query = _start(client, provider)
    code = provider.authorize(query, pid=YOUTH_PID)
    response = client.get(CALLBACK, {"code": code, "state": query["state"], "iss": "https://evil.example"})
    assert response.status_code == 400 and _refused(response, client)
    assert failures() == ["authorization response from another issuer"] and code in provider.grants


def test_the_person_cancelling_at_id_porten_logs_nobody_in(client, provider, people, failures):
    query = _start(client, provider)
    response = client.get(CALLBACK, {"error": "access_denied", "state": query["state"]})
    assert response.status_code == 400 and _refused(response, client)
    assert failures() == ["login failure: access_denied"]
    assert query["state"] not in client.session["oidc_states"]


def test_an_unreachable_provider_is_a_plain_failure(client, provider, people, settings, failures):
    query = _start(client, provider)
    code = provider.authorize(query, pid=YOUTH_PID)
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"  # nothing listens there
    response = client.get(CALLBACK, {"code": code, "state": query["state"]})
    assert response.status_code == 400 and _refused(response, client)
    assert failures() == ["token or JWKS request failed: ConnectionError"]


def test_logging_out_ends_the_session_and_the_one_at_id_porten(client, provider, people, settings):
    _login(client, provider, pid=YOUTH_PID)
    id_token = client.session[idporten.ID_TOKEN_KEY]
    response = client.post(LOGOUT)
    location = urlsplit(response["Location"])
    assert response.status_code == 302 and location.path == "/logout"
    query = dict(parse_qsl(location.query))
    assert query["id_token_hint"] == id_token
    assert query["post_logout_redirect_uri"] == settings.STAFETT_BASE_URL + "/min/logg-inn/"
    assert not _signed_in(client) and client.get("/min/").status_code == 302
    assert client.get(LOGOUT).status_code == 405  # only a form posted with the CSRF token logs out


def test_the_id_porten_mark_is_no_second_factor_for_staff(client, provider, cast):
    client.force_login(cast.member)
    session = client.session
    session[idporten.SESSION_KEY] = {"user": cast.member.pk, "acr": HIGH}
    session.save()
    response = client.get("/ungdommer/")
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/tofaktor/")


def test_a_youth_without_the_mark_still_needs_the_second_factor(client, provider, people):
    youth, _guardian = people
    client.force_login(youth.account)
    assert client.get("/min/").status_code == 302


def test_without_a_client_id_id_porten_is_off(client, provider, settings, people):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK, {"code": "x", "state": "y"}).status_code == 404
    assert client.post(LOGOUT).status_code == 404
    assert provider.grants == {} and not _signed_in(client)


def test_the_staff_login_is_unchanged_and_never_reaches_id_porten(client, provider, cast, rf):
    request = rf.get(CALLBACK, {"code": "x", "state": "y"})
    assert idporten.IDPortenBackend().authenticate(request, username="member", password="x") is None
    response = client.post("/logg-inn/", {"username": "member", "password": factories.PASSWORD})
    assert response.status_code == 302 and client.session[AUTH_USER_KEY] == str(cast.member.pk)
    assert idporten.SESSION_KEY not in client.session
    assert client.get("/ungdommer/")["Location"].startswith("/logg-inn/tofaktor/")  # password, then TOTP
    assert provider.token_errors == [] and provider.grants == {}


IDPORTEN_TEST_ENV = {
    "OIDC_RP_CLIENT_ID": "8c9e1f3a-kommune-stafett",
    "OIDC_RP_CLIENT_SECRET": "from-digdir-selvbetjening",
    "OIDC_OP_ISSUER": "https://test.idporten.no",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.test.idporten.no/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://test.idporten.no/token",
    "OIDC_OP_JWKS_ENDPOINT": "https://test.idporten.no/jwks.json",
    "OIDC_OP_LOGOUT_ENDPOINT": "https://login.test.idporten.no/logout",
}


def test_a_production_configuration_passes_the_deploy_check(tmp_path):
    env = _production_env(tmp_path, **IDPORTEN_TEST_ENV)
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    code = "from django.conf import settings as s; print(s.SECURE_CSP['form-action'][-1], s.OIDC_USE_PKCE)"
    result = _manage(env, "shell", "--no-imports", "-c", code)
    assert result.stdout.split() == ["https://login.test.idporten.no", "True"], result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"OIDC_OP_JWKS_ENDPOINT": None}, "these must be too: OIDC_OP_JWKS_ENDPOINT"),
        ({"OIDC_OP_TOKEN_ENDPOINT": "http://test.idporten.no/token"}, "must be https:// URLs"),
        ({"OIDC_ACR_VALUES": "idporten-loa-low"}, "OIDC_ACR_VALUES must be"),
    ],
)
def test_an_incomplete_configuration_stops_start_up(tmp_path, overrides, message):
    result = _manage(_production_env(tmp_path, **{**IDPORTEN_TEST_ENV, **overrides}), "check")
    assert result.returncode != 0 and message in result.stderr
