"""The second-factor step after the password (enrol an authenticator, or verify a code), and the
user's own security page (recovery codes)."""

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from coordination.access import own_data_only, second_factor_not_required
from coordination.accounts import second_factor as service
from coordination.accounts.forms import AuthenticatorConfirmForm, SecondFactorForm
from coordination.accounts.security import log_security_event


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    # Generated here from our own otpauth URL: no user input reaches the markup.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


@own_data_only
@second_factor_not_required
@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """First login: connect an authenticator app (TOTP) and receive recovery codes."""
    if request.user.is_verified() or service.has_authenticator(request.user):
        return redirect(_next_url(request))
    device = service.totp_pending_device(user=request.user)
    form = AuthenticatorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = service.totp_confirm(request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            return render(
                request,
                "registration/recovery_codes.html",
                {"codes": [service.format_code(code) for code in codes], "next": _next_url(request)},
            )
        form.add_error("token", _("The code did not match. Check the time on your phone and try again."))
    context = {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": _next_url(request),
    }
    return render(request, "registration/otp_setup.html", context)


@own_data_only
@second_factor_not_required
@never_cache
@sensitive_post_parameters("token")
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Every login: the code from the authenticator, or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not service.has_authenticator(request.user):
        return redirect("otp_setup")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = service.second_factor_throttled_seconds(request.user)
        if wait:
            message = _("Too many wrong codes. Wait %(seconds)d seconds and try again.") % {"seconds": wait}
            form.add_error("token", message)
        elif service.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            left = service.recovery_codes_left(request.user)
            if left <= 3:
                messages.warning(
                    request,
                    _("You have %(count)d recovery codes left. Make new ones under Security.")
                    % {"count": left},
                )
            return redirect(_next_url(request))
        else:
            form.add_error("token", _("The code is wrong or has expired."))
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next_url(request)})


@own_data_only
@never_cache
@require_http_methods(["GET", "POST"])
def security(request: HttpRequest) -> HttpResponse:
    """The user's own second factor: how many recovery codes are left; make new ones."""
    if request.method == "POST":
        codes = service.recovery_codes_renew(user=request.user)
        return render(
            request,
            "registration/recovery_codes.html",
            {
                "codes": [service.format_code(code) for code in codes],
                "next": resolve_url(settings.LOGIN_REDIRECT_URL),
            },
        )
    context = {
        "has_authenticator": service.has_authenticator(request.user),
        "codes_left": service.recovery_codes_left(request.user),
    }
    return render(request, "registration/security.html", context)


@own_data_only
@never_cache
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password. Other sessions of the user end (Django's session hash changes);
    this one continues."""
    form = PasswordChangeForm(request.user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "ds-input")
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        log_security_event("password_changed", request)
        messages.success(request, _("Your password was changed. You are logged out everywhere else."))
        return redirect("security")
    return render(request, "registration/password_change.html", {"form": form})
