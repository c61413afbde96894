"""Every reminder rule on a frozen clock: when it fires, whom it tells, how it escalates, how it resolves.

Steps: 1 = responsible person, 2 = stafettholder, 3 = team lead.
"""

import datetime

import pytest

from coordination.models import Handover, User, Youth
from coordination.services.handovers import handover_accept, handover_request
from coordination.services.youths import case_close, case_reopen
from pathways import sweep
from pathways.models import Lapse, LapseResolution, Reminder, ReminderRule, Transition
from pathways.selectors.reminders import open_escalations_for_lead
from pathways.services.log import log_entry_append
from pathways.services.plan import evaluation_create
from pathways.services.reminders import reminder_mark_handled
from tests import factories
from tests.pathways.conftest import oslo, reminded

RESPONSIBLE, HOLDER, LEAD = 1, 2, 3
EVALUATION = ReminderRule.EVALUATION_OVERDUE


@pytest.fixture(autouse=True)
def _thresholds(settings):
    settings.REMINDER_ESCALATE_TO_HOLDER_DAYS = 7
    settings.REMINDER_ESCALATE_TO_LEAD_DAYS = 14
    settings.REMINDER_FOLLOW_UP_DAYS_BY_LEVEL = {0: 60, 1: 30, 2: 14, 3: 7}
    settings.REMINDER_OUTREACH_WORKING_DAYS = 2
    settings.REMINDER_HANDOVER_ACCEPT_DAYS = 3
    settings.REMINDER_TURNING_18_MONTHS = 6
    settings.REMINDER_CONSENT_SOURCE = ""


@pytest.fixture
def start(time_machine):
    """Monday 2 March 2026, 09:00 in Oslo: the cast is created then."""
    time_machine.move_to(oslo(2026, 3, 2), tick=False)


def _action(cast, responsible, evaluation_date):
    goal = factories.goal(cast.youth, cast.holder)
    return factories.action(
        goal, responsible, start_date=datetime.date(2026, 2, 1), evaluation_date=evaluation_date
    )


def _contact(cast, moment):
    log_entry_append(actor=cast.holder, youth=cast.youth, kind="contact", text="Samtale", occurred_at=moment)


# Rule 1: evaluation date passed without an evaluation ---------------------------------------------


def test_overdue_evaluation_goes_to_responsible_then_stafettholder_then_team_lead(start, cast, sweep_at):
    action = _action(cast, cast.member, datetime.date(2026, 3, 10))
    sweep_at(oslo(2026, 3, 10, 23, 59))
    assert reminded(EVALUATION) == []  # the evaluation day itself is not overdue
    sweep_at(oslo(2026, 3, 11, 0, 5))
    assert reminded(EVALUATION) == [("member", RESPONSIBLE)]
    sweep_at(oslo(2026, 3, 17))
    assert reminded(EVALUATION) == [("member", RESPONSIBLE)]
    sweep_at(oslo(2026, 3, 18))  # 7 days after it lapsed
    assert reminded(EVALUATION) == [("holder", HOLDER), ("member", RESPONSIBLE)]
    sweep_at(oslo(2026, 3, 24))
    assert not open_escalations_for_lead(cast.team_lead).exists()
    sweep_at(oslo(2026, 3, 25))  # 14 days after it lapsed
    assert reminded(EVALUATION) == [("holder", HOLDER), ("lead", LEAD), ("member", RESPONSIBLE)]
    lapse = Lapse.objects.get(rule=EVALUATION)
    assert (lapse.subject_id, lapse.reference_date, lapse.due_on) == (
        action.pk,
        datetime.date(2026, 3, 10),
        datetime.date(2026, 3, 11),
    )
    assert list(open_escalations_for_lead(cast.team_lead)) == [lapse]


def test_sweeping_again_and_again_never_repeats_a_reminder(start, cast, sweep_at):
    _action(cast, cast.member, datetime.date(2026, 3, 1))
    for hour in range(9, 15):
        sweep_at(oslo(2026, 3, 20, hour))
    assert reminded(EVALUATION) == [("holder", HOLDER), ("lead", LEAD), ("member", RESPONSIBLE)]
    assert Lapse.objects.count() == 1


