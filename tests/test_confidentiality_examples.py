"""Issue 9's examples ("Found on main, among others"), each as a user or an attacker would notice it.

Every instance the issue lists is here as one or more behaviour tests: through the pages where it is
about pages, through the services and the reminder sweep where it is about reminders and rights. The
personas are the suite's `cast` (tests/conftest.py): the stafettholder (child welfare), a member from
the school (consent: general + school), a member from NAV (no consent), an outsider, a team lead.
"""

import datetime
import html

import pytest
from django.core import mail
from django.utils import timezone

from coordination.models import (
    AccessAction,
    AccessLogEntry,
    Agency,
    Consent,
    EmergencyAccess,
    RegistrationAttempt,
    Sector,
    TeamMembership,
    User,
    Youth,
)
from coordination.services.consents import consent_event_record
from coordination.services.team import relative_add
from pathways import sweep
from pathways.models import Action, Lapse, LogEntry, LogEntryKind, Meeting, Reminder, ReminderRule
from pathways.services.log import log_entry_append
from pathways.services.meetings import meeting_create, meeting_record_minutes
from pathways.services.plan import action_create, goal_create
from pathways.services.reminders import reminder_email_deliver
from tests import factories

BADGE = {"HX-Request": "true", "HX-Target": "unread-badge"}


# --- helpers ---------------------------------------------------------------------------------------


def _url(youth: Youth, path: str = "") -> str:
    return f"/ungdommer/{youth.pk}/{path}"


