"""Bugs the generative confidentiality test and the stateful consent test found (and those issue 9 named
as suspects), each as a plain test of what a user would notice."""

import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone

from coordination.models import Consent, ConsentEvent, ConsentState, Relative
from coordination.services.consents import consent_event_record
from coordination.services.invitations import invitation_send
from pathways.services.log import log_entry_correct
from pathways.services.plan import action_create, action_update, evaluation_create, goal_create, goal_update
from pathways.services.voice import entry_withhold
from tests import factories
from tests.pathways.test_my_stafett import sign_in, youth_account


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return html.unescape(response.content.decode())


def _consent_form(cast, **fields) -> dict:
    data = {
        "event_kind": "discussed",
        "basis": "consent",
        "given_by": "both",
        "purpose": "Samarbeid med NAV",
        "form": "oral",
        "valid_from": timezone.localdate().isoformat(),
        "youth_view": "Jeg vil tenke på det.",
    }
    data.update(fields)
    return data


def test_a_consent_opened_by_a_conversation_is_recorded_as_discussed_not_a_server_error(cast, client, login):
    login(cast.holder)
    response = client.post(reverse("consent_new", args=[cast.youth.pk]), _consent_form(cast))
    assert response.status_code == 302
    consent = Consent.objects.filter(youth=cast.youth).latest("id")
    assert consent.state == ConsentState.DISCUSSED
    assert list(ConsentEvent.objects.filter(consent=consent).values_list("kind", flat=True)) == ["discussed"]
    page = _page(client, reverse("consents", args=[cast.youth.pk]))
    assert "Samarbeid med NAV" in page
    # A discussed consent shares nothing: the NAV member still sees no youth.
    login(cast.uncovered)
    assert client.get(reverse("youth_overview", args=[cast.youth.pk])).status_code == 404


def test_a_discussed_consent_can_then_be_given(cast):
    consent = factories.consent(cast.youth, cast.holder, set(), event_kind="discussed")
    consent_event_record(
        actor=cast.holder, consent=consent, kind="given", scope={(cast.uncovered.agency_id, "general")}
    )
    consent.refresh_from_db()
    assert consent.state == ConsentState.GIVEN


def test_the_correction_of_an_entry_kept_from_the_youth_is_kept_from_them_too(cast, client):
    entry = factories.log_entry(cast.youth, cast.holder, text="Naboen har kreft (tredjepart).")
    entry_withhold(actor=cast.holder, entry=entry, reason="third_party")
    log_entry_correct(actor=cast.holder, original=entry, text="Naboen har lymfekreft (tredjepart).")
    sign_in(client, youth_account(cast.youth))
    page = _page(client, reverse("my_log"))
    assert "tredjepart" not in page


def test_a_correction_of_a_correction_is_kept_from_the_youth_with_the_original(cast, client):
    entry = factories.log_entry(cast.youth, cast.holder, text="Første versjon om søsteren.")
    entry_withhold(actor=cast.holder, entry=entry, reason="third_party")
    first = log_entry_correct(actor=cast.holder, original=entry, text="Andre versjon om søsteren.")
    log_entry_correct(actor=cast.holder, original=first, text="Tredje versjon om søsteren.")
    sign_in(client, youth_account(cast.youth))
    assert "søsteren" not in _page(client, reverse("my_log"))


def test_a_correction_of_an_entry_the_youth_may_see_is_shown_to_them(cast, client):
    entry = factories.log_entry(cast.youth, cast.holder, text="Hun kom på møtet.")
    log_entry_correct(actor=cast.holder, original=entry, text="Hun kom på møtet, sammen med mor.")
    sign_in(client, youth_account(cast.youth))
    assert "sammen med mor" in _page(client, reverse("my_log"))


def _relative(cast, **fields) -> Relative:
    return Relative.objects.create(
        youth=cast.youth,
        name="Mona Ung",
        relation="Mor",
        has_parental_responsibility=True,
        agency=cast.holder.agency,
        phone="+4791234567",
        **fields,
    )


def test_an_invitation_to_a_relative_does_not_speak_of_their_plan(
    cast, client, django_capture_on_commit_callbacks
):
    from coordination.accounts import sms

    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=cast.holder, youth=cast.youth, channel="sms", relative=_relative(cast))
    text = sms.outbox[-1]["text"]
    assert "planen din" not in text and "ungdom deler med deg" in text
    assert "Sara" not in text  # still no name
    link = re.search(r"(/min/invitasjon/[^/\s]+/)", text).group(1)
    page = _page(client, link)
    assert "planen din" not in page and "Du er invitert til Stafett" in page


def test_an_invitation_to_the_youth_still_speaks_of_their_plan(
    cast, client, django_capture_on_commit_callbacks
):
    from coordination.accounts import sms

    cast.youth.phone = "+4798765432"
    cast.youth.save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=cast.holder, youth=cast.youth, channel="sms")
    assert "planen din" in sms.outbox[-1]["text"]


# --- found by tests/test_confidentiality_generative.py ---------------------------------------------
# The school (member) writes a goal and an action in "school"; the consent does not cover "school"
# for child welfare (the holder's agency), so the holder must not read them anywhere.


def _school_plan(cast):
    goal = goal_create(
        actor=cast.member,
        youth=cast.youth,
        kind="school_work",
        description="Mål om matteprøven",
        category="school",
    )
    action = action_create(
        actor=cast.member,
        goal=goal,
        description="Tiltak: ekstra mattetimer",
        responsible=cast.member,
        evaluator=cast.holder,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
        evaluation_date=timezone.localdate() + datetime.timedelta(days=5),
        category="school",
    )
    return goal, action


def test_an_evaluation_by_another_agency_does_not_repeat_the_action_in_its_log_entry(cast, client, login):
    _goal, action = _school_plan(cast)
    evaluation_create(
        actor=cast.holder,
        action=action,
        outcome="partly",
        assessment="Går litt bedre.",
        youth_view="Matte er fortsatt vanskelig.",
        next_step="continue",
        next_evaluation_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    login(cast.holder)
    for path in ("", "logg/"):
        page = _page(client, f"/ungdommer/{cast.youth.pk}/{path}")
        assert "ekstra mattetimer" not in page
        assert "Matte er fortsatt vanskelig." in page  # the holder's own evaluation entry is there
    login(cast.member)
    assert "ekstra mattetimer" in _page(client, f"/ungdommer/{cast.youth.pk}/plan/")


def test_a_change_to_another_agencys_goal_is_logged_for_that_agency(cast, client, login):
    goal, action = _school_plan(cast)
    goal_update(actor=cast.holder, goal=goal, expected_version=goal.version, status="paused")
    action_update(actor=cast.holder, action=action, expected_version=action.version, status="ongoing")
    login(cast.holder)
    page = _page(client, f"/ungdommer/{cast.youth.pk}/logg/")
    assert "matteprøven" not in page and "ekstra mattetimer" not in page
    login(cast.member)
    page = _page(client, f"/ungdommer/{cast.youth.pk}/logg/")
    assert "Mål om matteprøven" in page and "ekstra mattetimer" in page
