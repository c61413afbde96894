"""Telling youths and relatives that there is something new in their Stafett: a new or changed meeting,
a new step in the plan, a new version of the individual plan.

- Who: the youth's own account when it is in use; relatives with an account in use who may see that
  part of the plan by the age rules and the youth's choices (coordination.access.citizens), and the
  category of what changed (for a plan version: any category of its items); for a meeting only the
  relatives invited to it.
- How: by the account's choice (`User.notify_by`: SMS, e-mail or not at all), to the account's own
  number or address; never at night (held until the quiet hours end); never with content: the message
  only says that there is something new (or that the plan has a new version), and gives the link, in
  the account's language.
- Exactly once: the dispatcher sends a notification while its row is locked and marks it sent in the
  same transaction, so two workers never send it twice; a failure is tried again later (`attempts`).
  A worker killed after the gateway accepted the message but before the commit would send it again:
  no SMS gateway or mail server offers exactly-once.

Rows are created after the change commits (the callers register `notify_*` with on_commit), so a
rolled-back change tells nobody anything.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.access.citizens import citizen_access_for_user
from coordination.accounts.sms import send_sms
from coordination.models import AccountKind, Relative, User, Youth
from pathways.calendar import quiet_until
from pathways.models import Action, Meeting, Notification, NotificationKind, PlanVersion

logger = logging.getLogger(__name__)

# After this many failed attempts a notification is left unsent (and logged), not tried forever.
MAX_ATTEMPTS = 8
BATCH = 200
# Waiting time before the next attempt after a failure: 1, 2, 4 … minutes, at most an hour.
_BACKOFF_MAX = datetime.timedelta(hours=1)
# Stored in `channel` for a notification settled without a message (the person chose not to be
# told, has no number or address, or may no longer see that part).
NOT_SENT = "none"


# --- who is told ---------------------------------------------------------------------------------


def _youth_account(youth: Youth) -> User | None:
    return User.objects.filter(youth_record__pk=youth.pk, is_active=True).first()


def _relatives_who_may_see(youth: Youth, relatives, part: str, categories: set[str]) -> list[User]:
    """The accounts of these relatives that may see `part` of the youth's record, in one of `categories`."""
    accounts = []
    for relative in relatives:
        account = relative.account
        if account is None or not account.is_active:
            continue
        try:
            access = citizen_access_for_user(account, youth.pk)
        except Http404:
            continue
        if access.sees(part) and categories & access.categories:
            accounts.append(account)
    return accounts


def _message(kind: str) -> str:
    """Which message a kind is sent with: a new plan version has its own words and link."""
    return "plan_version" if kind == NotificationKind.PLAN_VERSION_NEW else "something_new"


def _create(youth: Youth, recipients: list[tuple[User, str]], now: datetime.datetime) -> list[Notification]:
    """One notification per account and message, unless one with the same message is still waiting to
    go out, or the account chose not to be told."""
    send_after = quiet_until(now) or now
    waiting = {
        (recipient_id, _message(kind))
        for recipient_id, kind in Notification.objects.filter(
            youth=youth, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
        )
        .filter(recipient__in=[account for account, _kind in recipients])
        .values_list("recipient_id", "kind")
    }
    rows, seen = [], set()
    for account, kind in recipients:
        key = (account.pk, _message(kind))
        if account.notify_by == "none" or key in waiting or key in seen:
            continue
        seen.add(key)
        rows.append(
            Notification(recipient=account, youth=youth, kind=kind, created_at=now, send_after=send_after)
        )
    return Notification.objects.bulk_create(rows)


@transaction.atomic
def notify_meeting(
    *, meeting_id: int, created: bool, now: datetime.datetime | None = None
) -> list[Notification]:
    """A meeting was planned or changed: the youth, and the relatives invited to it who may receive
    meeting invitations."""
    meeting = Meeting.objects.select_related("youth").filter(pk=meeting_id).first()
    if meeting is None or not meeting.youth.is_active:
        return []
    youth = meeting.youth
    recipients: list[tuple[User, str]] = []
    account = _youth_account(youth)
    if account is not None:
        recipients.append(
            (account, NotificationKind.MEETING_NEW if created else NotificationKind.MEETING_CHANGED)
        )
    invited = meeting.relatives.select_related("account")
    relative_kind = NotificationKind.INVITED_TO_MEETING if created else NotificationKind.MEETING_CHANGED
    for relative_account in _relatives_who_may_see(youth, invited, "meetings", {meeting.category}):
        recipients.append((relative_account, relative_kind))
    return _create(youth, recipients, now or timezone.now())


@transaction.atomic
def notify_step(*, action_id: int, now: datetime.datetime | None = None) -> list[Notification]:
    """A new step (action) in the plan: the youth, and the relatives who may see the plan."""
    action = Action.objects.select_related("youth").filter(pk=action_id).first()
    if action is None or not action.youth.is_active:
        return []
    youth = action.youth
    recipients: list[tuple[User, str]] = []
    account = _youth_account(youth)
    if account is not None:
        recipients.append((account, NotificationKind.STEP_NEW))
    relatives = Relative.objects.filter(youth=youth, account__isnull=False).select_related("account")
    for relative_account in _relatives_who_may_see(youth, relatives, "plan", {action.category}):
        recipients.append((relative_account, NotificationKind.STEP_NEW))
    return _create(youth, recipients, now or timezone.now())


