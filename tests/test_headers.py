"""The security headers of every page: CSP with nonces, HSTS, cookies, no caching of youth data."""

import re

import pytest

from tests.test_url_access import _youth_urls


def _csp(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.fixture
def page(cast, client, login):
    login(cast.member)
    return client.get("/ungdommer/", secure=True)


def test_csp_allows_only_own_scripts_with_this_responses_nonce(page):
    csp = _csp(page)
    nonce = re.search(r"'nonce-([^']+)'", " ".join(csp["script-src"])).group(1)
    assert csp["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]
    assert "'unsafe-eval'" not in page["Content-Security-Policy"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["style-src"] == ["'self'"]
    html = page.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts, "htmx is loaded"
    for tag in scripts:
        assert 'src="/static/' in tag and f'nonce="{nonce}"' in tag, tag
    assert ' style="' not in html and "<style" not in html


def test_each_response_gets_a_fresh_nonce(cast, client, login):
    login(cast.member)
    first, second = (_csp(client.get("/ungdommer/"))["script-src"][1] for _ in range(2))
    assert first != second


def test_htmx_is_configured_for_the_csp(page):
    html = page.content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html).group(1)
    assert '"includeIndicatorStyles": false' in config and '"allowEval": false' in config
    assert '"historyCacheSize": 0' in config  # no copies of pages with youth data in localStorage


def test_hsts_and_other_hardening_headers(page):
    assert page["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cross-Origin-Opener-Policy"] == "same-origin"


def test_youth_pages_are_never_cached(cast, client, login):
    login(cast.holder)
    for url in ["/ungdommer/", "/stafetter/", *_youth_urls(cast)]:
        response = client.get(url, secure=True)
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


def test_cookies_are_secure_httponly_samesite_and_host_only(cast, client, settings):
    client.get("/logg-inn/", secure=True)
    response = client.post(
        "/logg-inn/",
        {"username": cast.member.username, "password": "correct-horse-battery-staple"},
        secure=True,
    )
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_NAME.startswith("__Host-")
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]
    assert session["max-age"] == ""  # dies with the browser; the server ends it after 12 h anyway
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert settings.CSRF_COOKIE_NAME.startswith("__Host-")
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https_except_for_health_probes(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/logg-inn/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/helse/web/").status_code in (200, 503)


def test_responses_carry_a_request_id(client):
    response = client.get("/logg-inn/")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert (
        client.get("/logg-inn/", headers={"X-Request-ID": "proxy-1234abcd"})["X-Request-ID"]
        == "proxy-1234abcd"
    )
    forged = client.get("/logg-inn/", headers={"X-Request-ID": "<script>\n"})["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", forged)