def test_a_responsible_stafettholder_is_not_reminded_twice(start, cast, sweep_at):
    _action(cast, cast.holder, datetime.date(2026, 3, 1))
    sweep_at(oslo(2026, 3, 30))
    assert reminded(EVALUATION) == [("holder", RESPONSIBLE), ("lead", LEAD)]


def test_logging_the_evaluation_resolves_the_reminder(start, cast, sweep_at, time_machine):
    action = _action(cast, cast.member, datetime.date(2026, 3, 5))
    sweep_at(oslo(2026, 3, 6))
    assert reminded(EVALUATION, open_only=True) == [("member", RESPONSIBLE)]
    evaluation_create(
        actor=cast.member,
        action=action,
        outcome="partly",
        assessment="Går bedre",
        youth_view="Greit",
        next_step="continue",
        next_evaluation_date=datetime.date(2026, 4, 6),
    )
    sweep_at(oslo(2026, 3, 6, 10))
    assert reminded(EVALUATION, open_only=True) == []
    assert Lapse.objects.get(rule=EVALUATION).resolution == LapseResolution.FIXED
    sweep_at(oslo(2026, 4, 7))  # the new evaluation date lapses: a new lapse, a new reminder
    assert reminded(EVALUATION, open_only=True) == [("member", RESPONSIBLE)]
    assert Lapse.objects.filter(rule=EVALUATION).count() == 2


def test_handled_with_a_note_stops_escalation_until_fixed(start, cast, sweep_at):
    _action(cast, cast.member, datetime.date(2026, 3, 5))
    sweep_at(oslo(2026, 3, 6))
    reminder = Reminder.objects.get(recipient=cast.member)
    reminder_mark_handled(actor=cast.member, reminder=reminder, note="Avtalt evaluering med Sara 20. mars")
    sweep_at(oslo(2026, 4, 30))
    assert reminded(EVALUATION) == [("member", RESPONSIBLE)]
    assert cast.youth.log_entries.filter(text__contains="Avtalt evaluering").exists()


# Rule 2: no contact for longer than the follow-up interval ------------------------------------------


def test_no_contact_for_longer_than_the_level_interval_reminds_the_stafettholder(start, cast, sweep_at):
    Youth.objects.filter(pk=cast.youth.pk).update(bti_level=2)  # 14 days
    _contact(cast, oslo(2026, 3, 2, 8))
    sweep_at(oslo(2026, 3, 16, 23))  # 14 days: not longer than the interval
    assert reminded(ReminderRule.NO_CONTACT) == []
    sweep_at(oslo(2026, 3, 17, 0, 30))
    assert reminded(ReminderRule.NO_CONTACT) == [("holder", HOLDER)]
    sweep_at(oslo(2026, 3, 31))  # escalates to the team lead after 14 more days
    assert reminded(ReminderRule.NO_CONTACT) == [("holder", HOLDER), ("lead", LEAD)]


def test_the_youths_own_interval_overrides_the_level(start, cast, sweep_at):
    Youth.objects.filter(pk=cast.youth.pk).update(bti_level=0, follow_up_days=3)
    _contact(cast, oslo(2026, 3, 2, 8))
    sweep_at(oslo(2026, 3, 5, 12))
    assert reminded(ReminderRule.NO_CONTACT) == []
    sweep_at(oslo(2026, 3, 6, 12))
    assert reminded(ReminderRule.NO_CONTACT) == [("holder", HOLDER)]
    assert Lapse.objects.get(rule=ReminderRule.NO_CONTACT).due_on == datetime.date(2026, 3, 6)


def test_a_youth_never_contacted_counts_from_registration(start, cast, sweep_at):
    Youth.objects.filter(pk=cast.youth.pk).update(bti_level=3)  # 7 days, registered 2 March
    sweep_at(oslo(2026, 3, 9, 23))
    assert reminded(ReminderRule.NO_CONTACT) == []
    sweep_at(oslo(2026, 3, 10))
    assert reminded(ReminderRule.NO_CONTACT) == [("holder", HOLDER)]


