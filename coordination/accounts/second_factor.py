"""The second factor: TOTP enrolment and verification, recovery codes (django-otp devices)."""

import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.accounts.security import log_security_event
from coordination.accounts.sessions import session_cycle, sessions_end_for_user
from coordination.models import User

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
# Without look-alike characters (0/O, 1/l/I): the codes are read off paper and typed by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_pending_device(*, user: User) -> TOTPDevice:
    """The not-yet-confirmed authenticator the user is enrolling (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _new_code() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(10))


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def normalise_code(token: str) -> str:
    """Spaces, dashes and case do not matter when a code is typed."""
    return "".join(token.split()).replace("-", "").lower()


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Replaces all recovery codes with new ones; returns them so they can be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [_new_code() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    log_security_event("recovery_codes_renewed", user_id=user.pk)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _complete(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # A new session id once the session is fully authenticated (session fixation).
    session_cycle(request=request)


@transaction.atomic
def totp_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirms the authenticator with a first code; returns the new recovery codes, or None."""
    if not device.verify_token(normalise_code(token)):
        log_security_event("otp_enrol_failed", request)
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=device.user)
    _complete(request, device)
    log_security_event("otp_enrolled", request)
    return codes


def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Checks a code from the authenticator, or a recovery code (which is used up)."""
    user = request.user
    token = normalise_code(token)
    # Six digits come from the authenticator, anything else is a recovery code: each kind is only
    # checked (and throttled) on its own device.
    is_totp = len(token) == 6 and token.isdigit()
    device_model = TOTPDevice if is_totp else StaticDevice
    devices = list(device_model.objects.filter(user=user, confirmed=True))
    for device in devices:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            _complete(request, verified)
            kind = "recovery_code" if isinstance(verified, StaticDevice) else "totp"
            log_security_event("otp_verified", request, method=kind)
            return True
    log_security_event("otp_failed", request)
    return False


def second_factor_throttled_seconds(user: User) -> int:
    """How long the user must wait before the next code is even checked (django-otp's back-off)."""
    wait = 0
    for device in [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]:
        allowed, info = device.verify_is_allowed()
        if not allowed and info and info.get("locked_until"):
            wait = max(wait, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
    return wait


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> None:
    """An administrator removes a user's authenticator and recovery codes (lost phone): the user
    enrols again at the next login, and their current sessions end."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessions_end_for_user(user=user, reason="second_factor_reset")
    log_security_event("second_factor_reset", user_id=user.pk, actor_id=actor.pk)
