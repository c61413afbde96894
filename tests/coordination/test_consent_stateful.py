"""The consent flow as a state machine (hypothesis, stateful), driven through the pages.

The stafettholder records new consents and every later event on the consent pages, the youth withdraws
and asks for changes on their own /min/ consent page, and the clock moves on (consents run out). Steps
are plausible or hostile: opening events of every kind, events the state does not allow, other youths'
consents, agencies off the team, wrong categories, dates long past or far ahead, empty and huge texts.

After every step:
- no 500 (the test client raises what a view raises);
- a refused step says why (the form's errors, or a message on the youth's page; hostile ids 404) and
  leaves no row behind;
- each consent's state and current scope are what its event rows say, computed here from the rows
  with this file's own table;
- every team member's rights are exactly what those derived consents give their agency today;
- both consent pages open.

Bounded and seeded for the suite; `STAFETT_HYPOTHESIS_EXAMPLES=500` runs a long exploration.
"""

import datetime
import os

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import transaction
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from coordination.access.staff import youth_access_for_user
from coordination.models import (
    Consent,
    ConsentChangeRequest,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    Sector,
    YouthPermission,
)
from pathways.models import LogEntry
from tests import factories
from tests.conftest import verify_second_factor
from tests.pathways.test_my_stafett import sign_in, youth_account

EXAMPLES = int(os.environ.get("STAFETT_HYPOTHESIS_EXAMPLES", "10"))
OSLO = datetime.timezone(datetime.timedelta(hours=1))
START = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=OSLO)

CATEGORIES = ("general", "school", "health", "mental_health", "substance_use", "child_welfare", "nav")
# This file's own reading of the consent process (README: "Consent is a process"), not the product's.
STATE_SET_BY = {
    "requested": "requested",
    "given": "given",
    "partly_given": "partly_given",
    "refused": "refused",
    "renewed": "given",
    "narrowed": "partly_given",
    "widened": "given",
    "withdrawn": "withdrawn",
    "expired": "expired",
}
SETS_SCOPE = {"given", "partly_given", "renewed", "narrowed", "widened"}
SHARING = {"given", "partly_given"}
EVENT_KINDS = (*STATE_SET_BY, "discussed", "reviewed")
HUGE = "Å" * 5000
TEXTS = st.sampled_from(["", " ", "Samtale med mor og Sara.", HUGE, "<script>alert(1)</script>", "\x00"])


def derived(consent: Consent) -> tuple[str | None, set[tuple[int, str]]]:
    """State and current scope from the consent's event rows."""
    state, scope = None, set()
    events = ConsentEvent.objects.filter(consent=consent).order_by("recorded_at", "id")
    for event in events:
        if event.kind in STATE_SET_BY:
            state = STATE_SET_BY[event.kind]
        elif state is None:
            state = "discussed"  # opened by a conversation
        if event.kind in SETS_SCOPE:
            scope = set(ConsentEventScope.objects.filter(event=event).values_list("agency_id", "category"))
        if event.kind == "withdrawn":
            scope = set()
    return state, scope


def _rows() -> dict:
    """Everything a consent step may write (the access log aside, which every request writes)."""
    return {
        "consents": list(Consent.objects.order_by("pk").values_list("pk", "state", "review_on")),
        "events": ConsentEvent.objects.count(),
        "scope": ConsentEventScope.objects.count(),
        "grants": sorted(ConsentGrant.objects.values_list("consent_id", "agency_id", "category")),
        "log": LogEntry.objects.count(),
        "wishes": ConsentChangeRequest.objects.count(),
        "rights": sorted(
            YouthPermission.objects.values_list("user_id", "permission_id", "valid_from", "valid_until")
        ),
    }


def _date(offset: int | str | None) -> str:
    if offset is None:
        return ""
    if isinstance(offset, str):
        return offset  # hostile: not a date
    return (timezone.localdate() + datetime.timedelta(days=offset)).isoformat()