def _page(client, url: str) -> str:
    """The page as the user reads it (entities decoded); it must open."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return html.unescape(response.content.decode())


def _days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _oslo_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=timezone.get_default_timezone())


def _consent_of(youth: Youth, agency: Agency) -> Consent:
    return Consent.objects.filter(youth=youth, grants__agency=agency).distinct().get()


@pytest.fixture
def daytime(time_machine):
    """The clock stands still at the next 10:00 in Oslo (never in the e-mail quiet hours)."""
    now = timezone.localtime()
    moment = now.replace(hour=10, minute=0, second=0, microsecond=0)
    if moment <= now:
        moment += datetime.timedelta(days=1)
    time_machine.move_to(moment, tick=False)
    return moment


@pytest.fixture
def general_only(cast) -> User:
    """The NAV member, now with a consent for "general" only."""
    factories.consent(cast.youth, cast.holder, {(cast.uncovered.agency_id, "general")})
    return cast.uncovered


# --- 1. /ungdommer/<y>/moter/ and the minutes ---------------------------------------------------------


def _meeting_with_minutes(
    cast, *, title: str, place: str, agenda: str, category: str, minutes: str
) -> Meeting:
    meeting = meeting_create(
        actor=cast.holder,
        youth=cast.youth,
        participants=[cast.member],
        relatives=[],
        title=title,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        location=place,
        agenda=agenda,
        category=category,
    )
    meeting_record_minutes(actor=cast.holder, meeting=meeting, minutes=minutes)
    return meeting


def test_a_meeting_in_a_hidden_category_is_not_listed_at_all_while_a_visible_one_shows_with_its_minutes(
    cast, client, login
):
    hidden = _meeting_with_minutes(
        cast,
        title="Innleggelsesmøte psykiatri",
        place="Psykiatrisk poliklinikk Østmarka",
        agenda="Medisinering og innleggelse",
        category="mental_health",
        minutes="Sara ønsker innleggelse etter jul",
    )
    _meeting_with_minutes(
        cast,
        title="Ansvarsgruppemøte skole",
        place="Skolen, rom 2",
        agenda="Fravær og timeplan",
        category="general",
        minutes="Avtalt redusert timeplan",
    )
    login(cast.member)
    meetings = _page(client, _url(cast.youth, "moter/"))
    for visible in (
        "Ansvarsgruppemøte skole",
        "Skolen, rom 2",
        "Fravær og timeplan",
        "Avtalt redusert timeplan",
    ):
        assert visible in meetings
    for secret in ("Innleggelsesmøte", "Østmarka", "Medisinering og innleggelse", "Sara ønsker innleggelse"):
        assert secret not in meetings
    log = _page(client, _url(cast.youth, "logg/"))
    assert "Avtalt redusert timeplan" in log and "Sara ønsker innleggelse" not in log
    assert client.get(_url(cast.youth, f"moter/{hidden.pk}/endre/")).status_code == 404
    assert client.get(_url(cast.youth, f"moter/{hidden.pk}/referat/")).status_code == 404
    login(cast.holder)
    assert "Sara ønsker innleggelse etter jul" in _page(client, _url(cast.youth, "moter/"))


def test_minutes_are_shown_by_their_own_category_even_under_a_meeting_the_member_sees(cast, client, login):
    """The minutes are a log entry of their own: the meetings page applies the rule `/logg/` applies to
    that very entry (here minutes in "health" under a "general" meeting, as written before the rule)."""
    meeting = meeting_create(
        actor=cast.holder,
        youth=cast.youth,
        participants=[cast.member],
        relatives=[],
        title="Samarbeidsmøte januar",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        location="Skolen",
        agenda="Oppfølging etter ferien",
        category="general",
    )
    minutes = factories.log_entry(
        cast.youth, cast.holder, kind=LogEntryKind.MEETING, category="health", text="Epilepsi, nye anfall"
    )
    Meeting.objects.filter(pk=meeting.pk).update(minutes_entry=minutes)
    login(cast.member)
    meetings = _page(client, _url(cast.youth, "moter/"))
    assert "Samarbeidsmøte januar" in meetings and "Oppfølging etter ferien" in meetings
    assert "Epilepsi" not in meetings
    assert "Referatet er skrevet, i en kategori du ikke ser." in meetings
    assert "Epilepsi" not in _page(client, _url(cast.youth, "logg/"))
    login(cast.holder)
    assert "Epilepsi, nye anfall" in _page(client, _url(cast.youth, "moter/"))


# --- 2. the goal above an action ----------------------------------------------------------------------


@pytest.fixture
def action_under_hidden_goal(cast) -> Action:
    """The member is responsible for a school action under a goal in "substance use" (hidden to them)."""
    goal = goal_create(
        actor=cast.holder,
        youth=cast.youth,
        kind="reduced_use",
        description="Slutte med hasj før sommeren",
        category="substance_use",
    )
    return action_create(
        actor=cast.holder,
        goal=goal,
        description="Ukentlig samtale med kontaktlærer om oppmøte",
        responsible=cast.member,
        evaluator=cast.member,
        start_date=_days(-10),
        evaluation_date=_days(20),
        category="school",
    )


def test_the_action_edit_page_does_not_print_the_text_of_a_hidden_goal(
    action_under_hidden_goal, cast, client, login
):
    url = _url(cast.youth, f"plan/tiltak/{action_under_hidden_goal.pk}/endre/")
    client.raise_request_exception = False  # whatever the page answers, it must not carry the goal
    login(cast.member)
    assert "hasj" not in html.unescape(client.get(url).content.decode())
    assert "hasj" not in _page(client, _url(cast.youth, "plan/"))
    login(cast.holder)
    assert "Slutte med hasj før sommeren" in _page(client, url)  # the page prints a goal one may see


def test_the_evaluation_page_does_not_print_the_text_of_a_hidden_goal(
    action_under_hidden_goal, cast, client, login
):
    url = _url(cast.youth, f"plan/tiltak/{action_under_hidden_goal.pk}/evaluer/")
    client.raise_request_exception = False
    login(cast.member)
    assert "hasj" not in html.unescape(client.get(url).content.decode())
    login(cast.holder)
    assert "Slutte med hasj før sommeren" in _page(client, url)


def test_the_member_saves_an_action_they_are_responsible_for_under_a_hidden_goal(
    action_under_hidden_goal, cast, client, login
):
    action = action_under_hidden_goal
    login(cast.member)
    response = client.post(
        _url(cast.youth, f"plan/tiltak/{action.pk}/endre/"),
        {
            "version": action.version,
            "description": "Samtale med kontaktlærer hver mandag",
            "responsible": cast.member.pk,
            "evaluator": cast.member.pk,
            "start_date": action.start_date.isoformat(),
            "evaluation_date": action.evaluation_date.isoformat(),
            "status": "ongoing",
            "category": "school",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description == "Samtale med kontaktlærer hver mandag" and action.goal_id is not None
    assert "hasj" not in _page(client, _url(cast.youth, "logg/"))


@pytest.mark.parametrize("page", ["endre", "evaluer"])
def test_the_member_responsible_opens_the_edit_and_evaluation_pages_of_an_action_under_a_hidden_goal(
    action_under_hidden_goal, cast, client, login, page
):
    client.raise_request_exception = False
    login(cast.member)
    response = client.get(_url(cast.youth, f"plan/tiltak/{action_under_hidden_goal.pk}/{page}/"))
    assert response.status_code == 200
    assert "Ukentlig samtale med kontaktlærer om oppmøte" in html.unescape(response.content.decode())


# --- 3. texts the system writes -------------------------------------------------------------------------


def test_a_level_change_reason_in_substance_use_is_hidden_with_its_log_entry_from_a_general_only_agency(
    cast, general_only, client, login
):
    login(cast.holder)
    level = _url(cast.youth, "niva/")
    secret = {
        "to_level": "2",
        "reason": "Daglig bruk av cannabis og benzodiazepiner",
        "category": "substance_use",
    }
    open_ = {"to_level": "3", "reason": "Trenger koordinator og individuell plan", "category": "general"}
    assert client.post(level, secret).status_code == 302
    assert client.post(level, open_).status_code == 302
    logged = LogEntry.objects.get(kind=LogEntryKind.LEVEL_CHANGE, text__contains="cannabis")
    assert logged.category == "substance_use"  # the system's entry carries the writer's category
    login(general_only)
    for url in (level, _url(cast.youth, "logg/"), _url(cast.youth)):
        assert "cannabis" not in _page(client, url)
    assert "Trenger koordinator og individuell plan" in _page(client, level)
    assert "Trenger koordinator og individuell plan" in _page(client, _url(cast.youth, "logg/"))
    login(cast.holder)
    assert logged.text in _page(client, _url(cast.youth, "logg/"))


def test_a_transition_in_category_health_is_hidden_with_its_log_entry_from_a_general_only_agency(
    cast, general_only, client, login
):
    login(cast.holder)
    response = client.post(
        _url(cast.youth, "overganger/ny/"),
        {
            "kind": "admission",
            "from_service": "Hjemme hos mor",
            "to_service": "Avrusning ved Lade behandlingssenter",
            "responsible": cast.holder.pk,
            "planned_date": _days(14).isoformat(),
            "status": "planned",
            "note": "Abstinenser ventet første døgn",
            "category": "health",
        },
    )
    assert response.status_code == 302
    logged = LogEntry.objects.get(kind=LogEntryKind.TRANSITION)
    assert logged.category == "health"
    login(general_only)
    for url in (_url(cast.youth, "overganger/"), _url(cast.youth, "logg/"), _url(cast.youth)):
        page = _page(client, url)
        assert "Lade behandlingssenter" not in page and "Abstinenser" not in page
        assert logged.text not in page
    login(cast.holder)
    assert "Avrusning ved Lade behandlingssenter" in _page(client, _url(cast.youth, "overganger/"))
    assert logged.text in _page(client, _url(cast.youth, "logg/"))


def test_a_consent_event_note_is_not_in_the_log_and_only_the_stafettholder_reads_it_on_the_consent_page(
    cast, general_only, client, login
):
    consent = _consent_of(cast.youth, cast.member.agency)
    note = "Sara vil ikke at far får vite om behandlingen"
    entries = LogEntry.objects.filter(youth=cast.youth).count()
    login(cast.holder)
    response = client.post(
        _url(cast.youth, f"samtykke/{consent.pk}/hendelse/"),
        {"kind": "reviewed", "next_review_on": _days(90).isoformat(), "note": note},
    )
    assert response.status_code == 302
    assert consent.events.filter(note=note).exists()
    assert LogEntry.objects.filter(youth=cast.youth).count() == entries + 1  # that it happened, not what
    assert not LogEntry.objects.filter(text__contains="far får vite").exists()
    assert note in _page(client, _url(cast.youth, "samtykke/"))
    assert "far får vite" not in _page(client, _url(cast.youth, "logg/"))
    for reader in (cast.member, general_only):
        login(reader)
        assert "far får vite" not in _page(client, _url(cast.youth, "samtykke/"))
        assert "far får vite" not in _page(client, _url(cast.youth, "logg/"))


def test_the_log_entry_about_an_added_relative_carries_the_relatives_category(cast, client, login):
    relative_add(
        actor=cast.holder,
        youth=cast.youth,
        name="Ahmed Ung",
        relation="Far, soner dom",
        category="child_welfare",
    )
    login(cast.member)
    assert "Ahmed Ung" not in _page(client, _url(cast.youth, "team/"))
    assert "Ahmed Ung" not in _page(client, _url(cast.youth, "logg/"))


# --- 4. the reminder sweep, the inbox and marking handled -----------------------------------------------


@pytest.fixture
def overdue(cast, daytime) -> Action:
    """An evaluation a month overdue, the member responsible: every escalation step is due."""
    goal = factories.goal(cast.youth, cast.holder)
    return factories.action(
        goal,
        cast.member,
        description="Samtaler om skolefravær",
        start_date=_days(-60),
        evaluation_date=_days(-30),
    )


def _leave_team(client, login, user: User, youth: Youth) -> None:
    membership = TeamMembership.objects.active().get(youth=youth, user=user)
    login(user)
    assert client.post(_url(youth, f"team/{membership.pk}/avslutt/")).status_code == 302
    assert not TeamMembership.objects.active().filter(youth=youth, user=user).exists()


def _inbox_of(client, login, user: User) -> str:
    login(user)
    return _page(client, "/innboks/") + _page(client, "/innboks/?vis=ferdige")


def test_the_sweep_does_not_remind_a_member_who_left_the_team(overdue, cast, client, login):
    _leave_team(client, login, cast.member, cast.youth)
    sweep.run()
    lapse = Lapse.objects.get(rule=ReminderRule.EVALUATION_OVERDUE)
    assert lapse.reminders.filter(recipient=cast.holder).exists()  # the lapse was found and escalated
    assert not Reminder.objects.filter(recipient=cast.member).exists()
    login(cast.member)
    assert "data-count" not in client.get("/innboks/", headers=BADGE).content.decode()
    assert cast.youth.full_name not in _inbox_of(client, login, cast.member)


def test_a_member_who_left_the_team_loses_the_reminders_they_had_and_gets_no_new_ones(
    overdue, cast, client, login
):
    sweep.run()
    assert cast.youth.full_name in _inbox_of(client, login, cast.member)
    _leave_team(client, login, cast.member, cast.youth)
    assert cast.youth.full_name not in _inbox_of(client, login, cast.member)
    before = Reminder.objects.filter(recipient=cast.member).count()
    factories.action(
        factories.goal(cast.youth, cast.holder),
        cast.member,
        start_date=_days(-40),
        evaluation_date=_days(-20),
    )
    sweep.run()
    assert Reminder.objects.filter(recipient=cast.member).count() == before


def test_reminders_leave_the_inbox_the_badge_and_email_on_the_next_request_after_consent_is_withdrawn(
    overdue, cast, client, login
):
    User.objects.filter(pk__in=[cast.member.pk, cast.holder.pk]).update(email="ansatt@kommune.example")
    sweep.run()
    login(cast.member)
    assert 'data-count="1"' in client.get("/innboks/", headers=BADGE).content.decode()
    consent = _consent_of(cast.youth, cast.member.agency)
    login(cast.holder)
    response = client.post(_url(cast.youth, f"samtykke/{consent.pk}/hendelse/"), {"kind": "withdrawn"})
    assert response.status_code == 302
    login(cast.member)
    assert "data-count" not in client.get("/innboks/", headers=BADGE).content.decode()
    assert cast.youth.full_name not in _inbox_of(client, login, cast.member)
    mine = Reminder.objects.get(recipient=cast.member)
    theirs = Reminder.objects.get(recipient=cast.holder)
    assert reminder_email_deliver(reminder_id=mine.pk) == "the recipient no longer has access to the youth"
    assert reminder_email_deliver(reminder_id=theirs.pk) == "sent"  # the holder still sees the youth
    assert [message.to for message in mail.outbox] == [["ansatt@kommune.example"]]
    factories.action(
        factories.goal(cast.youth, cast.holder),
        cast.member,
        start_date=_days(-40),
        evaluation_date=_days(-20),
    )
    sweep.run()
    assert Reminder.objects.filter(recipient=cast.member).count() == 1  # nothing new for them


def test_marking_a_reminder_handled_for_a_youth_the_user_can_no_longer_open_is_404_and_writes_nothing(
    overdue, cast, client, login
):
    sweep.run()
    reminder = Reminder.objects.get(recipient=cast.member)
    consent_event_record(
        actor=cast.holder, consent=_consent_of(cast.youth, cast.member.agency), kind="withdrawn"
    )
    log_rows, access_rows = LogEntry.objects.count(), AccessLogEntry.objects.count()
    login(cast.member)
    response = client.post(
        f"/innboks/{reminder.pk}/handtert/", {"note": "Ringte Sara", "category": "general"}
    )
    assert response.status_code == 404
    assert Lapse.objects.get(pk=reminder.lapse_id).handled_at is None
    assert LogEntry.objects.count() == log_rows
    assert not LogEntry.objects.filter(text__contains="Ringte Sara").exists()
    assert AccessLogEntry.objects.count() == access_rows


def test_marking_a_reminder_handled_writes_the_note_in_the_log_and_a_row_in_the_access_log(
    overdue, cast, client, login
):
    sweep.run()
    reminder = Reminder.objects.get(recipient=cast.member)
    login(cast.member)
    response = client.post(f"/innboks/{reminder.pk}/handtert/", {"note": "Ringte Sara", "category": "school"})
    assert response.status_code == 302
    entry = LogEntry.objects.get(text__contains="Ringte Sara")
    assert entry.category == "school"
    assert AccessLogEntry.objects.filter(
        user=cast.member, youth=cast.youth, action=AccessAction.CHANGE, what__startswith="reminder_handled"
    ).exists()


# --- 5. a gap between two consents ----------------------------------------------------------------------


@pytest.fixture
def gap(cast, daytime):
    """A clinician whose agency had a consent until day +10 and has the next one from day +20."""
    clinic = factories.agency(sector=Sector.TSB, name="Rusklinikken")
    clinician = factories.staff(agency=clinic, username="clinician", first_name="Rune", last_name="Klinikk")
    factories.add_member(cast.youth, clinician, role="Behandler")
    scope = {(clinic.pk, "general"), (clinic.pk, "substance_use")}
    factories.consent(cast.youth, cast.holder, scope, valid_from=_days(-100), expires_on=_days(10))
    factories.consent(cast.youth, cast.holder, scope, valid_from=_days(20))
    factories.log_entry(cast.youth, cast.holder, category="substance_use", text="Urinprøve uten funn")
    return clinician


def _clinician_sees(client, login, time_machine, clinician, youth, day: datetime.date) -> bool:
    time_machine.move_to(_oslo_noon(day), tick=False)
    login(clinician)
    overview = client.get(_url(youth))
    log = client.get(_url(youth, "logg/"))
    listed = f'href="{_url(youth)}"' in _page(client, "/ungdommer/")
    assert overview.status_code == log.status_code
    assert listed == (overview.status_code == 200)
    if overview.status_code == 200:
        assert "Urinprøve uten funn" in html.unescape(log.content.decode())
        return True
    assert overview.status_code == 404
    return False


def test_a_gap_between_an_expired_consent_and_a_later_one_grants_nothing_during_the_gap(
    gap, cast, client, login, time_machine
):
    today = timezone.localdate()
    seen = {
        offset: _clinician_sees(
            client, login, time_machine, gap, cast.youth, today + datetime.timedelta(offset)
        )
        for offset in (0, 15, 25)
    }
    assert seen == {0: True, 15: False, 25: True}


def test_access_ends_after_the_expiry_day_and_comes_back_on_the_first_day_of_the_later_consent(
    gap, cast, client, login, time_machine
):
    today = timezone.localdate()
    seen = {
        offset: _clinician_sees(
            client, login, time_machine, gap, cast.youth, today + datetime.timedelta(offset)
        )
        for offset in (10, 11, 19, 20)
    }
    assert seen == {10: True, 11: False, 19: False, 20: True}


# --- 6. a user moved to another agency --------------------------------------------------------------------


@pytest.fixture
def clinic(cast) -> Agency:
    """BUP, on the team with a colleague, consented for general + health."""
    bup = cast.outsider.agency
    colleague = factories.staff(agency=bup, username="bup_colleague")
    factories.add_member(cast.youth, colleague, role="Psykolog")
    factories.consent(cast.youth, cast.holder, {(bup.pk, "general"), (bup.pk, "health")})
    return bup


def _move(user: User, agency: Agency | None) -> None:
    user.agency = agency
    user.save()


def test_a_user_moved_to_another_agency_loses_the_old_agencys_access_and_gains_the_new_ones_at_once(
    cast, clinic, client, login
):
    factories.log_entry(cast.youth, cast.holder, category="school", text="Fravær 40 prosent i høst")
    factories.log_entry(cast.youth, cast.holder, category="health", text="Fastlegen startet medisinering")
    login(cast.member)
    log = _page(client, _url(cast.youth, "logg/"))
    assert "Fravær 40 prosent" in log and "Fastlegen" not in log
    _move(cast.member, clinic)
    log = _page(client, _url(cast.youth, "logg/"))
    assert "Fastlegen startet medisinering" in log and "Fravær 40 prosent" not in log
    _move(cast.member, cast.uncovered.agency)
    assert client.get(_url(cast.youth)).status_code == 404
    assert client.get(_url(cast.youth, "logg/")).status_code == 404
    assert cast.youth.full_name not in _page(client, "/ungdommer/")


def test_a_member_whose_agency_is_removed_loses_access_at_once(cast, client, login):
    _move(cast.member, None)
    login(cast.member)
    assert client.get(_url(cast.youth)).status_code == 404


def test_content_keeps_the_agency_it_was_written_for_when_its_writer_moves(cast, clinic, client, login):
    school = cast.member.agency
    teacher = factories.staff(agency=school, username="teacher2")
    factories.add_member(cast.youth, teacher, role="Rådgiver")
    log_entry_append(
        actor=cast.member,
        youth=cast.youth,
        kind=LogEntryKind.NOTE,
        text="Sara fortalte om angst før prøver",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        category="mental_health",
    )
    meeting = meeting_create(
        actor=cast.member,
        youth=cast.youth,
        participants=[teacher],
        relatives=[],
        title="Samtale om angst med helsesykepleier",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="Helsesykepleiers kontor",
        category="mental_health",
    )
    action = action_create(
        actor=cast.member,
        goal=factories.goal(cast.youth, cast.holder, category="general"),
        description="Helsesykepleier følger opp søvn",
        responsible=cast.member,
        evaluator=cast.member,
        start_date=_days(0),
        evaluation_date=_days(30),
        category="mental_health",
    )
    _move(cast.member, clinic)
    entry = LogEntry.objects.get(text="Sara fortalte om angst før prøver")
    for content in (entry, meeting, action):
        content.refresh_from_db()
        assert content.agency_id == school.pk
    texts = (
        "Sara fortalte om angst",
        "Samtale om angst med helsesykepleier",
        "Helsesykepleier følger opp søvn",
    )
    pages = ("logg/", "moter/", "plan/")

    def shown_to(user: User) -> set[str]:
        login(user)
        everything = "".join(_page(client, _url(cast.youth, path)) for path in pages)
        return {text for text in texts if text in everything}

    assert shown_to(teacher) == set(texts)  # still the school's
    assert shown_to(cast.member) == set()  # the writer, now at BUP, is not "own agency" any more
    assert shown_to(User.objects.get(username="bup_colleague")) == set()


# --- 7. registering a national identity number that is already registered ----------------------------


NATIONAL_ID = "01010750160"  # a published synthetic test number


@pytest.fixture
def registered(cast) -> Youth:
    return factories.youth(
        holder=cast.holder, first_name="Ingrid", last_name="Haugland", national_id=NATIONAL_ID
    )


def _register_again(client, login, user: User):
    login(user)
    return client.post(
        "/ungdommer/ny/",
        {
            "first_name": "Ola",
            "last_name": "Prøvesen",
            "birth_date": "2007-01-01",
            "national_id": NATIONAL_ID,
            "municipality": "Trondheim",
            "preferred_language": "nb",
        },
    )


def test_registering_a_national_id_that_is_already_registered_reveals_nothing_and_creates_nothing(
    registered, cast, client, login
):
    youths = Youth.objects.count()
    response = _register_again(client, login, cast.outsider)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Ungdommen kunne ikke registreres nå." in page
    for leak in ("Ingrid", "Haugland", str(cast.holder), "finnes", "allerede registrert", "already"):
        assert leak not in page
    assert Youth.objects.count() == youths and not Youth.objects.filter(first_name="Ola").exists()
    assert client.get(_url(registered)).status_code == 404
    assert "Haugland" not in _page(client, "/ungdommer/")


def test_a_registration_attempt_reminds_the_stafettholder_after_a_sweep(registered, cast, client, login):
    _register_again(client, login, cast.outsider)
    sweep.run()
    assert Reminder.objects.filter(
        recipient=cast.holder, lapse__youth=registered, lapse__rule=ReminderRule.REGISTRATION_ATTEMPT
    ).exists()
    assert not Reminder.objects.filter(recipient=cast.outsider).exists()
    login(cast.holder)
    assert "Ingrid Haugland" in _page(client, "/innboks/")


def test_a_registration_attempt_is_in_the_youths_access_log_for_the_stafettholder(
    registered, cast, client, login
):
    _register_again(client, login, cast.outsider)
    assert RegistrationAttempt.objects.filter(youth=registered, attempted_by=cast.outsider).exists()
    login(cast.holder)
    access_log = _page(client, _url(registered, "tilgangslogg/"))
    assert str(cast.outsider) in access_log
    assert "Forsøkte å registrere" in access_log


# --- 8. emergency access is reviewed by someone else ----------------------------------------------------


@pytest.fixture
def privacy_officer(db) -> User:
    return factories.staff(agency=None, username="personvern", is_privacy_officer=True)


def _break_the_glass(client, login, user: User, youth: Youth, reason: str) -> EmergencyAccess:
    login(user)
    response = client.post(_url(youth, "nodtilgang/"), {"reason": reason})
    assert response.status_code == 302
    return EmergencyAccess.objects.get(user=user, youth=youth)


def test_a_team_leads_own_emergency_access_is_not_in_their_queue_but_in_a_privacy_officers(
    cast, privacy_officer, client, login
):
    factories.add_member(cast.youth, cast.team_lead, role="Leder")
    reason = "Politiet ringte i natt om akutt fare"
    emergency = _break_the_glass(client, login, cast.team_lead, cast.youth, reason)
    review = f"/teamleder/nodtilgang/{emergency.pk}/"
    lead_page = _page(client, "/teamleder/")
    assert reason not in lead_page and review not in lead_page
    login(privacy_officer)
    queue = _page(client, "/personvern/")
    assert reason in queue and review in queue
    assert client.post(review, {"note": "Begrunnet, politiet bekreftet"}).status_code == 302
    emergency.refresh_from_db()
    assert emergency.reviewed_by == privacy_officer


def test_with_a_second_lead_in_the_agency_that_lead_reviews_it_and_the_privacy_officer_does_not(
    cast, privacy_officer, client, login
):
    second_lead = factories.staff(agency=cast.team_lead.agency, username="lead2", is_team_lead=True)
    factories.add_member(cast.youth, cast.team_lead, role="Leder")
    reason = "Politiet ringte i natt om akutt fare"
    emergency = _break_the_glass(client, login, cast.team_lead, cast.youth, reason)
    review = f"/teamleder/nodtilgang/{emergency.pk}/"
    login(privacy_officer)
    assert reason not in _page(client, "/personvern/")
    login(second_lead)
    assert reason in _page(client, "/teamleder/")
    assert client.post(review, {"note": "Begrunnet, politiet bekreftet"}).status_code == 302
    emergency.refresh_from_db()
    assert emergency.reviewed_by == second_lead


@pytest.mark.parametrize("who", ["team_lead", "privacy_officer_who_leads"])
def test_nobody_can_review_their_own_emergency_access(cast, privacy_officer, client, login, who):
    factories.staff(agency=cast.team_lead.agency, username="lead2", is_team_lead=True)  # a reviewer exists
    user = cast.team_lead
    if who == "privacy_officer_who_leads":
        user = factories.staff(agency=cast.outsider.agency, is_team_lead=True, is_privacy_officer=True)
    factories.add_member(cast.youth, user, role="Leder")
    emergency = _break_the_glass(client, login, user, cast.youth, "Akutt bekymring for Saras sikkerhet")
    review = f"/teamleder/nodtilgang/{emergency.pk}/"
    assert client.get(review).status_code in (403, 404)
    assert client.post(review, {"note": "Min egen, helt greit"}).status_code in (403, 404)
    emergency.refresh_from_db()
    assert emergency.reviewed_at is None and emergency.reviewed_by is None and emergency.review_note == ""
    if user.is_privacy_officer:
        assert "Akutt bekymring" not in _page(client, "/personvern/")
