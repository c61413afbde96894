"""Sign-in on every request: session lifetimes, login required, and the second factor (deny by default)."""

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from django_otp import middleware as otp_middleware
from django_otp.models import Device

from coordination.accounts.idporten import signed_in_with_idporten
from coordination.accounts.second_factor import has_authenticator
from coordination.accounts.security import log_security_event
from coordination.accounts.sessions import AUTH_AT, SEEN_AT
from coordination.prepared import PreparedQuery, prepared


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
    marked with coordination.access.second_factor_not_required. A youth's or relative's session signed
    in through ID-porten has passed it (ID-porten is multi-factor itself; coordination.accounts.idporten).
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_SECOND_FACTOR:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "second_factor_required", True):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or signed_in_with_idporten(request):
            return None
        step = "otp_verify" if has_authenticator(user) else "otp_setup"
        response = redirect_to_login(request.get_full_path(), resolve_url(step))
        return _htmx_aware(request, response)


class AudienceMiddleware(MiddlewareMixin):
    """Staff pages are for staff, a youth's or relative's own pages for them: the other kind of account
    gets 404 on every page not meant for it, as if it did not exist (deny by default: a page without
    a mark is a staff page). Public pages (login, language, health) are for everybody."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        audience = getattr(view_func, "audience", None) or getattr(
            getattr(view_func, "view_class", None), "audience", "staff"
        )
        if getattr(view_func, "access_rule", None) == "public" or audience == "any":
            return None
        if (audience == "citizen") != user.is_citizen:
            raise Http404
        return None


def _device_query(model_label: str) -> PreparedQuery | None:
    """The prepared lookup of one device model's rows by id, made once per model (None: no such model)."""
    if model_label not in _DEVICE_QUERIES:
        try:
            model = apps.get_model(model_label)
        except (LookupError, ValueError):
            model = None
        is_device = model is not None and issubclass(model, Device)
        _DEVICE_QUERIES[model_label] = _prepared_device_lookup(model) if is_device else None
    return _DEVICE_QUERIES[model_label]


_DEVICE_QUERIES: dict[str, PreparedQuery | None] = {}


def _prepared_device_lookup(model) -> PreparedQuery:
    def device(device_id: int):
        return model.objects.filter(id=device_id).order_by("pk")[:1]

    device.__name__ = f"device_{model._meta.label_lower}"
    return prepared(device)


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's, reading the session's second-factor device on every request with a query compiled
    once per device model (coordination/prepared.py), and refusing an id that names a model that is
    not a device: django-otp 1.x answers that with a 500 (None.first()). The same row otherwise, and
    the same checks after it (the device must be the user's and confirmed)."""

    def _device_from_persistent_id(self, persistent_id: str):
        model_label, _, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        query = _device_query(model_label)
        if query is None or not device_id.isdigit() or not device_id.isascii():
            return None
        return next(iter(query(device_id=int(device_id))), None)
