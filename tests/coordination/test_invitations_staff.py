"""Inviting the youth or a relative to their own Stafett, from the team page: only the stafettholder of
an active case sees the controls and may use them; the message carries only the link."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coordination.accounts.models import Invitation
from coordination.models import Relative, Youth
from coordination.services.youths import case_close
from tests import factories

YOUTH_PHONE = "912 34 567"
GUARDIAN_EMAIL = "amina@example.no"


@pytest.fixture
def family(cast) -> Relative:
    """The cast's youth with a mobile number, and a guardian with an e-mail address."""
    Youth.objects.filter(pk=cast.youth.pk).update(phone=YOUTH_PHONE)
    cast.youth.refresh_from_db()
    return cast.youth.relatives.create(
        name="Amina Ung",
        relation="Mor",
        has_parental_responsibility=True,
        email=GUARDIAN_EMAIL,
        agency=cast.youth.originating_agency,
    )


def _team(cast) -> str:
    return reverse("team", args=[cast.youth.pk])


def _invite_url(cast) -> str:
    return reverse("team_invitation_new", args=[cast.youth.pk])


def accept(invitation: Invitation) -> None:
    """What accepting does (coordination.services.invitations.invitation_complete): the account is in
    use and the invitation used up. Done directly here: invitation_complete locks the invitation with
    a nullable join, which PostgreSQL refuses (reported, not this suite's to fix)."""
    invitation.account.is_active = True
    invitation.account.save(update_fields=["is_active"])
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())


def _invite(client, cast, capture, **data):
    with capture(execute=True):
        return client.post(_invite_url(cast), data, follow=True)


def test_the_stafettholder_sees_who_to_invite(cast, family, client, login):
    login(cast.holder)
    html = client.get(_team(cast)).content.decode()
    assert "Inviter til egen Stafett" in html
    assert html.count(f'action="{_invite_url(cast)}"') == 2  # the youth and the guardian
    assert "Sara Ung (ungdommen)" in html and "Amina Ung (Mor)" in html
    assert html.count("Ikke invitert ennå") == 2


def test_other_team_members_see_no_invitations_and_may_not_send(cast, family, client, login):
    login(cast.member)
    html = client.get(_team(cast)).content.decode()
    assert "Inviter til egen Stafett" not in html
    assert _invite_url(cast) not in html
    assert client.post(_invite_url(cast), {"channel": "sms"}).status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["uncovered", "outsider", "team_lead"])
def test_people_who_do_not_see_the_youth_get_404(cast, family, client, login, who):
    login(getattr(cast, who))
    assert client.post(_invite_url(cast), {"channel": "sms"}).status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_the_youth_by_sms_sends_only_the_link(
    cast, family, client, login, _sms_outbox, django_capture_on_commit_callbacks
):
    login(cast.holder)
    response = _invite(client, cast, django_capture_on_commit_callbacks, channel="sms")
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert (invitation.relative, invitation.channel, invitation.address) == (None, "sms", "+4791234567")
    assert invitation.created_by == cast.holder
    (message,) = _sms_outbox
    assert message["to"] == "+4791234567"
    link = re.search(r"https?://\S+", message["text"]).group(0)
    assert "/min/invitasjon/" in link
    words = message["text"].replace(link, "")
    for name in ("Sara", "Ung", "Kari", "Nordmann", "Barnevern"):
        assert name not in words
    html = response.content.decode()
    expires = invitation.expires_at.astimezone().strftime("%d.%m.%Y")
    assert f"Invitasjonen er sendt. Den gjelder til {expires}." in html
    assert f"venter på svar, gjelder til {expires}" in html
    assert "Send ny invitasjon" in html


def test_inviting_a_guardian_by_email(cast, family, client, login, django_capture_on_commit_callbacks):
    login(cast.holder)
    _invite(client, cast, django_capture_on_commit_callbacks, channel="email", relative=family.pk)
    invitation = Invitation.objects.get()
    assert (invitation.relative, invitation.address) == (family, GUARDIAN_EMAIL)
    (message,) = mail.outbox
    assert message.to == [GUARDIAN_EMAIL]
    link = re.search(r"https?://\S+", message.body).group(0)
    assert "/min/invitasjon/" in link
    for name in ("Amina", "Sara", "Ung", "Kari"):
        assert name not in message.body.replace(link, "") and name not in message.subject


def test_an_invitation_can_be_sent_again(cast, family, client, login, django_capture_on_commit_callbacks):
    login(cast.holder)
    _invite(client, cast, django_capture_on_commit_callbacks, channel="sms")
    html = _invite(client, cast, django_capture_on_commit_callbacks, channel="sms").content.decode()
    assert Invitation.objects.count() == 2
    assert html.count("venter på svar") == 2


def test_who_has_their_own_stafett_gets_no_new_invitation(
    cast, family, client, login, django_capture_on_commit_callbacks
):
    login(cast.holder)
    _invite(client, cast, django_capture_on_commit_callbacks, channel="sms")
    accept(Invitation.objects.get())
    html = client.get(_team(cast)).content.decode()
    assert "Har egen Stafett" in html
    assert html.count(f'action="{_invite_url(cast)}"') == 1  # the guardian still can be
    response = _invite(client, cast, django_capture_on_commit_callbacks, channel="sms")
    assert "Vedkommende har allerede sin egen Stafett." in response.content.decode()
    assert Invitation.objects.count() == 1


def test_no_number_in_the_record_sends_nothing(cast, family, client, login, _sms_outbox):
    login(cast.holder)
    response = client.post(_invite_url(cast), {"channel": "sms", "relative": family.pk}, follow=True)
    assert "Det står ikke noe norsk mobilnummer i registreringen." in response.content.decode()
    assert not Invitation.objects.exists() and not _sms_outbox


def test_another_youths_relative_cannot_be_chosen(cast, family, client, login):
    other = factories.youth(holder=cast.holder, last_name="Annen")
    stranger = other.relatives.create(
        name="Ola Fremmed", relation="Far", email="ola@example.no", agency=other.originating_agency
    )
    login(cast.holder)
    response = client.post(_invite_url(cast), {"channel": "email", "relative": stranger.pk})
    assert response.status_code == 302
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_closed_case_invites_nobody(cast, family, client, login):
    case_close(
        actor=cast.holder,
        youth=cast.youth,
        reason="goals_reached",
        explanation="Målene er nådd.",
        youth_view="Jeg klarer meg selv nå.",
    )
    login(cast.holder)
    assert "Inviter til egen Stafett" not in client.get(_team(cast)).content.decode()
    assert client.post(_invite_url(cast), {"channel": "sms"}).status_code == 403


def test_the_holders_team_page_has_a_constant_query_count(
    cast, family, client, login, django_assert_num_queries, django_capture_on_commit_callbacks
):
    login(cast.holder)
    _invite(client, cast, django_capture_on_commit_callbacks, channel="sms")
    client.get(_team(cast))  # warm: session, device
    with CaptureQueriesContext(connection) as queries:
        client.get(_team(cast))
    few = len(queries)  # now: every request clears the connection's query log
    for number in range(4):
        cast.youth.relatives.create(
            name=f"Slekt {number}", relation="Tante", email=f"s{number}@example.no", agency=family.agency
        )
        _invite(client, cast, django_capture_on_commit_callbacks, channel="sms")
    with django_assert_num_queries(few):
        client.get(_team(cast))
