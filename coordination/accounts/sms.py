"""Sending SMS through a pluggable backend (settings.SMS_BACKEND), like Django's e-mail backends.

- ConsoleBackend: prints the message (the embedded demo; the code also shows on the page there).
- LocmemBackend: keeps messages in `outbox` (the test suite).
- FileBackend: one file a message in SMS_FILE_PATH (development, real-worker tests).
- HttpBackend: POSTs JSON `{"to": …, "text": …, "sender": …}` with a bearer token to SMS_HTTP_URL, the
  shape most Norwegian SMS gateways accept through a thin adapter; waits at most SMS_HTTP_TIMEOUT
  seconds for each step, follows no redirect; tested against a local HTTP server
  (tests/coordination/test_sms_http.py).
Messages never carry anything about a youth's case: a code, or "there is something new".
"""

import json
import logging
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

logger = logging.getLogger("stafett.sms")
outbox: list[dict] = []


class SMSNotSent(Exception):
    """The gateway refused the message or could not be reached."""


class ConsoleBackend:
    def send(self, to: str, text: str) -> None:
        print(f"SMS to {to}: {text}", flush=True)


class LocmemBackend:
    def send(self, to: str, text: str) -> None:
        outbox.append({"to": to, "text": text})


class FileBackend:
    def send(self, to: str, text: str) -> None:
        folder = Path(settings.SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{uuid.uuid4().hex}.json").write_text(json.dumps({"to": to, "text": text}))


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a 301/302/303 as a GET with the Authorization header, to whatever host the
    Location names, and report the other host's 200 as sent. A gateway that redirects is misconfigured:
    the 3xx is raised as an HTTPError instead (and becomes SMSNotSent)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_RefuseRedirects)


class HttpBackend:
    def send(self, to: str, text: str) -> None:
        if not settings.SMS_HTTP_URL.startswith(("https://", "http://")):
            raise SMSNotSent("SMS_HTTP_URL is not an http(s) URL")  # also: not set
        request = urllib.request.Request(  # noqa: S310 - the operator's configured gateway URL
            settings.SMS_HTTP_URL,
            data=json.dumps({"to": to, "text": text, "sender": settings.SMS_SENDER}).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}",
            },
            method="POST",
        )
        try:
            with _opener.open(request, timeout=settings.SMS_HTTP_TIMEOUT) as response:
                if response.status >= 300:
                    raise SMSNotSent(f"gateway answered {response.status}")
        except OSError as exc:
            raise SMSNotSent(str(exc)) from exc


def send_sms(to: str, text: str) -> None:
    import_string(settings.SMS_BACKEND)().send(to, text)
    logger.info("sms sent", extra={"event": "sms_sent"})  # never the number or the text


def send_code(to: str, code: str) -> None:
    send_sms(
        to,
        _("Your code for Stafett is %(code)s. It works for a few minutes. Never share it.") % {"code": code},
    )
