"""A failing SMS gateway or mail server never gives a 500 where a person waits for the page.

Stafett talks HTTP to a local gateway stand-in (tests/coordination/test_sms_http.py) and SMTP to a
local mail server stand-in: a port nobody listens on, or a server that greets with 421 (not
available). Nothing in Stafett is mocked. Each path says so in plain Norwegian, keeps a consistent
state (nothing half-saved, no code stored as sent) and works again once the gateway is back.
"""

import re
import socket
import threading

import pytest
from django.core import mail

from coordination.accounts.models import Invitation, StaffInvitation
from coordination.models import Handover, HandoverStatus, Relative, User, Youth
from tests.coordination.test_sms_http import TOKEN, _start, _stop
from tests.pathways.test_my_stafett import youth_account

SMS_NOT_SENT = "Vi fikk ikke sendt invitasjonen på SMS akkurat nå. Prøv igjen om noen minutter."
EMAIL_NOT_SENT = "Vi fikk ikke sendt invitasjonen på e-post akkurat nå. Prøv igjen om noen minutter."
CODE_NOT_SENT = "Vi fikk ikke sendt koden akkurat nå. Vent noen minutter og prøv igjen."
STAFF_NOT_SENT = "Vi fikk ikke sendt e-posten med invitasjonen akkurat nå. Prøv igjen om noen minutter."
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture
def sms_gateway(settings):
    gateway = _start()
    settings.SMS_BACKEND = "coordination.accounts.sms.HttpBackend"
    settings.SMS_HTTP_URL = gateway.url
    settings.SMS_HTTP_TOKEN = TOKEN
    yield gateway
    _stop(gateway)


class RefusingMailServer:
    """Accepts a connection and answers 421 (service not available), as a mail server that is
    overloaded or shutting down does."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _address = self.listener.accept()
            except OSError:
                return  # closed
            self.connections += 1
            with conn:
                conn.sendall(b"421 smtp.test Service not available, closing channel\r\n")

    def close(self) -> None:
        self.listener.close()


def _free_port() -> int:
    with socket.socket() as probe:  # a port nobody listens on once it is closed again
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smtp_to(port: int) -> dict:
    """Django's own SMTP backend, to the stand-in on this machine."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture(params=["421", "refused"])
def smtp_down(request, settings):
    """The default mailer is real SMTP to a server that fails; `smtp_down.back()` brings mail back."""
    server = RefusingMailServer() if request.param == "421" else None
    port = server.port if server else _free_port()
    settings.MAILERS = _smtp_to(port)

    class Switch:
        def back(self) -> None:
            settings.MAILERS = LOCMEM

    yield Switch()
    if server:
        server.close()


# --- inviting the youth or a relative ------------------------------------------------------------


def _invite(client, youth: Youth, **data):
    return client.post(f"/ungdommer/{youth.pk}/team/invitasjon/", data, follow=True)


def test_inviting_by_sms_while_the_gateway_answers_503_says_so_and_saves_nothing(
    cast, client, login, sms_gateway
):
    Youth.objects.filter(pk=cast.youth.pk).update(phone="912 34 567")
    login(cast.holder)
    sms_gateway.status = 503
    response = _invite(client, cast.youth, channel="sms")
    assert response.status_code == 200 and SMS_NOT_SENT in response.content.decode()
    assert len(sms_gateway.received) == 1  # it was tried
    assert not Invitation.objects.exists()
    assert Youth.objects.get(pk=cast.youth.pk).account_id is None
    assert not User.objects.filter(kind="youth").exists()
    # The button is still there; once the gateway is back, the same press sends the invitation.
    assert "Send invitasjon" in response.content.decode()
    sms_gateway.status = 202
    response = _invite(client, cast.youth, channel="sms")
    assert "Invitasjonen er sendt" in response.content.decode()
    invitation = Invitation.objects.get()
    link = re.search(r"(/min/invitasjon/[^/\s]+/)", sms_gateway.texts()[-1]).group(1)
    assert client.get(link).status_code == 200 and invitation.account.phone == "+4791234567"


def test_inviting_a_guardian_by_e_mail_while_the_mail_server_fails_says_so_and_saves_nothing(
    cast, client, login, smtp_down
):
    guardian = cast.youth.relatives.create(
        name="Amina Ung",
        relation="Mor",
        has_parental_responsibility=True,
        email="amina@example.no",
        agency=cast.youth.originating_agency,
    )
    login(cast.holder)
    response = _invite(client, cast.youth, channel="email", relative=guardian.pk)
    assert response.status_code == 200 and EMAIL_NOT_SENT in response.content.decode()
    assert not Invitation.objects.exists()
    assert Relative.objects.get(pk=guardian.pk).account_id is None
    smtp_down.back()
    _invite(client, cast.youth, channel="email", relative=guardian.pk)
    assert Invitation.objects.get().relative_id == guardian.pk
    assert [message.to for message in mail.outbox] == [["amina@example.no"]]


