"""Pages of the sign-in for youths and relatives: ask for a code, type it, accept an invitation,
choose a language the first time."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from coordination.access import any_signed_in, citizen_pages, public
from coordination.access.staff import staff_start_page
from coordination.accounts import one_time_codes
from coordination.accounts.forms import AddressForm, CodeForm, LanguageForm
from coordination.errors import BusinessRuleError
from coordination.services.invitations import invitation_complete, invitation_for_token

INVITATION = "stafett_invitation"


def _home(user) -> HttpResponse:
    return redirect("my_stafett" if user.language_chosen else "choose_language")


@public
@never_cache
@require_http_methods(["GET", "POST"])
def code_start(request: HttpRequest) -> HttpResponse:
    """Step 1: a mobile number or e-mail; a code goes there if it belongs to somebody."""
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            one_time_codes.code_request(request=request, raw_address=form.cleaned_data["address"])
        except BusinessRuleError as error:
            form.add_error("address", error)
        else:
            request.session.pop(INVITATION, None)
            return redirect("code_verify")
    return render(request, "accounts/code_start.html", {"form": form})


@public
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def code_verify(request: HttpRequest) -> HttpResponse:
    """Step 2: the code. Wrong, expired, used or unknown look the same."""
    if one_time_codes.PENDING not in request.session:
        return redirect("code_start")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation_id = request.session.get(INVITATION)

        def activate(user):
            return invitation_complete(invitation_id=invitation_id) if invitation_id else user

        user = one_time_codes.code_verify(request=request, code=form.cleaned_data["code"], activate=activate)
        if user is not None:
            return _home(user)
        form.add_error("code", _("The code is wrong or too old. Check it, or ask for a new one."))
    context = {"form": form, "demo_code": request.session.get(one_time_codes.DEMO_CODE)}
    return render(request, "accounts/code_verify.html", context)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation: a code goes to the number or address it was sent to."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_gone.html", status=404)
    if request.method == "POST":
        try:
            one_time_codes.code_send(
                request=request,
                channel=invitation.channel,
                address=invitation.address,
                user=invitation.account,
            )
        except BusinessRuleError as error:
            return render(
                request, "accounts/invitation.html", {"invitation": invitation, "error": error.message}
            )
        request.session[INVITATION] = invitation.pk
        return redirect("code_verify")
    return render(request, "accounts/invitation.html", {"invitation": invitation})


@citizen_pages
@require_http_methods(["GET", "POST"])
def choose_language(request: HttpRequest) -> HttpResponse:
    """The first time: the language of the pages and of the messages we send."""
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        user = request.user
        user.language, user.language_chosen = form.cleaned_data["language"], True
        user.save(update_fields=["language", "language_chosen"])
        translation.activate(user.language)
        response = redirect("my_stafett")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax", secure=request.is_secure()
        )
        return response
    return render(request, "accounts/choose_language.html", {"form": form})


@any_signed_in
@require_http_methods(["GET"])
def start(request: HttpRequest) -> HttpResponse:
    """The start page sends each kind of account to its own pages."""
    if request.user.is_citizen:
        return _home(request.user)
    return redirect(staff_start_page(request.user))
