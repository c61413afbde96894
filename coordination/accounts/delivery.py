"""One SMS or e-mail sent while a person waits for the page: an invitation, a one-time code, the news
of a baton. A gateway or mail server that fails raises NotSent, which the caller turns into a plain
message (or, for news that is only a courtesy, a log line): never a 500. What the workers send
(notifications, reminder e-mails) is retried there instead (pathways.services)."""

import logging

from django.conf import settings
from django.core.mail import send_mail

from coordination.accounts.sms import SMSNotSent, send_sms

logger = logging.getLogger("stafett.delivery")


class NotSent(Exception):
    """The SMS gateway or the mail server did not take the message."""


def send_email(subject: str, text: str, to: str) -> None:
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    except OSError as exc:  # smtplib's errors, a refused or timed-out connection, TLS: all OSErrors
        _not_sent("email", exc)
        raise NotSent(type(exc).__name__) from exc


def send_text(channel: str, address: str, subject: str, text: str) -> None:
    """By SMS (the subject is not sent) or by e-mail."""
    if channel != "sms":
        send_email(subject, text, address)
        return
    try:
        send_sms(address, text)
    except SMSNotSent as exc:
        _not_sent("sms", exc)
        raise NotSent(str(exc)) from exc


def _not_sent(channel: str, exc: Exception) -> None:
    # Never the number, the address or the text: only the channel and what failed.
    event = {"event": "message_not_sent", "channel": channel}
    logger.warning("%s not sent (%s)", channel, type(exc).__name__, extra=event)