# --- the youth's code by e-mail --------------------------------------------------------------------


@pytest.fixture
def youth_by_email(cast):
    return youth_account(cast.youth, email="sara.ung@example.no")


def _code_in_last_mail() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


def test_a_code_by_e_mail_while_the_mail_server_fails_gets_the_plain_message(
    youth_by_email, client, smtp_down
):
    response = client.post("/min/logg-inn/", {"address": "sara.ung@example.no"})
    assert response.status_code == 200 and CODE_NOT_SENT in response.content.decode()
    assert client.get("/min/logg-inn/kode/")["Location"] == "/min/logg-inn/"  # no code is waiting
    # Mail is back: asking again at once sends a code (no cooldown for a code never sent), and it works.
    smtp_down.back()
    assert client.post("/min/logg-inn/", {"address": "sara.ung@example.no"})["Location"] == (
        "/min/logg-inn/kode/"
    )
    assert client.post("/min/logg-inn/kode/", {"code": _code_in_last_mail()})["Location"] == "/min/"


def test_the_e_mailed_code_sent_before_a_failure_still_works(youth_by_email, client, settings):
    settings.ONE_TIME_CODE_COOLDOWN_SECONDS = settings.OTP_EMAIL_COOLDOWN_DURATION = 0
    client.post("/min/logg-inn/", {"address": "sara.ung@example.no"})
    first = _code_in_last_mail()
    settings.MAILERS = _smtp_to(_free_port())
    response = client.post("/min/logg-inn/", {"address": "sara.ung@example.no"})
    assert CODE_NOT_SENT in response.content.decode()
    # The code that did arrive is still the one stored, and the session still waits for it.
    assert client.post("/min/logg-inn/kode/", {"code": first})["Location"] == "/min/"


# --- staff invitations and the news of a baton ----------------------------------------------------


def test_inviting_a_colleague_while_the_mail_server_fails_makes_no_account(cast, client, login, smtp_down):
    login(cast.team_lead)
    data = {"first_name": "Nora", "last_name": "Ny", "email": "ny.kollega@example.no", "job_title": "Lærer"}
    response = client.post("/teamleder/ansatte/ny/", data)
    assert response.status_code == 200 and STAFF_NOT_SENT in response.content.decode()
    assert not User.objects.filter(username="ny.kollega@example.no").exists()
    # Once mail is back the same form goes through (no "already has an account").
    smtp_down.back()
    assert client.post("/teamleder/ansatte/ny/", data).status_code == 302
    assert StaffInvitation.objects.get().user.username == "ny.kollega@example.no"
    assert [message.to for message in mail.outbox] == [["ny.kollega@example.no"]]


def test_sending_a_staff_invitation_again_while_mail_fails_keeps_the_old_link(cast, client, login, settings):
    login(cast.team_lead)
    data = {"first_name": "Nora", "last_name": "Ny", "email": "ny.kollega@example.no", "job_title": "Lærer"}
    client.post("/teamleder/ansatte/ny/", data)
    old_link = re.search(r"https?://[^/\s]+(/invitasjon/[^/\s]+/)", mail.outbox[-1].body).group(1)
    colleague = User.objects.get(username="ny.kollega@example.no")
    settings.MAILERS = _smtp_to(_free_port())
    response = client.post(f"/teamleder/ansatte/{colleague.pk}/invitasjon/", follow=True)
    assert response.status_code == 200 and STAFF_NOT_SENT in response.content.decode()
    assert StaffInvitation.objects.filter(user=colleague, revoked_at__isnull=True).count() == 1
    client.logout()
    assert client.get(old_link).status_code == 302  # the link that did arrive still opens


def test_giving_the_baton_while_the_mail_server_fails_still_gives_it(
    cast, client, login, smtp_down, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)  # the holder has left
    cast.member.email = "per@example.no"
    cast.member.save(update_fields=["email"])
    login(cast.team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/teamleder/ungdommer/{cast.youth.pk}/stafett/", {"to_user": cast.member.pk})
    assert response.status_code == 302
    assert Youth.objects.get(pk=cast.youth.pk).stafettholder_id == cast.member.pk
    assert Handover.objects.filter(status=HandoverStatus.REASSIGNED, to_user=cast.member).exists()
