"""Pages of accepting a staff invitation: the link, the password, the authenticator, the recovery codes.

The link and the step page are public (the invitee cannot sign in yet); the step page works only for
the browser session that opened a valid link (coordination.accounts.staff_invitations).
"""

import base64
from functools import partial

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from coordination.access import own_data_only, public
from coordination.accounts import staff_invitations as service
from coordination.accounts.forms import AuthenticatorConfirmForm
from coordination.accounts.models import StaffInvitation
from coordination.accounts.second_factor import format_code
from coordination.forms.staff import InvitationPasswordForm
from coordination.web.views import submit

GONE = "accounts/staff_invitation_gone.html"


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    # Generated here from our own otpauth URL: no user input reaches the markup.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


@public
@never_cache
@require_http_methods(["GET"])
def staff_invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail: the acceptance continues in this session, without the token."""
    if request.user.is_authenticated:
        return render(request, GONE, {"signed_in": True})
    invitation = service.staff_invitation_for_token(token)
    if invitation is None:
        return render(request, GONE, status=404)
    service.staff_invitation_start(request=request, invitation=invitation)
    return redirect("staff_invitation")


@public
@never_cache
@sensitive_post_parameters("new_password1", "new_password2", "token")
@require_http_methods(["GET", "POST"])
def staff_invitation(request: HttpRequest) -> HttpResponse:
    """The step the invitation has reached: the password, then the authenticator."""
    if request.user.is_authenticated:
        return redirect("home")  # e.g. back here after the last step
    invitation = service.staff_invitation_in_session(request)
    if invitation is None:
        return render(request, GONE, status=404)
    if invitation.password_set_at is None:
        return _password(request, invitation)
    return _authenticator(request, invitation)


def _password(request: HttpRequest, invitation: StaffInvitation) -> HttpResponse:
    form = InvitationPasswordForm(invitation.user, request.POST or None)
    done = submit(
        request,
        form,
        partial(service.staff_invitation_password_set, request=request, invitation=invitation),
        success=_("Your password is saved. Now set up the authenticator app."),
        then=resolve_url("staff_invitation"),
    )
    context = {"form": form, "invitee": invitation.user, "expires_at": invitation.expires_at}
    return done or render(request, "accounts/staff_invitation_password.html", context)


def _authenticator(request: HttpRequest, invitation: StaffInvitation) -> HttpResponse:
    device = service.staff_invitation_device(invitation)
    form = AuthenticatorConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if service.staff_invitation_complete(request=request, invitation=invitation, token=token):
            return redirect("staff_invitation_codes")
        form.add_error("token", _("The code did not match. Check the time on your phone and try again."))
    context = {
        "form": form,
        "invitee": invitation.user,
        "qr_svg": _qr_svg(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "accounts/staff_invitation_authenticator.html", context)


@own_data_only
@never_cache
@require_http_methods(["GET"])
def staff_invitation_codes(request: HttpRequest) -> HttpResponse:
    """Signed in at last: the recovery codes, this once."""
    codes = service.staff_invitation_codes_pop(request)
    if not codes:
        return redirect(settings.LOGIN_REDIRECT_URL)
    context = {
        "codes": [format_code(code) for code in codes],
        "next": resolve_url(settings.LOGIN_REDIRECT_URL),
    }
    return render(request, "registration/recovery_codes.html", context)
