"""Consent as a process: events derive the state, access follows consent on the very next request."""

import datetime

import pytest
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.models import Consent, ConsentEvent, ConsentGrant, Youth
from coordination.services.consents import consent_event_record, consent_record
from coordination.services.team import team_member_add
from pathways.models import LogEntry
from tests import factories


@pytest.fixture
def school_note(cast):
    return factories.log_entry(cast.youth, cast.holder, category="school", text="Fravær siste måned: 40 %")


@pytest.fixture
def health_note(cast):
    return factories.log_entry(cast.youth, cast.holder, category="mental_health", text="Sover dårlig, angst")


def _log_page(client, cast):
    return client.get(f"/ungdommer/{cast.youth.pk}/logg/")


def test_member_sees_covered_categories_only(cast, client, school_note, health_note, login):
    login(cast.member)
    html = _log_page(client, cast).content.decode()
    assert "Fravær siste måned" in html
    assert "Sover dårlig" not in html


def test_member_always_sees_what_their_own_agency_wrote(cast, client, login):
    factories.log_entry(cast.youth, cast.member, category="mental_health", text="Eleven virket redd")
    login(cast.member)
    assert "Eleven virket redd" in _log_page(client, cast).content.decode()


def test_withdrawal_removes_access_on_the_next_request(cast, client, school_note, login):
    login(cast.member)
    assert _log_page(client, cast).status_code == 200
    consent = cast.youth.consents.get()
    consent_event_record(actor=cast.holder, consent=consent, kind="withdrawn", note="Sara vil ikke lenger")
    assert _log_page(client, cast).status_code == 404
    assert cast.youth.last_name not in client.get("/ungdommer/").content.decode()


def test_narrowing_hides_the_removed_category_on_the_next_request(cast, client, school_note, login):
    consent = cast.youth.consents.get()
    login(cast.member)
    assert "Fravær siste måned" in _log_page(client, cast).content.decode()
    narrower = {(a, c) for a, c in consent.grants.values_list("agency_id", "category") if c != "school"}
    consent_event_record(actor=cast.holder, consent=consent, kind="narrowed", scope=narrower)
    html = _log_page(client, cast).content.decode()
    assert "Fravær siste måned" not in html
    assert Consent.objects.get(pk=consent.pk).state == "partly_given"