def test_contact_resolves_and_a_new_silence_is_a_new_lapse(start, cast, sweep_at, time_machine):
    Youth.objects.filter(pk=cast.youth.pk).update(bti_level=3)
    sweep_at(oslo(2026, 3, 10))
    _contact(cast, oslo(2026, 3, 10, 8, 30))
    sweep_at(oslo(2026, 3, 10, 9, 30))
    assert reminded(ReminderRule.NO_CONTACT, open_only=True) == []
    sweep_at(oslo(2026, 3, 18))
    assert reminded(ReminderRule.NO_CONTACT, open_only=True) == [("holder", HOLDER)]
    assert Reminder.objects.filter(lapse__rule=ReminderRule.NO_CONTACT).count() == 2


# Rule 3: missed appointment without outreach within two Norwegian working days ---------------------


def _missed(cast, moment, **outreach):
    return log_entry_append(
        actor=cast.member, youth=cast.youth, kind="missed", text="Møtte ikke", occurred_at=moment, **outreach
    )


def test_missed_on_friday_is_due_after_monday_and_tuesday(start, cast, sweep_at, time_machine):
    time_machine.move_to(oslo(2026, 3, 6, 15), tick=False)  # Friday
    entry = _missed(cast, oslo(2026, 3, 6, 14))
    assert entry.planned_outreach.planned_for == datetime.date(2026, 3, 10)  # Tuesday
    assert entry.planned_outreach.responsible == cast.member
    sweep_at(oslo(2026, 3, 10, 23))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH) == []
    sweep_at(oslo(2026, 3, 11, 7))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH) == [("member", RESPONSIBLE)]


def test_easter_holidays_are_not_working_days(start, cast, sweep_at, time_machine):
    # Wednesday 1 April 2026; Maundy Thursday, Good Friday and Easter Monday are public holidays.
    time_machine.move_to(oslo(2026, 4, 1, 15), tick=False)
    entry = _missed(cast, oslo(2026, 4, 1, 10))
    assert entry.planned_outreach.planned_for == datetime.date(2026, 4, 8)
    sweep_at(oslo(2026, 4, 7, 12))
    sweep_at(oslo(2026, 4, 8, 22))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH) == []
    sweep_at(oslo(2026, 4, 9, 6))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH) == [("member", RESPONSIBLE)]
    assert Lapse.objects.get(rule=ReminderRule.MISSED_NO_OUTREACH).due_on == datetime.date(2026, 4, 9)


def test_outreach_in_time_means_no_reminder(start, cast, sweep_at, time_machine):
    time_machine.move_to(oslo(2026, 3, 6, 15), tick=False)
    _missed(cast, oslo(2026, 3, 6, 14))
    time_machine.move_to(oslo(2026, 3, 9, 12), tick=False)
    log_entry_append(
        actor=cast.member,
        youth=cast.youth,
        kind="outreach",
        text="Hjemmebesøk, Sara var hjemme",
        occurred_at=oslo(2026, 3, 9, 11),
    )
    sweep_at(oslo(2026, 3, 20))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH) == []


def test_the_planned_outreach_names_who_is_reminded_and_late_outreach_resolves(
    start, cast, sweep_at, time_machine
):
    time_machine.move_to(oslo(2026, 3, 6, 15), tick=False)
    _missed(cast, oslo(2026, 3, 6, 14), outreach_responsible=cast.holder, outreach_how="Ringe mor")
    sweep_at(oslo(2026, 3, 11, 8))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH) == [("holder", RESPONSIBLE)]
    log_entry_append(
        actor=cast.holder, youth=cast.youth, kind="phone", text="Ringte", occurred_at=oslo(2026, 3, 11, 8)
    )
    sweep_at(oslo(2026, 3, 11, 9))
    assert reminded(ReminderRule.MISSED_NO_OUTREACH, open_only=True) == []


