import logging
import re
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from coordination.logging import request_id_var
from coordination.security import log_security_event

request_log = logging.getLogger("stafett.request")

# A request id from our own proxy is kept (so proxy and app lines join up); anything else is replaced.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

AUTH_AT = "stafett_auth_at"
SEEN_AT = "stafett_seen_at"


class RequestIdMiddleware:
    """Gives each request an id, puts it on every log line and in the X-Request-ID response header,
    and writes one access-log line (path without the query string, which can hold names)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


class NoStoreMiddleware:
    """Nothing Stafett renders may be kept by a browser or proxy cache: pages hold youth data.
    (Static files are served by WhiteNoise before this and keep their long cache lifetimes.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response


class LanguageMiddleware:
    """Bokmål unless the user picked another language (cookie set by the language switch).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a caseworker with an
    English browser would get English by surprise; Stafett's default is nb, and the choice is explicit.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.supported:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT without requests, and SESSION_ABSOLUTE_TIMEOUT after
    login whatever happens. A session without a login time is treated as expired (deny by default)."""

    # Writing the session on every request costs a database write; a minute of slack is harmless.
    touch_after_seconds = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            auth_at = request.session.get(AUTH_AT)
            seen_at = request.session.get(SEEN_AT, auth_at)
            if auth_at is None or now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
                self._end(request, "absolute", _("Your session has ended. Please log in again."))
            elif now - seen_at > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                minutes = int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)
                message = _("You were logged out after %(minutes)d minutes without activity.") % {
                    "minutes": minutes
                }
                self._end(request, "idle", message)
            elif now - seen_at > self.touch_after_seconds:
                request.session[SEEN_AT] = now
        return self.get_response(request)

    @staticmethod
    def _end(request: HttpRequest, reason: str, message: str) -> None:
        log_security_event("session_expired", request, reason=reason)
        logout(request)  # flushes the session server-side and fires user_logged_out
        messages.info(request, message)


def _htmx_aware(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """htmx would follow a redirect to the login page and swap it into a fragment; navigate instead."""
    if getattr(request, "htmx", False) and response.status_code in (301, 302):
        return HttpResponseClientRedirect(response["Location"])
    return response


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    def handle_no_permission(self, request, view_func):
        return _htmx_aware(request, super().handle_no_permission(request, view_func))


class SecondFactorRequiredMiddleware(MiddlewareMixin):
    """Every page that needs a login also needs the second factor (admin included): deny by default.

    Exempt are public views (login, language, health) and the pages of the second-factor step itself,
    marked with coordination.access.second_factor_not_required.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_SECOND_FACTOR:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "second_factor_required", True):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        from coordination.services.second_factor import has_authenticator

        step = "otp_verify" if has_authenticator(user) else "otp_setup"
        response = redirect_to_login(request.get_full_path(), resolve_url(step))
        return _htmx_aware(request, response)
