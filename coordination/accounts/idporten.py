"""Sign-in for youths and relatives with ID-porten (OpenID Connect, mozilla-django-oidc). Off unless
OIDC_RP_CLIENT_ID is set; what a municipality configures is in deploy/README.md ("ID-porten").

The flow is the authorization code flow with state, nonce and PKCE (S256), all three checked: the
library keeps state, nonce and code verifier per login in the session, sends the verifier with the
code, and compares the nonce; this module adds what the library leaves out: the ID token's issuer,
audience (and azp), expiry and issue time, and its level of assurance (`acr`, at least
OIDC_ACR_VALUES), and the `iss` of the authorization response (RFC 9207) when ID-porten sends it.

Who may sign in: the ID token's `pid` (national identity number) is looked up, first as a youth's
`Youth.national_id` (their `Youth.account`), else as a relative's `Relative.national_id` (their
`Relative.account`). Nobody else: no account is ever created here, staff accounts are never signed in
(staff keep password and authenticator), and somebody unknown gets a plain-language page. An account
whose invitation is pending is activated and the invitation used up: ID-porten proves the identity the
invitation's link and code would otherwise prove.

ID-porten is itself multi-factor (levels "substantial" and "high"), so a session it signed in counts as
having passed the second factor: the callback, and nothing else, sets SESSION_KEY, which
SecondFactorRequiredMiddleware accepts through `signed_in_with_idporten` for youths and relatives only.
"""

import secrets
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from coordination.access import public
from coordination.accounts.models import Invitation
from coordination.accounts.security import log_security_event
from coordination.models import AccountKind, Relative, User, Youth
from coordination.services.invitations import invitation_complete

BACKEND = "coordination.accounts.idporten.IDPortenBackend"
SESSION_KEY = "stafett_idporten"  # {"user": pk, "acr": level}: set only by the callback
ID_TOKEN_KEY = "stafett_idporten_id_token"  # noqa: S105 - a session key; the ID token, for logout
# ID-porten's levels of assurance, lowest first; a login must be at least the level asked for.
LEVELS = ("idporten-loa-substantial", "idporten-loa-high")
LEEWAY_SECONDS = 30  # clock difference tolerated on exp and iat


def idporten_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def accepted_levels() -> tuple[str, ...]:
    return LEVELS[LEVELS.index(settings.OIDC_ACR_VALUES) :]


def redirect_uri() -> str:
    """The redirect URI registered at Digdir: fixed from STAFETT_BASE_URL, not from the request's Host."""
    return settings.STAFETT_BASE_URL + reverse("idporten_callback")


def signed_in_with_idporten(request: HttpRequest) -> bool:
    """Whether this session of a youth or relative was signed in through ID-porten at an accepted level
    (the second factor for them; staff never pass through here)."""
    user = request.user
    if not user.is_authenticated or not user.is_citizen:
        return False
    marker = request.session.get(SESSION_KEY) or {}
    return marker.get("user") == user.pk and marker.get("acr") in accepted_levels()


def context(request: HttpRequest) -> dict:
    """For templates: the ID-porten button (accounts/idporten_button.html) and its logout."""
    return {"idporten_enabled": idporten_enabled(), "idporten_session": signed_in_with_idporten(request)}


class IDPortenRefused(Exception):
    """A valid ID token for somebody who may not sign in here; `reason` is for the security log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _is_citizen_account(account: User | None, kind: str) -> bool:
    return account is not None and account.kind == kind and not (account.is_staff or account.is_superuser)


def _is_staff_account(account: User | None) -> bool:
    return account is not None and (
        account.kind == AccountKind.STAFF or account.is_staff or account.is_superuser
    )


def _pending_invitation(account: User) -> Invitation | None:
    return (
        Invitation.objects.filter(account=account, accepted_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def _activate(account: User) -> User | None:
    """An active account as it is; an invited one becomes active, its invitation used up (ID-porten has
    proved who they are, as the one-time code does)."""
    if account.is_active:
        return account
    pending = _pending_invitation(account)
    activated = invitation_complete(invitation_id=pending.pk) if pending else None
    if activated is not None:
        log_security_event("idporten_invitation_accepted", user_id=account.pk)
    return activated


def account_for_pid(pid: str) -> User:
    """The youth's own account, else the one relative account, for a national identity number."""
    youth = Youth.objects.select_related("account").filter(national_id=pid).first()
    youth_account = youth.account if youth is not None else None
    relatives = Relative.objects.select_related("account").filter(national_id=pid, account__isnull=False)
    relative_accounts = {relative.account for relative in relatives}
    if any(_is_staff_account(account) for account in (youth_account, *relative_accounts)):
        log_security_event("idporten_staff_account_skipped")  # a record points to a staff account
    if _is_citizen_account(youth_account, AccountKind.YOUTH):
        account = _activate(youth_account)
        if account is not None:
            return account
    accounts = [
        account for account in relative_accounts if _is_citizen_account(account, AccountKind.RELATIVE)
    ]
    candidates = [account for account in accounts if account.is_active] or [
        account for account in accounts if _pending_invitation(account) is not None
    ]
    if len(candidates) > 1:
        raise IDPortenRefused("several_accounts")
    account = _activate(candidates[0]) if candidates else None
    if account is None:
        raise IDPortenRefused("not_found")
    return account


class IDPortenBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, checking the whole ID token and mapping `pid` to an account.

    Signs in only through the ID-porten callback (which passes a nonce); every other authenticate()
    call (the staff password form) gets None. Grants no permissions: those come from the other backends.
    """

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not idporten_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def get_token(self, payload):
        payload["redirect_uri"] = redirect_uri()
        return super().get_token(payload)

    def _verify_jws(self, payload, key):
        """Signature, algorithm, issuer, audience, expiry and issue time (the library checks only the
        signature)."""
        try:
            header = jwt.get_unverified_header(payload)
            if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
                raise SuspiciousOperation("ID token: unexpected algorithm")
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token: {error}") from error

    def verify_token(self, token, **kwargs):
        try:
            claims = super().verify_token(token, **kwargs)  # signature and claims above, then the nonce
        except (jwt.PyJWTError, KeyError, TypeError, ValueError) as error:
            raise SuspiciousOperation(f"ID token: {type(error).__name__}") from error
        audience = claims["aud"]
        if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token: several audiences and azp is not this client")
        if claims.get("acr") not in accepted_levels():
            raise SuspiciousOperation("ID token: level of assurance too low")
        pid = claims.get("pid")
        if not isinstance(pid, str) or len(pid) != 11 or not pid.isdigit():
            raise SuspiciousOperation("ID token: no national identity number (pid)")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        """Never creates: the account of the youth or relative with this pid, or IDPortenRefused."""
        account = account_for_pid(payload["pid"])
        account.idporten_acr = payload["acr"]
        account.idporten_id_token = id_token
        return account

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)  # refuses inactive accounts, unlike the library's

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


def _failed(request: HttpRequest, reason: str) -> HttpResponse:
    log_security_event("idporten_failed", request, reason=reason[:200])
    return render(request, "accounts/idporten_failed.html", status=400)


class _Start(OIDCAuthenticationRequestView):
    def get(self, request):
        if not idporten_enabled():
            raise Http404
        response = super().get(request)
        request.session.pop("oidc_login_next", None)  # a citizen always lands on their own Stafett
        return response

    def get_extra_params(self, request):
        return {
            "redirect_uri": redirect_uri(),
            "acr_values": settings.OIDC_ACR_VALUES,
            "ui_locales": get_language() or settings.LANGUAGE_CODE,
        }


class _Callback(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not idporten_enabled():
            raise Http404
        issuer = request.GET.get("iss")
        if issuer is not None and issuer != settings.OIDC_OP_ISSUER:
            return _failed(request, "authorization response from another issuer")
        try:
            return super().get(request)
        except IDPortenRefused as refused:
            log_security_event("idporten_refused", request, reason=refused.reason)
            return render(request, "accounts/idporten_not_found.html", status=403)
        except SuspiciousOperation as error:
            return _failed(request, str(error))
        except requests.RequestException as error:
            return _failed(request, f"token or JWKS request failed: {type(error).__name__}")

    def login_failure(self):
        reason = self.request.GET.get("error") or "no login in this session"
        return _failed(self.request, f"login failure: {reason}")

    def login_success(self):
        request, user = self.request, self.user
        login(request, user, backend=BACKEND)  # a new session key (Django's login)
        request.session[SESSION_KEY] = {"user": user.pk, "acr": user.idporten_acr}
        request.session[ID_TOKEN_KEY] = user.idporten_id_token
        log_security_event("idporten_login", request, acr=user.idporten_acr)
        return redirect("my_stafett" if user.language_chosen else "choose_language")


class _Logout(OIDCLogoutView):
    """Ends the session here, then at ID-porten (single logout), which sends the browser back."""

    http_method_names = ["post"]

    def post(self, request):
        if not idporten_enabled():
            raise Http404
        return super().post(request)

    @property
    def redirect_url(self):
        return reverse("code_start")


def provider_logout_url(request: HttpRequest) -> str:
    """OIDC_OP_LOGOUT_URL_METHOD: ID-porten's end_session_endpoint with the ID token as hint."""
    id_token = request.session.get(ID_TOKEN_KEY)
    if not id_token or not settings.OIDC_OP_LOGOUT_ENDPOINT:
        return reverse("code_start")
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": settings.STAFETT_BASE_URL + reverse("code_start"),
            "state": secrets.token_urlsafe(16),
        }
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


idporten_start = public(_Start.as_view())
idporten_callback = public(_Callback.as_view())
idporten_logout = public(_Logout.as_view())