# Rule 4: consent review or expiry near (pluggable until the consent model exists) -----------------


def consent_stand_in(*, today, until):
    """A ConsentDeadlines stand-in: transitions play consents with a review date."""
    from django.db.models import F

    return Transition.objects.filter(planned_date__range=(today, until)).annotate(
        lapse_subject=F("pk"), lapse_youth=F("youth_id"), lapse_reference=F("planned_date")
    )


def test_consent_rule_is_registered_but_finds_nothing_without_a_consent_model(start, cast, sweep_at):
    assert ReminderRule.CONSENT_DUE in {rule.kind for rule in sweep.RULES}
    _transition(cast, datetime.date(2026, 3, 10))
    sweep_at(oslo(2026, 3, 3))
    assert reminded(ReminderRule.CONSENT_DUE) == []


def test_consent_rule_switched_on_reminds_the_stafettholder_14_days_ahead(start, cast, sweep_at, settings):
    settings.REMINDER_CONSENT_SOURCE = "tests.pathways.test_reminder_rules.consent_stand_in"
    settings.REMINDER_CONSENT_NOTICE_DAYS = 14
    _transition(cast, datetime.date(2026, 3, 20))
    sweep_at(oslo(2026, 3, 5))
    assert reminded(ReminderRule.CONSENT_DUE) == []
    sweep_at(oslo(2026, 3, 6))
    assert reminded(ReminderRule.CONSENT_DUE) == [("holder", HOLDER)]


def _transition(cast, planned_date, kind="moving", status="planned"):
    return Transition.objects.create(
        youth=cast.youth,
        kind=kind,
        status=status,
        responsible=cast.holder,
        planned_date=planned_date,
        created_by=cast.holder,
        agency=cast.holder.agency,
    )


# Rule 5: handover not accepted in three days; a youth without an active stafettholder -------------


def test_unanswered_handover_reminds_both_parties_after_three_days(start, cast, sweep_at, time_machine):
    time_machine.move_to(oslo(2026, 3, 2, 10), tick=False)
    handover = handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    sweep_at(oslo(2026, 3, 5, 9, 59))
    assert reminded(ReminderRule.HANDOVER_PENDING) == []
    sweep_at(oslo(2026, 3, 5, 10, 1))
    assert reminded(ReminderRule.HANDOVER_PENDING) == [("holder", HOLDER), ("member", RESPONSIBLE)]
    handover_accept(actor=cast.member, handover=handover)
    sweep_at(oslo(2026, 3, 5, 11))
    assert reminded(ReminderRule.HANDOVER_PENDING, open_only=True) == []


def test_deactivated_stafettholder_goes_to_the_team_lead_at_once(start, cast, sweep_at):
    other_lead = factories.staff(agency=cast.outsider.agency, is_team_lead=True, username="otherlead")
    User.objects.filter(pk=cast.holder.pk).update(is_active=False)
    sweep_at(oslo(2026, 3, 2, 9, 10))
    assert reminded(ReminderRule.NO_ACTIVE_HOLDER) == [("lead", LEAD)]
    assert [lapse.youth for lapse in open_escalations_for_lead(cast.team_lead)] == [cast.youth]
    assert not open_escalations_for_lead(other_lead).exists()
    User.objects.filter(pk=cast.holder.pk).update(is_active=True)
    sweep_at(oslo(2026, 3, 2, 9, 20))
    assert reminded(ReminderRule.NO_ACTIVE_HOLDER, open_only=True) == []


def test_deactivating_a_stafettholder_starts_a_sweep_after_commit(cast, django_capture_on_commit_callbacks):
    from unittest import mock

    with mock.patch("coordination.celery.app.send_task") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            cast.member.is_active = False
            cast.member.save()  # holds no baton: no sweep
            cast.holder.is_active = False
            cast.holder.save()
        assert delay.call_count == 0
        for callback in callbacks:
            callback()
        assert delay.call_count == 1


