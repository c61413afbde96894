"""Sign-in for youths and relatives with a one-time code by SMS or e-mail (django-otp devices).

Whether an address belongs to anybody is never revealed: every request for a code gets the same
answer, and a code typed for an unknown address is simply wrong. Codes are short-lived, single use,
throttled after wrong tries (django-otp), with a cooldown between codes, and limited per address and
per client address per hour (CodeRequest rows, so the limit holds across processes).
"""

import datetime
import re

from django.conf import settings
from django.contrib.auth import login
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_email.models import EmailDevice

from coordination.accounts.backends import MODEL_BACKEND
from coordination.accounts.models import CodeRequest, SMSDevice
from coordination.accounts.security import client_ip, log_security_event
from coordination.accounts.sessions import session_cycle
from coordination.accounts.sms import SMSNotSent
from coordination.errors import BusinessRuleError
from coordination.models import AccountKind, User

PENDING = "stafett_code_pending"  # {"user": id or None, "device": persistent id or None}
DEMO_CODE = "stafett_demo_code"
_PHONE = re.compile(r"^(?:\+?47)?([2-9]\d{7})$")


def normalise_address(raw: str) -> tuple[str, str] | None:
    """("sms", "+4791234567") or ("email", "ung@example.no"), or None if it is neither."""
    text = "".join(raw.split()).replace("-", "")
    if "@" in text:
        local, _sep, domain = text.rpartition("@")
        if local and "." in domain and len(text) <= 254:
            return "email", text.lower()
        return None
    match = _PHONE.match(text)
    return ("sms", f"+47{match.group(1)}") if match else None


def _citizen_with(channel: str, address: str) -> User | None:
    field = Q(phone=address) if channel == "sms" else Q(email__iexact=address)
    return User.objects.filter(field, is_active=True).exclude(kind=AccountKind.STAFF).first()


def device_for(user: User, channel: str, address: str):
    if channel == "sms":
        device, _created = SMSDevice.objects.get_or_create(
            user=user, number=address, defaults={"name": "sms", "confirmed": True}
        )
    else:
        device, _created = EmailDevice.objects.get_or_create(
            user=user, email=address, defaults={"name": "email", "confirmed": True}
        )
    return device


def _check_limits(request: HttpRequest, address: str) -> None:
    since = timezone.now() - datetime.timedelta(hours=1)
    recent = CodeRequest.objects.filter(at__gte=since)
    if (
        recent.filter(address=address).count() >= settings.CODE_REQUESTS_PER_ADDRESS_PER_HOUR
        or recent.filter(client=client_ip(request)).count() >= settings.CODE_REQUESTS_PER_CLIENT_PER_HOUR
    ):
        log_security_event("code_request_limited", request)
        raise BusinessRuleError(_("You have asked for many codes. Wait an hour and try again."))


def code_send(*, request: HttpRequest, channel: str, address: str, user: User | None) -> None:
    """Sends a code to the address if `user` is given (and remembers what to check); the answer is the
    same either way."""
    _check_limits(request, address)
    CodeRequest.objects.create(address=address, client=client_ip(request))
    pending = {"user": None, "device": None}
    if user is not None:
        device = device_for(user, channel, address)
        try:
            # django-otp's e-mail device stores the new code before it sends it: the savepoint takes
            # the code (and the cooldown) back when the mail server fails, as the SMS device does.
            with transaction.atomic():
                device.generate_challenge()
        except (SMSNotSent, OSError):  # smtplib's errors and refused connections are OSErrors
            # Saying so tells the person that the number is known, but only while the gateway fails;
            # a 500 (or a code page waiting for a code that never comes) would be worse.
            log_security_event("code_not_sent", request)
            raise BusinessRuleError(
                _("We could not send the code just now. Wait a few minutes and try again.")
            ) from None
        pending = {"user": user.pk, "device": device.persistent_id}
        if settings.ONE_TIME_CODE_ON_PAGE:
            request.session[DEMO_CODE] = device.token  # the embedded demo shows it on the page
    request.session[PENDING] = pending
    log_security_event("code_requested", request, known=user is not None)


def code_request(*, request: HttpRequest, raw_address: str) -> None:
    found = normalise_address(raw_address)
    if found is None:
        raise BusinessRuleError(_("Write a Norwegian mobile number (8 digits) or an e-mail address."))
    channel, address = found
    code_send(request=request, channel=channel, address=address, user=_citizen_with(channel, address))


def code_verify(*, request: HttpRequest, code: str, activate=None) -> User | None:
    """The signed-in user if the code is right, else None (wrong, expired, used, or too many tries).
    `activate(user)` runs first when the code answers an invitation (the account is not active yet)."""
    pending = request.session.get(PENDING) or {}
    if not pending.get("user"):
        log_security_event("code_failed", request)
        return None
    user = User.objects.filter(pk=pending["user"]).first()
    device = verify_token(user, pending["device"], "".join(code.split())) if user else None
    if device is None:
        log_security_event("code_failed", request)
        return None
    request.session.pop(PENDING, None)
    request.session.pop(DEMO_CODE, None)
    if activate is not None:
        user = activate(user)
    if user is None or not user.is_active:
        return None
    login(request, user, backend=MODEL_BACKEND)
    otp_login(request, device)  # the code is the second factor: the session is fully signed in
    session_cycle(request=request)
    log_security_event("code_login", request)
    return user
