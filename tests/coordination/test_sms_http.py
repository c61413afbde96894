"""The SMS HTTP backend against a gateway stand-in: a real HTTP server on 127.0.0.1 in a thread.

What arrives at the gateway (JSON body and bearer token), what counts as not sent (an error status,
a refused connection, a gateway that does not answer in time, a redirect), and the youth's code login
through it: the code reaches the gateway, and a failing gateway gives a plain message, not an error
page. Nothing in Stafett is mocked; Stafett talks HTTP to the stand-in.
"""

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coordination.accounts import sms
from tests.pathways.test_my_stafett import youth_account

TOKEN = "gateway-token-from-the-operator"
NOT_SENT = "Vi fikk ikke sendt koden akkurat nå. Vent noen minutter og prøv igjen."


class Gateway:
    """Records every request; answers with `status` (and `location`), or not at all while `hang`."""

    def __init__(self):
        self.received: list[dict] = []
        self.status = 202
        self.location = ""
        self.hang = threading.Event()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/messages"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def texts(self) -> list[str]:
        return [request["json"]["text"] for request in self.received]


def _handler(gateway: Gateway):
    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            gateway.received.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "json": json.loads(body) if body else None,
                }
            )

        def _answer(self) -> None:
            self._record()
            if gateway.hang.is_set():
                gateway.release.wait(10)
                return
            self.send_response(gateway.status)
            if gateway.location:
                self.send_header("Location", gateway.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET = _answer

        def log_message(self, *args) -> None:
            pass

    return Handler


def _start() -> Gateway:
    gateway = Gateway()
    gateway.thread.start()
    return gateway


def _stop(gateway: Gateway) -> None:
    gateway.release.set()
    gateway.server.shutdown()
    gateway.server.server_close()


@pytest.fixture
def gateway(settings):
    gateway = _start()
    settings.SMS_BACKEND = "coordination.accounts.sms.HttpBackend"
    settings.SMS_HTTP_URL = gateway.url
    settings.SMS_HTTP_TOKEN = TOKEN
    settings.SMS_SENDER = "Stafett"
    yield gateway
    _stop(gateway)


def test_the_message_arrives_as_json_with_the_bearer_token(gateway):
    sms.send_sms("+4791234567", "Det er noe nytt til deg i Stafett.")
    [request] = gateway.received
    assert request["method"] == "POST" and request["path"] == "/v1/messages"
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["json"] == {
        "to": "+4791234567",
        "text": "Det er noe nytt til deg i Stafett.",
        "sender": "Stafett",
    }


@pytest.mark.parametrize("status", [400, 401, 500, 503])
def test_an_error_from_the_gateway_is_not_sent(gateway, status):
    gateway.status = status
    with pytest.raises(sms.SMSNotSent):
        sms.send_sms("+4791234567", "tekst")
    assert len(gateway.received) == 1


def test_a_refused_connection_is_not_sent(settings):
    with socket.socket() as probe:  # a port nobody listens on once it is closed again
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SMS_BACKEND = "coordination.accounts.sms.HttpBackend"
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{port}/v1/messages"
    with pytest.raises(sms.SMSNotSent):
        sms.send_sms("+4791234567", "tekst")


def test_no_gateway_configured_is_not_sent(settings):
    settings.SMS_BACKEND = "coordination.accounts.sms.HttpBackend"
    for url in ("", "file:///etc/passwd"):
        settings.SMS_HTTP_URL = url
        with pytest.raises(sms.SMSNotSent):
            sms.send_sms("+4791234567", "tekst")


def test_a_gateway_that_does_not_answer_is_given_up_after_the_timeout(gateway, settings):
    settings.SMS_HTTP_TIMEOUT = 0.5
    gateway.hang.set()
    started = time.monotonic()
    with pytest.raises(sms.SMSNotSent):
        sms.send_sms("+4791234567", "tekst")
    assert 0.4 < time.monotonic() - started < 3
    assert len(gateway.received) == 1  # it did reach the gateway, which kept silent


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed_and_the_token_stays_home(gateway, settings, status):
    elsewhere = _start()
    try:
        gateway.status = status
        gateway.location = elsewhere.url.replace("127.0.0.1", "localhost")
        with pytest.raises(sms.SMSNotSent):
            sms.send_sms("+4791234567", "tekst")
        assert len(gateway.received) == 1
        assert elsewhere.received == []
    finally:
        _stop(elsewhere)


# --- the youth's code login through the gateway ------------------------------------------------


@pytest.fixture
def youth_user(cast):
    return youth_account(cast.youth, phone="+4791234567")


def test_the_login_code_goes_through_the_gateway(youth_user, gateway, client):
    response = client.post("/min/logg-inn/", {"address": "912 34 567"})
    assert response.status_code == 302 and response["Location"] == "/min/logg-inn/kode/"
    [request] = gateway.received
    assert request["json"]["to"] == "+4791234567" and request["json"]["sender"] == "Stafett"
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    code = re.search(r"\b(\d{6})\b", request["json"]["text"]).group(1)
    assert client.post("/min/logg-inn/kode/", {"code": code})["Location"] == "/min/"
    assert client.get("/min/").status_code == 200


def test_when_the_gateway_fails_the_youth_is_told_in_plain_words_and_may_ask_again(
    youth_user, gateway, client
):
    gateway.status = 503
    response = client.post("/min/logg-inn/", {"address": "912 34 567"})
    assert response.status_code == 200 and NOT_SENT in response.content.decode()
    assert client.get("/min/logg-inn/kode/")["Location"] == "/min/logg-inn/"  # no code is waiting
    # The gateway is back: asking again at once sends a code (no cooldown for a code never sent).
    gateway.status = 202
    assert client.post("/min/logg-inn/", {"address": "912 34 567"})["Location"] == "/min/logg-inn/kode/"
    assert len(gateway.received) == 2
    code = re.search(r"\b(\d{6})\b", gateway.texts()[-1]).group(1)
    assert client.post("/min/logg-inn/kode/", {"code": code})["Location"] == "/min/"


def test_a_hanging_gateway_gives_the_same_message(youth_user, gateway, client, settings):
    settings.SMS_HTTP_TIMEOUT = 0.5
    gateway.hang.set()
    response = client.post("/min/logg-inn/", {"address": "912 34 567"})
    assert response.status_code == 200 and NOT_SENT in response.content.decode()


def test_the_code_sent_before_a_failure_still_works(youth_user, gateway, client, settings):
    settings.ONE_TIME_CODE_COOLDOWN_SECONDS = 0
    client.post("/min/logg-inn/", {"address": "912 34 567"})
    first = re.search(r"\b(\d{6})\b", gateway.texts()[-1]).group(1)
    gateway.status = 500
    assert NOT_SENT in client.post("/min/logg-inn/", {"address": "912 34 567"}).content.decode()
    # The session still waits for the code that did arrive.
    assert client.post("/min/logg-inn/kode/", {"code": first})["Location"] == "/min/"
