"""Inviting a youth or a relative to their own Stafett, and accepting the invitation.

The stafettholder invites by SMS or e-mail to the number or address in the record. The link expires
(INVITATION_DAYS) and works once; accepting needs a one-time code sent to the same number or address,
so a forwarded link alone opens nothing. The account exists (inactive) from the invitation on, and
becomes active, linked to the youth or the relative, when the code is right.

The message is the invitation (only a hash of its link is stored), so it is sent first, before
anything is written: when the gateway or mail server fails, nothing is saved and the stafettholder is
told so in plain words, with the button still there to try again.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from coordination.accounts.delivery import NotSent, send_text
from coordination.accounts.models import Invitation
from coordination.accounts.one_time_codes import normalise_address
from coordination.errors import BusinessRuleError
from coordination.models import AccountKind, Relative, User, Youth


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _address(channel: str, person: Youth | Relative) -> str:
    raw = person.phone if channel == "sms" else person.email
    found = normalise_address(raw or "")
    if found is None or found[0] != channel:
        if channel == "sms":
            raise BusinessRuleError(_("There is no Norwegian mobile number in the record. Add it first."))
        raise BusinessRuleError(_("There is no e-mail address in the record. Add it first."))
    return found[1]


def _account_for(person: Youth | Relative, kind: str, channel: str, address: str) -> User:
    """Not saved yet: that waits until the message has gone."""
    account = person.account
    if account is not None and account.is_active:
        raise BusinessRuleError(_("They already have their own Stafett."))
    if account is None:
        account = User(
            username=f"{kind}-{secrets.token_hex(6)}",
            kind=kind,
            is_active=False,
            first_name=getattr(person, "first_name", "") or getattr(person, "name", ""),
            last_name=getattr(person, "last_name", ""),
        )
        account.set_unusable_password()  # they sign in with a code or ID-porten, never a password
    if channel == "sms":
        account.phone = address
    else:
        account.email = address
    return account


@transaction.atomic
def invitation_send(
    *, actor: User, youth: Youth, channel: str, relative: Relative | None = None
) -> Invitation:
    if channel not in ("sms", "email"):
        raise BusinessRuleError(_("Choose SMS or e-mail."))
    if relative is not None and relative.youth_id != youth.pk:
        raise BusinessRuleError(_("Only the youth's own relatives can be invited."))
    person = relative or youth
    address = _address(channel, person)
    kind = AccountKind.RELATIVE if relative is not None else AccountKind.YOUTH
    account = _account_for(person, kind, channel, address)
    token = secrets.token_urlsafe(32)
    link = settings.STAFETT_BASE_URL + reverse("invitation_accept", args=[token])
    try:
        _deliver(channel, address, link, account.language, for_relative=relative is not None)
    except NotSent:
        if channel == "sms":
            raise BusinessRuleError(
                _("We could not send the invitation by SMS just now. Try again in a few minutes.")
            ) from None
        raise BusinessRuleError(
            _("We could not send the invitation by e-mail just now. Try again in a few minutes.")
        ) from None
    account.save()
    if relative is not None:
        Relative.objects.filter(pk=relative.pk).update(account=account)
    else:
        Youth.objects.filter(pk=youth.pk).update(account=account)
    return Invitation.objects.create(
        youth=youth,
        relative=relative,
        channel=channel,
        address=address,
        token_hash=_hash(token),
        created_by=actor,
        account=account,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS),
    )


def _deliver(channel: str, address: str, link: str, language: str, for_relative: bool) -> None:
    # No name, no case: only that there is an invitation, and the link. A relative has no plan of
    # their own: they see what the youth shares with them.
    with override(language):
        if for_relative:
            text = _(
                "You are invited to Stafett, where you can see what a young person shares with you. "
                "Start here: %(link)s"
            ) % {"link": link}
        else:
            text = _(
                "You are invited to Stafett, where you can see your plan and your team. Start here: %(link)s"
            ) % {"link": link}
        send_text(channel, address, _("Invitation to Stafett"), text)


def invitation_for_token(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("account").filter(token_hash=_hash(token)).first()
    return invitation if invitation is not None and invitation.is_usable else None


@transaction.atomic
def invitation_complete(*, invitation_id: int) -> User | None:
    """After the right code: the account becomes active and the invitation is used up."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("account")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    account = invitation.account
    account.is_active = True
    account.save(update_fields=["is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    Invitation.objects.filter(account=account, accepted_at__isnull=True).exclude(pk=invitation.pk).update(
        expires_at=timezone.now()
    )
    return account