def test_expiry_ends_access_on_the_day_without_recomputation(cast, client, school_note, time_machine, login):
    consent = cast.youth.consents.get()
    consent_event_record(actor=cast.holder, consent=consent, kind="withdrawn")
    factories.consent(
        cast.youth,
        cast.holder,
        {(cast.member.agency_id, "school")},
        expires_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    login(cast.member)
    assert "Fravær siste måned" in _log_page(client, cast).content.decode()
    time_machine.move_to(timezone.now() + datetime.timedelta(days=11))
    login(cast.member)  # the old session has timed out by then
    assert _log_page(client, cast).status_code == 404


def test_new_team_member_without_consent_for_their_agency_sees_nothing(cast, client, login):
    bup = factories.agency(sector="phbu_bup", name="BUP Poliklinikk")
    therapist = factories.staff(agency=bup)
    team_member_add(actor=cast.holder, youth=cast.youth, user=therapist, role="Behandler")
    login(therapist)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404
    assert cast.youth.last_name not in client.get("/ungdommer/").content.decode()
    consent_record(
        actor=cast.holder,
        youth=cast.youth,
        event_kind="given",
        basis="consent",
        given_by="youth",
        purpose="Behandling i BUP",
        form="digital",
        valid_from=timezone.localdate(),
        review_on=None,
        expires_on=None,
        scope={(bup.pk, "mental_health")},
    )
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 200


def test_history_is_kept_and_state_derived_from_events(cast):
    consent = cast.youth.consents.get()
    consent_event_record(actor=cast.holder, consent=consent, kind="withdrawn", note="Vil tenke seg om")
    consent_event_record(
        actor=cast.holder, consent=consent, kind="given", scope={(cast.member.agency_id, "general")}
    )
    kinds = list(ConsentEvent.objects.filter(consent=consent).values_list("kind", flat=True))
    assert kinds == ["given", "withdrawn", "given"]
    assert Consent.objects.get(pk=consent.pk).state == "given"
    assert set(ConsentGrant.objects.filter(consent=consent).values_list("category", flat=True)) == {"general"}
    assert ConsentEvent.objects.get(consent=consent, kind="withdrawn").note == "Vil tenke seg om"


def test_refusal_is_recorded_and_shares_nothing(cast, client, login):
    consent_record(
        actor=cast.holder,
        youth=cast.youth,
        event_kind="refused",
        basis="consent",
        given_by="both",
        purpose="Deling med NAV",
        form="oral",
        valid_from=timezone.localdate(),
        review_on=None,
        expires_on=None,
        scope=set(),
        youth_view="Vil ikke at NAV skal vite",
    )
    assert Consent.objects.filter(youth=cast.youth, state="refused").exists()
    login(cast.uncovered)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404


def test_legal_duty_is_recorded_with_its_basis_and_shown(cast, client, login):
    consent_record(
        actor=cast.holder,
        youth=cast.youth,
        event_kind="given",
        basis="legal_duty",
        given_by="",
        legal_basis="Opplysningsplikt til barnevernet, barnevernsloven § 13-2",
        purpose="Bekymringsmelding",
        form="written",
        valid_from=timezone.localdate(),
        review_on=None,
        expires_on=None,
        scope={(cast.uncovered.agency_id, "general")},
    )
    login(cast.holder)
    html = client.get(f"/ungdommer/{cast.youth.pk}/samtykke/").content.decode()
    assert "barnevernsloven § 13-2" in html
    login(cast.uncovered)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 200


def _form(cast, **overrides):
    today = timezone.localdate()
    data = {
        "event_kind": "given",
        "basis": "consent",
        "legal_basis": "",
        "given_by": "both",
        "purpose": "Samarbeid om skolegang",
        "form": "written",
        "valid_from": today.isoformat(),
        "review_on": "",
        "expires_on": "",
        "youth_view": "Greit for meg",
        "note": "",
        "scope": [f"{cast.member.agency_id}:health"],
    }
    return {**data, **overrides}


def test_expiry_before_start_gets_a_norwegian_message_and_saves_nothing(cast, client, login):
    login(cast.holder)
    before = Consent.objects.count()
    today = timezone.localdate()
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/samtykke/ny/",
        _form(cast, expires_on=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "Utløpsdatoen kan ikke være før samtykket starter." in response.content.decode()
    assert Consent.objects.count() == before


def test_empty_scope_is_refused(cast, client, login):
    login(cast.holder)
    before = (Consent.objects.count(), LogEntry.objects.count())
    response = client.post(f"/ungdommer/{cast.youth.pk}/samtykke/ny/", _form(cast, scope=[]))
    assert response.status_code == 200
    assert "Velg minst én" in response.content.decode()
    assert (Consent.objects.count(), LogEntry.objects.count()) == before


def test_a_fourteen_year_old_alone_cannot_consent_to_sharing_health_information(cast, client, login):
    today = timezone.localdate()
    Youth.objects.filter(pk=cast.youth.pk).update(birth_date=today.replace(year=today.year - 14))
    login(cast.holder)
    response = client.post(f"/ungdommer/{cast.youth.pk}/samtykke/ny/", _form(cast, given_by="youth"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "under 16" in html  # the rule that applies is named in the message
    assert not Consent.objects.filter(purpose="Samarbeid om skolegang").exists()


def test_the_page_shows_the_age_rule_that_applies(cast, client, login):
    login(cast.holder)
    html = client.get(f"/ungdommer/{cast.youth.pk}/samtykke/ny/").content.decode()
    assert "16 eller 17" in html


def test_only_the_stafettholder_records_consent(cast, client, login):
    login(cast.member)
    assert client.post(f"/ungdommer/{cast.youth.pk}/samtykke/ny/", _form(cast)).status_code == 403
    consent = cast.youth.consents.get()
    url = f"/ungdommer/{cast.youth.pk}/samtykke/{consent.pk}/hendelse/"
    assert client.post(url, {"kind": "withdrawn"}).status_code == 403
    assert Consent.objects.get(pk=consent.pk).state == "given"


def test_withdraw_through_the_page(cast, client, login):
    consent = cast.youth.consents.get()
    login(cast.holder)
    url = f"/ungdommer/{cast.youth.pk}/samtykke/{consent.pk}/hendelse/"
    response = client.post(url, {"kind": "withdrawn", "note": "Sara trakk samtykket i samtale"})
    assert response.status_code == 302
    login(cast.member)
    assert client.get(f"/ungdommer/{cast.youth.pk}/").status_code == 404


def test_widening_must_add_and_narrowing_must_remove(cast):
    consent = cast.youth.consents.get()
    current = set(consent.grants.values_list("agency_id", "category"))
    with pytest.raises(BusinessRuleError):
        consent_event_record(actor=cast.holder, consent=consent, kind="narrowed", scope=current)
    with pytest.raises(BusinessRuleError):
        consent_event_record(actor=cast.holder, consent=consent, kind="widened", scope=current)


def test_a_review_date_near_reminds_the_stafettholder_until_the_consent_is_reviewed(cast, settings):
    """Rule 4 of the reminder sweep, on the real consent model."""
    from pathways import sweep
    from pathways.models import Reminder, ReminderRule

    settings.REMINDER_CONSENT_NOTICE_DAYS = 14
    today = timezone.localdate()
    consent = cast.youth.consents.get()
    Consent.objects.filter(pk=consent.pk).update(review_on=today + datetime.timedelta(days=20))
    sweep.run()
    assert not Reminder.objects.filter(lapse__rule=ReminderRule.CONSENT_DUE).exists()
    Consent.objects.filter(pk=consent.pk).update(review_on=today + datetime.timedelta(days=10))
    sweep.run()
    sweep.run()  # idempotent: still one reminder
    reminders = Reminder.objects.filter(lapse__rule=ReminderRule.CONSENT_DUE)
    assert [reminder.recipient for reminder in reminders] == [cast.holder]
    consent_event_record(
        actor=cast.holder,
        consent=consent,
        kind="reviewed",
        note="Gjennomgått med Sara, uendret",
        next_review_on=today + datetime.timedelta(days=180),
    )
    sweep.run()
    assert reminders.get().lapse.resolved_at is not None
    assert Consent.objects.get(pk=consent.pk).review_on == today + datetime.timedelta(days=180)


def test_withdrawn_consent_is_not_reminded_about(cast):
    from pathways import sweep
    from pathways.models import Reminder, ReminderRule

    consent = cast.youth.consents.get()
    Consent.objects.filter(pk=consent.pk).update(review_on=timezone.localdate())
    consent_event_record(actor=cast.holder, consent=consent, kind="withdrawn")
    sweep.run()
    assert not Reminder.objects.filter(lapse__rule=ReminderRule.CONSENT_DUE).exists()


def test_renewing_an_expired_consent_needs_a_new_expiry_and_shares_again_from_that_day(
    cast, client, school_note, time_machine, login
):
    consent_event_record(actor=cast.holder, consent=cast.youth.consents.get(), kind="withdrawn")
    lapsing = factories.consent(
        cast.youth,
        cast.holder,
        {(cast.member.agency_id, "school")},
        expires_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    time_machine.move_to(timezone.now() + datetime.timedelta(days=20))
    login(cast.holder)
    url = f"/ungdommer/{cast.youth.pk}/samtykke/{lapsing.pk}/hendelse/"
    # Renewed without a new expiry date: told why, nothing changes (the member still sees nothing).
    response = client.post(url, {"kind": "renewed", "note": "Sara vil fortsette"})
    assert "For å fornye det må du sette en ny utløpsdato." in response.content.decode()
    assert not lapsing.events.filter(kind="renewed").exists()
    login(cast.member)
    assert _log_page(client, cast).status_code == 404
    # With a new expiry date: shared again from today, until then.
    today = timezone.localdate()
    until = today + datetime.timedelta(days=90)
    login(cast.holder)
    assert client.post(url, {"kind": "renewed", "expires_on": until.isoformat()}).status_code == 302
    lapsing.refresh_from_db()
    assert (lapsing.valid_from, lapsing.expires_on) == (today, until)
    login(cast.member)
    assert "Fravær siste måned" in _log_page(client, cast).content.decode()


def test_a_new_expiry_date_belongs_to_a_renewal_and_lies_ahead(cast):
    consent = cast.youth.consents.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(BusinessRuleError):
        consent_event_record(actor=cast.holder, consent=consent, kind="reviewed", expires_on=tomorrow)
    with pytest.raises(BusinessRuleError):
        consent_event_record(
            actor=cast.holder, consent=consent, kind="renewed", expires_on=timezone.localdate()
        )
    consent_event_record(actor=cast.holder, consent=consent, kind="renewed", expires_on=tomorrow)
    consent.refresh_from_db()
    assert consent.expires_on == tomorrow
    assert consent.valid_from < timezone.localdate()  # not lapsed: the period runs on