@transaction.atomic
def notify_plan_version(*, version_id: int, now: datetime.datetime | None = None) -> list[Notification]:
    """A version of the individual plan was adopted: the youth, and the relatives who may see the plan
    and some of what the version holds (not one whose every item the youth keeps from them)."""
    version = PlanVersion.objects.select_related("youth").filter(pk=version_id).first()
    if version is None or not version.youth.is_active:
        return []
    youth = version.youth
    recipients: list[tuple[User, str]] = []
    account = _youth_account(youth)
    if account is not None:
        recipients.append((account, NotificationKind.PLAN_VERSION_NEW))
    categories = set(version.items.values_list("category", flat=True))
    relatives = Relative.objects.filter(youth=youth, account__isnull=False).select_related("account")
    for relative_account in _relatives_who_may_see(youth, relatives, "plan", categories):
        recipients.append((relative_account, NotificationKind.PLAN_VERSION_NEW))
    return _create(youth, recipients, now or timezone.now())


# --- sending -------------------------------------------------------------------------------------


def notifications_dispatch(*, now: datetime.datetime | None = None) -> int:
    """Sends the notifications that are due, each once. Called every minute (pathways.tasks)."""
    now = now or timezone.now()
    if quiet_until(now):
        return 0  # held: the first dispatch after the quiet hours sends them
    due = list(
        Notification.objects.filter(sent_at__isnull=True, send_after__lte=now, attempts__lt=MAX_ATTEMPTS)
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:BATCH]
    )
    return sum(_deliver(notification_id, now) for notification_id in due)


def _deliver(notification_id: int, now: datetime.datetime) -> bool:
    """One notification, in its own transaction: a failure of one leaves the others sent."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient", "youth")
            .filter(pk=notification_id, sent_at__isnull=True, send_after__lte=now)
            .first()
        )
        if notification is None:
            return False  # sent already, or another worker is sending it right now
        channel, address = _channel_and_address(notification)
        if channel is None:
            notification.sent_at, notification.channel = now, NOT_SENT
            notification.save(update_fields=["sent_at", "channel"])
            return False
        notification.attempts += 1
        try:
            _send(channel, address, notification.recipient, notification.kind)
        except Exception as exc:  # noqa: BLE001 - whatever the gateway or mail server did: try later
            backoff = min(datetime.timedelta(minutes=2 ** (notification.attempts - 1)), _BACKOFF_MAX)
            notification.send_after = now + backoff
            notification.save(update_fields=["attempts", "send_after"])
            # Never the number, the address or the text: only which row and why.
            logger.warning(
                "Notification %s not sent (%s), attempt %s",
                notification_id,
                type(exc).__name__,
                notification.attempts,
            )
            return False
        notification.sent_at, notification.channel = now, channel
        notification.save(update_fields=["attempts", "sent_at", "channel"])
        return True


_PART_OF_KIND = {
    NotificationKind.MEETING_NEW: "meetings",
    NotificationKind.MEETING_CHANGED: "meetings",
    NotificationKind.INVITED_TO_MEETING: "meetings",
    NotificationKind.STEP_NEW: "plan",
    NotificationKind.PLAN_VERSION_NEW: "plan",
}


def _still_allowed(notification: Notification) -> bool:
    """Asked again when it goes out: a relative whose sharing was narrowed overnight is not told."""
    try:
        access = citizen_access_for_user(notification.recipient, notification.youth_id)
    except Http404:
        return False
    return access.sees(_PART_OF_KIND.get(notification.kind, "plan"))


def _channel_and_address(notification: Notification) -> tuple[str | None, str]:
    """The account's choice, to its own number or address (the other one if only that is known);
    nothing when the account chose not to be told, is not in use, may no longer see that part, or
    the case is closed."""
    recipient = notification.recipient
    if not recipient.is_active or recipient.notify_by == "none" or not notification.youth.is_active:
        return None, ""
    if not _still_allowed(notification):
        return None, ""
    found = {"sms": recipient.phone, "email": recipient.email}
    preferred = "email" if recipient.notify_by == "email" else "sms"
    for channel in (preferred, "email" if preferred == "sms" else "sms"):
        if found[channel]:
            return channel, found[channel]
    return None, ""


def notification_text(recipient: User, kind: str = NotificationKind.STEP_NEW) -> tuple[str, str]:
    """Subject and text: no name, no case, no content; only that there is something new (or a new
    version of the plan), and the link."""
    plan_version = _message(kind) == "plan_version"
    link = settings.STAFETT_BASE_URL + reverse("my_individual_plan" if plan_version else "my_stafett")
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        if not plan_version:
            subject = _("Something new in Stafett")
            text = _("There is something new for you in Stafett. Log in to see it: %(link)s")
        elif recipient.kind == AccountKind.YOUTH:
            subject = _("A new version of your plan in Stafett")
            text = _("There is a new version of your plan in Stafett. Log in and read it: %(link)s")
        else:  # a relative: the message does not say whose plan
            subject = _("A new version of a plan in Stafett")
            text = _("There is a new version of a plan you can see in Stafett. Log in and read it: %(link)s")
    return subject, text % {"link": link}


def _send(channel: str, address: str, recipient: User, kind: str) -> None:
    subject, text = notification_text(recipient, kind)
    if channel == "sms":
        send_sms(address, text)
    else:
        EmailMessage(
            subject=subject, body=text, to=[address], headers={"Auto-Submitted": "auto-generated"}
        ).send()