BAD_DATES = ["2026-02-30", "9999-12-31", "0001-01-01", "i morgen", "-1"]


class ConsentFlow(RuleBasedStateMachine):
    recorded = 0  # steps the pages accepted, over the whole run

    def __init__(self):
        super().__init__()
        self.clock = time_machine.travel(START, tick=False)
        self.clock.start()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.clock.stop()

    # --- the cast ---------------------------------------------------------------------------------

    @initialize(age=st.sampled_from([11, 14, 16, 19]))
    def cast(self, age):
        self.age = age
        child_welfare = factories.agency(sector=Sector.CHILD_WELFARE)
        school = factories.agency(sector=Sector.SCHOOL)
        health = factories.agency(sector=Sector.PHBU_BUP)
        off_team = factories.agency(sector=Sector.NAV)
        self.holder = factories.staff(agency=child_welfare)
        self.members = [factories.staff(agency=school), factories.staff(agency=health)]
        today = timezone.localdate()
        born = today.replace(year=today.year - age) - datetime.timedelta(days=40)
        self.youth = factories.youth(holder=self.holder, birth_date=born)
        for member in self.members:
            factories.add_member(self.youth, member)
        # Another youth with a consent of their own: its ids are hostile here.
        other = factories.youth(holder=factories.staff(agency=child_welfare), birth_date=born)
        self.foreign = factories.consent(
            other,
            other.stafettholder,
            {(school.pk, "general")},
            basis="legal_duty",
            legal_basis="Bvl. § 13-2",
        )
        self.agencies = [child_welfare, school, health]
        self.cells = [f"{agency.pk}:{category}" for agency in self.agencies for category in CATEGORIES]
        self.hostile_cells = [f"{off_team.pk}:general", f"{school.pk}:secret", "x:y", "", f"{school.pk}"]
        self.staff_client, self.youth_client = Client(), Client()
        self.youth_user = youth_account(self.youth)
        self._sign_in()

    def _sign_in(self):
        # After the clock moves, sessions have run out: sign in again, as people would.
        self.staff_client.force_login(self.holder)
        verify_second_factor(self.staff_client, self.holder)
        sign_in(self.youth_client, self.youth_user)

    def _consent_ids(self) -> list[int]:
        return list(Consent.objects.filter(youth=self.youth).values_list("pk", flat=True))

    # --- steps ------------------------------------------------------------------------------------

    def _staff_post(self, url: str, data: dict) -> bool:
        """Posts a consent form as the stafettholder; True when the step was recorded."""
        before = _rows()
        response = self.staff_client.post(url, data)
        if response.status_code == 302:
            ConsentFlow.recorded += 1
            return True
        if response.status_code == 404:
            assert _rows() == before, "a refused step (404) left rows behind"
            return False
        assert response.status_code == 200, response.status_code
        form = response.context["form"]
        assert form.errors, "the form came back without saying what is wrong"
        assert "ds-error-summary" in response.content.decode()
        assert _rows() == before, f"a refused step left rows behind: {form.errors}"
        return False

    def _spoil(self, data, form: dict, hostile: dict) -> dict:
        """A plausible form with at most one field (sometimes) replaced by a hostile value."""
        field = data.draw(st.sampled_from([None, None, None, *hostile]), label="spoiled field")
        if field is not None:
            form[field] = data.draw(st.sampled_from(hostile[field]), label=field)
        return form

    def _givers(self) -> list[str]:
        if self.age >= 18:
            return ["youth"]
        return ["both"] if self.age >= 16 else ["guardians", "both"]

    def _scope(self, data) -> list[str]:
        cells = st.lists(st.sampled_from(self.cells), min_size=1, max_size=5, unique=True)
        return data.draw(cells, label="scope")

    @rule(data=st.data())
    def record_consent(self, data):
        kind = data.draw(st.sampled_from(["given", "partly_given", "discussed", "requested", "refused"]))
        legal = data.draw(st.integers(0, 6), label="legal basis") == 0
        form = {
            "event_kind": kind,
            "basis": "legal_duty" if legal else "consent",
            "given_by": data.draw(st.sampled_from(self._givers())),
            "purpose": "Samarbeid om skole og helse",
            "legal_basis": "Barnevernloven § 13-2" if legal else "",
            "form": "written",
            "valid_from": _date(data.draw(st.sampled_from([0, -30, -400, 10]))),
            "review_on": _date(data.draw(st.sampled_from([None, 60, 400]))),
            "expires_on": _date(data.draw(st.sampled_from([None, 20, 90, 365]))),
            "scope": self._scope(data),
            "youth_view": "Jeg vil at de snakker sammen.",
            "note": data.draw(st.sampled_from(["", "Samtale på kontoret."])),
        }
        form = self._spoil(
            data,
            form,
            {
                "event_kind": ["withdrawn", "renewed", "x", ""],
                "basis": ["legal_duty", "bogus", ""],
                "given_by": ["youth", "guardians", "n/a", "nobody"],
                "purpose": ["", " ", HUGE, "\x00"],
                "legal_basis": ["", "L" * 400],
                "valid_from": [_date(-3000), _date(3000), *BAD_DATES],
                "review_on": [_date(-3000), _date(-1), *BAD_DATES],
                "expires_on": [_date(-3000), _date(-1), _date(0), _date(3000), *BAD_DATES],
                "scope": [[], *([*form["scope"], cell] for cell in self.hostile_cells)],
                "youth_view": ["", HUGE],
                "note": [HUGE, "<script>alert(1)</script>"],
            },
        )
        before = self._consent_ids()
        recorded = self._staff_post(reverse("consent_new", args=[self.youth.pk]), form)
        after = self._consent_ids()
        assert len(after) == len(before) + (1 if recorded else 0)
        if recorded:
            (new,) = set(after) - set(before)
            assert ConsentEvent.objects.filter(consent_id=new).count() == 1

    @rule(data=st.data())
    def record_event(self, data):
        ids = self._consent_ids()
        foreign = not ids or data.draw(st.integers(0, 9), label="foreign") == 0
        consent_id = self.foreign.pk if foreign else data.draw(st.sampled_from(ids))
        kind = data.draw(st.sampled_from(EVENT_KINDS))
        grants = ConsentGrant.objects.filter(consent_id=consent_id).values_list("agency_id", "category")
        current = {f"{agency}:{category}" for agency, category in grants}
        if kind == "narrowed" and current:
            scope = sorted(current - {data.draw(st.sampled_from(sorted(current)))})
        elif kind == "widened":
            scope = sorted(current | {data.draw(st.sampled_from(self.cells))})
        elif kind == "renewed":
            scope = data.draw(st.sampled_from([[], sorted(current)]))
        else:
            scope = self._scope(data) if kind in SETS_SCOPE else []
        review = kind in ("reviewed", "renewed") and data.draw(st.booleans(), label="next review")
        form = {
            "kind": kind,
            "next_review_on": _date(60) if review else "",
            "note": data.draw(st.sampled_from(["", "Sara ville dette selv."])),
            "scope": scope,
        }
        form = self._spoil(
            data,
            form,
            {
                "kind": ["bogus", "", "given", "withdrawn", "expired"],
                "next_review_on": [_date(-30), _date(0), _date(3000), *BAD_DATES],
                "note": [HUGE, "\x00"],
                "scope": [[], self.cells, *([*scope, cell] for cell in self.hostile_cells)],
            },
        )
        events_before = ConsentEvent.objects.filter(consent_id=consent_id).count()
        recorded = self._staff_post(reverse("consent_event_new", args=[self.youth.pk, consent_id]), form)
        assert not (recorded and consent_id == self.foreign.pk), "changed another youth's consent"
        events_after = ConsentEvent.objects.filter(consent_id=consent_id).count()
        assert events_after == events_before + (1 if recorded else 0)

    @rule(note=TEXTS, data=st.data())
    def youth_withdraws(self, note, data):
        ids = self._consent_ids()
        foreign = data.draw(st.integers(0, 5), label="foreign") == 0
        consent_id = self.foreign.pk if foreign or not ids else data.draw(st.sampled_from(ids))
        before = _rows()
        response = self.youth_client.post(reverse("my_consent_withdraw", args=[consent_id]), {"note": note})
        if response.status_code in (403, 404):
            # Another youth's consent, or one the page does not offer to withdraw.
            assert consent_id == self.foreign.pk or response.status_code == 403
            assert _rows() == before
            return
        assert response.status_code == 302, response.status_code
        self._told_plainly(response, before)

    @rule(text=TEXTS, foreign=st.booleans(), data=st.data())
    def youth_asks_for_a_change(self, text, foreign, data):
        ids = self._consent_ids()
        if foreign:
            url = reverse("my_consent_change", args=[self.foreign.pk])
        elif ids and data.draw(st.booleans()):
            url = reverse("my_consent_change", args=[data.draw(st.sampled_from(ids))])
        else:
            url = reverse("my_consent_change_any")
        before = _rows()
        response = self.youth_client.post(url, {"text": text})
        if foreign:
            assert response.status_code == 404 and _rows() == before
            return
        assert response.status_code == 302, response.status_code
        self._told_plainly(response, before)

    def _told_plainly(self, response, before):
        told = list(get_messages(response.wsgi_request))
        assert told, "no message after the step"
        if any(message.level_tag == "error" for message in told):
            assert _rows() == before, "a refused step left rows behind"
        else:
            assert _rows() != before

    @rule(days=st.sampled_from([1, 14, 60, 200, 800]))
    def time_passes(self, days):
        moment = timezone.now() + datetime.timedelta(days=days)
        self.clock.stop()
        self.clock = time_machine.travel(moment, tick=False)
        self.clock.start()
        self._sign_in()

    # --- what must always hold --------------------------------------------------------------------

    @invariant()
    def state_and_scope_follow_from_the_events(self):
        if not hasattr(self, "youth"):
            return
        for consent in Consent.objects.filter(youth=self.youth):
            state, scope = derived(consent)
            assert consent.state == state, f"stored {consent.state}, the events say {state}"
            stored = set(ConsentGrant.objects.filter(consent=consent).values_list("agency_id", "category"))
            assert stored == scope, f"stored scope {stored}, the events say {scope}"

    @invariant()
    def rights_are_what_the_consents_give(self):
        if not hasattr(self, "youth"):
            return
        today = timezone.localdate()
        covered: dict[int, set[str]] = {}
        for consent in Consent.objects.filter(youth=self.youth):
            state, scope = derived(consent)
            runs = consent.valid_from <= today and (consent.expires_on is None or today <= consent.expires_on)
            if state in SHARING and runs:
                for agency_id, category in scope:
                    covered.setdefault(agency_id, set()).add(category)
        for user in (self.holder, *self.members):
            expected = covered.get(user.agency_id, set())
            sees = user == self.holder or bool(expected)
            try:
                access = youth_access_for_user(user, self.youth.pk)
            except Http404:
                assert not sees, f"{user.agency} should see the youth ({expected})"
                continue
            assert sees, f"{user.agency} sees the youth without a consent"
            assert set(access.categories) == expected

    @invariant()
    def both_consent_pages_open(self):
        if not hasattr(self, "youth"):
            return
        assert self.staff_client.get(reverse("consents", args=[self.youth.pk])).status_code == 200
        assert self.youth_client.get(reverse("my_consents")).status_code == 200


FLOW = settings(
    max_examples=EXAMPLES,
    stateful_step_count=15,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.django_db
def test_the_consent_flow_holds_through_any_sequence_of_steps():
    ConsentFlow.recorded = 0
    run_state_machine_as_test(ConsentFlow, settings=FLOW)
    # The run went through the flow, not only past refusals.
    assert ConsentFlow.recorded >= EXAMPLES
