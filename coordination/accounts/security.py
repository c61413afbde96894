"""Small security helpers shared by settings, middleware and views: the client's address behind
proxies, the breached-password check and the security event log."""

import hashlib
import ipaddress
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

security_log = logging.getLogger("stafett.security")


def client_ip(request: HttpRequest) -> str:
    """The client's address as seen by the outermost trusted proxy.

    With TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For was written by
    our own outermost proxy; anything to its left came from the client and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= count:
            remote = forwarded[-count]
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - a placeholder for "unknown", never bound to


def log_security_event(event: str, request: HttpRequest | None = None, **fields) -> None:
    """One line per authentication or session event. Never pass youth data here."""
    if request is not None:
        fields.setdefault("ip", client_ip(request))
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields.setdefault("user_id", user.pk)
    security_log.info(event, extra={"event": event, **fields})


class BreachedPasswordValidator:
    """Rejects passwords found in Have I Been Pwned's breach corpus (k-anonymity range API).

    Only the first five hex characters of the password's SHA-1 leave the server. If the API cannot
    be reached the password is let through (the other validators still apply) and a warning is logged,
    so an outage of a third party never stops a password change.
    """

    api_url = "https://api.pwnedpasswords.com/range/"

    def __init__(self, timeout: float = 3.0):
        self.timeout = timeout

    def breach_count(self, password: str) -> int | None:
        digest = hashlib.sha1(password.encode()).hexdigest().upper()  # noqa: S324 - the API's format
        prefix, suffix = digest[:5], digest[5:]
        request = urllib.request.Request(  # noqa: S310 - fixed https URL
            self.api_url + prefix, headers={"Add-Padding": "true", "User-Agent": "Stafett"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read().decode()
        except (urllib.error.URLError, TimeoutError, OSError):
            security_log.warning("password breach check unavailable", extra={"event": "breach_check_down"})
            return None
        for line in body.splitlines():
            candidate, _sep, count = line.partition(":")
            if candidate.strip() == suffix:
                return int(count.strip() or 0)
        return 0

    def validate(self, password: str, user=None) -> None:
        if self.breach_count(password):
            raise ValidationError(
                _("This password has appeared in a data breach. Choose another one."),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Your password must not be one that has appeared in a known data breach.")


def lockout_response(request: HttpRequest, credentials: dict | None, *args, **kwargs):
    """django-axes' answer to a locked-out login: our page, status 429, no detail about which limit."""
    log_security_event("login_locked_out", request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