# Rule 6: turns 18 within six months, no "turning 18" transition planned ---------------------------


def test_turning_18_without_a_planned_transition(start, cast, sweep_at):
    youth = factories.youth(holder=cast.holder, birth_date=datetime.date(2008, 9, 15))  # 18 on 15.9.26
    sweep_at(oslo(2026, 3, 14))
    assert reminded(ReminderRule.TURNING_18) == []
    sweep_at(oslo(2026, 3, 15))
    assert reminded(ReminderRule.TURNING_18) == [("holder", HOLDER)]
    transition = Transition.objects.create(
        youth=youth,
        kind="turning_18",
        responsible=cast.holder,
        planned_date=datetime.date(2026, 9, 15),
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    sweep_at(oslo(2026, 3, 16))
    assert reminded(ReminderRule.TURNING_18, open_only=True) == []
    Transition.objects.filter(pk=transition.pk).update(status="cancelled")
    sweep_at(oslo(2026, 3, 17))  # a cancelled plan is no plan
    assert reminded(ReminderRule.TURNING_18, open_only=True) == [("holder", HOLDER)]


# Closed cases ------------------------------------------------------------------------------------


def test_nothing_is_reminded_about_a_closed_case_and_reopening_starts_again(start, cast, sweep_at):
    _action(cast, cast.member, datetime.date(2026, 3, 5))
    sweep_at(oslo(2026, 3, 6))
    case_close(actor=cast.holder, youth=cast.youth, reason="moved", explanation="Flyttet", youth_view="Greit")
    sweep_at(oslo(2026, 3, 30))
    assert reminded(EVALUATION) == [("member", RESPONSIBLE)]
    assert Lapse.objects.get().resolution == LapseResolution.CASE_CLOSED
    assert Youth.objects.get(pk=cast.youth.pk).status == "closed"
    case_reopen(actor=cast.holder, youth=cast.youth, explanation="Flyttet tilbake")
    sweep_at(oslo(2026, 3, 31))
    assert Lapse.objects.filter(resolved_at__isnull=True, rule=EVALUATION).count() == 1
    assert ("holder", HOLDER) in reminded(EVALUATION, open_only=True)


def test_a_sweep_is_recorded(start, cast, sweep_at):
    _action(cast, cast.member, datetime.date(2026, 3, 1))
    result = sweep_at(oslo(2026, 3, 3))
    from pathways.models import SweepRun

    run = SweepRun.objects.get()
    assert run.finished_at is not None
    assert (
        (run.lapses_found, run.reminders_created) == (result.lapses_found, result.reminders_created) == (1, 1)
    )
    assert Handover.objects.count() == 0


def test_logging_the_fix_settles_the_reminder_at_once_not_at_the_next_sweep(
    start, cast, sweep_at, django_capture_on_commit_callbacks
):
    from unittest import mock

    from pathways.tasks import settle_lapses

    action = _action(cast, cast.member, datetime.date(2026, 3, 5))
    sweep_at(oslo(2026, 3, 6))
    with mock.patch("coordination.celery.app.send_task") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            evaluation_create(
                actor=cast.member,
                action=action,
                outcome="reached",
                assessment="Bra",
                youth_view="Fornøyd",
                next_step="complete",
                next_evaluation_date=None,
            )
        delay.assert_called_once_with("pathways.settle_lapses", args=(cast.youth.pk,))
    assert settle_lapses(cast.youth.pk) == 1
    assert reminded(EVALUATION, open_only=True) == []


def test_an_unreachable_broker_does_not_break_the_users_write(
    start, cast, sweep_at, django_capture_on_commit_callbacks
):
    from unittest import mock

    from kombu.exceptions import OperationalError

    _action(cast, cast.member, datetime.date(2026, 3, 5))
    sweep_at(oslo(2026, 3, 6))
    with (
        mock.patch("coordination.celery.app.send_task", side_effect=OperationalError("redis down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _contact(cast, oslo(2026, 3, 6, 8))
    assert cast.youth.log_entries.filter(kind="contact").exists()
