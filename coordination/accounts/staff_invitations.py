"""Staff invitations: a new colleague chooses a password and enrols the authenticator before the account
can be used at all.

A team lead (their agency's staff) or a municipality administrator (team leads of the municipality's
agencies) invites by e-mail (coordination.services.staff). The account is created inactive, with an
unusable password. The link in the e-mail holds a random token of which only a hash is stored; it
expires after STAFF_INVITATION_HOURS and opens the password page once. The browser session that chose
the password then enrols the authenticator (coordination.accounts.second_factor), and only the first
right code from it makes the account active and signs it in: until then the password opens nothing,
because Django refuses to sign in an inactive account. A new invitation revokes the open ones, with
their password and half-enrolled authenticator. The e-mail names no youth.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.accounts.backends import MODEL_BACKEND
from coordination.accounts.delivery import NotSent, send_email
from coordination.accounts.models import StaffInvitation
from coordination.accounts.second_factor import totp_confirm, totp_pending_device
from coordination.accounts.security import log_security_event
from coordination.errors import BusinessRuleError
from coordination.models import User

# The invitation being accepted in this browser session, from opening the link to the first code.
SESSION_KEY = "stafett_staff_invitation"
# The recovery codes, shown once on the page after the first code (then removed from the session).
CODES_KEY = "stafett_staff_invitation_codes"
_BACKEND = MODEL_BACKEND


def invitation_hours() -> int:
    """How long a link works: STAFF_INVITATION_HOURS, 72 unless set."""
    return settings.STAFF_INVITATION_HOURS


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def staff_invitation_issue(*, actor: User, user: User) -> StaffInvitation:
    """A new link for an account that has not been taken into use: the open ones stop working, and so
    do a password and an authenticator chosen with them. The e-mail is the invitation (only a hash of
    its link is stored), so it goes first: when the mail server fails, nothing here is written and the
    caller's transaction (a new account) is rolled back with it."""
    token = secrets.token_urlsafe(32)
    hours = invitation_hours()
    link = settings.STAFETT_BASE_URL + reverse("staff_invitation_open", args=[token])
    inviter, agency = str(actor), str(user.agency) if user.agency_id else ""
    try:
        _send(user, inviter, agency, link, hours)
    except NotSent:
        raise BusinessRuleError(
            _("We could not send the e-mail with the invitation just now. Try again in a few minutes.")
        ) from None
    now = timezone.now()
    StaffInvitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    invitation = StaffInvitation.objects.create(
        user=user,
        invited_by=actor,
        token_hash=_hash(token),
        expires_at=now + datetime.timedelta(hours=hours),
    )
    log_security_event("staff_invitation_sent", user_id=user.pk, actor_id=actor.pk)
    return invitation


def _send(user: User, inviter: str, agency: str, link: str, hours: int) -> None:
    # Who invited, to which agency, the link and the username: never a youth or a case.
    with override(user.language or settings.LANGUAGE_CODE):
        body = _(
            "%(inviter)s has made a user account in Stafett for you at %(agency)s.\n\n"
            "Choose a password and set up the authenticator app on your phone here. The link works "
            "once and for %(hours)d hours:\n%(link)s\n\n"
            "Your username is %(username)s.\n\n"
            "If you did not expect this e-mail, you can ignore it."
        ) % {"inviter": inviter, "agency": agency, "hours": hours, "link": link, "username": user.username}
        send_email(_("Your user account in Stafett"), body, user.email)


def staff_invitation_for_token(token: str) -> StaffInvitation | None:
    """The invitation of a link that still opens the password page; None for unknown, expired, used
    or revoked (they look the same)."""
    if not token or len(token) > 200:
        return None
    invitation = (
        StaffInvitation.objects.select_related("user", "user__agency").filter(token_hash=_hash(token)).first()
    )
    return invitation if invitation is not None and invitation.link_usable else None


def staff_invitation_start(*, request: HttpRequest, invitation: StaffInvitation) -> None:
    """The link was opened: the rest of the acceptance belongs to this browser session, and the token
    leaves the address bar."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = invitation.pk
    log_security_event("staff_invitation_opened", request, user_id=invitation.user_id)


def staff_invitation_in_session(request: HttpRequest) -> StaffInvitation | None:
    pk = request.session.get(SESSION_KEY)
    if not isinstance(pk, int):
        return None
    invitation = StaffInvitation.objects.select_related("user", "user__agency").filter(pk=pk).first()
    return invitation if invitation is not None and invitation.is_open else None


def _locked(invitation: StaffInvitation) -> StaffInvitation:
    return StaffInvitation.objects.select_for_update().select_related("user").get(pk=invitation.pk)


@transaction.atomic
def staff_invitation_password_set(
    *, request: HttpRequest, invitation: StaffInvitation, password: str
) -> User:
    """The password, checked by Django's validators in the form. The link is used up; the account
    stays inactive until the authenticator is enrolled."""
    invitation = _locked(invitation)
    if not invitation.link_usable:
        raise BusinessRuleError(_("The invitation has expired or has been used. Ask for a new one."))
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.password_set_at = timezone.now()
    invitation.save(update_fields=["password_set_at"])
    log_security_event("staff_invitation_password_set", request, user_id=user.pk)
    return user


def staff_invitation_device(invitation: StaffInvitation) -> TOTPDevice:
    return totp_pending_device(user=invitation.user)


@transaction.atomic
def staff_invitation_complete(*, request: HttpRequest, invitation: StaffInvitation, token: str) -> bool:
    """The first code from the authenticator: the account becomes active and this session is signed
    in, with the second factor passed. The recovery codes wait in the session to be shown once.
    False when the code is wrong (django-otp throttles further tries) or the invitation has lapsed."""
    invitation = _locked(invitation)
    if not invitation.awaits_authenticator:
        return False
    user = invitation.user
    device = totp_pending_device(user=user)
    # django_otp.login marks the session of request.user as verified by the device: the invitee is
    # that user for this step, though not signed in (the account is still inactive).
    request.user = user
    codes = totp_confirm(request=request, device=device, token=token)
    if codes is None:
        request.user = AnonymousUser()
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    login(request, user, backend=_BACKEND)  # a new session key, keeping the verified device
    request.session.pop(SESSION_KEY, None)
    request.session[CODES_KEY] = codes
    log_security_event("staff_invitation_accepted", request, user_id=user.pk)
    return True


def staff_invitation_codes_pop(request: HttpRequest) -> list[str]:
    codes = request.session.pop(CODES_KEY, None)
    return codes if isinstance(codes, list) else []
