"""Records retention: the dry run changes nothing; a real run removes exactly what is due (frozen
clock), never an open case or one on legal hold, keeps what must be kept, logs what it did; and the
append-only triggers still refuse every ordinary delete."""

from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from coordination.errors import BusinessRuleError
from coordination.models import (
    AccessLogEntry,
    Consent,
    ConsentEvent,
    Relative,
    Sector,
    Youth,
)
from coordination.models.append_only import AppendOnlyError, raw_delete, retention_delete_window
from coordination.services.youths import case_close
from pathways.models import (
    Evaluation,
    Goal,
    IndividualPlan,
    LogEntry,
    Meeting,
    PlanVersion,
    PlanVersionItem,
    RetentionLogEntry,
    RetentionOutcome,
    RetentionPolicy,
    RetentionRun,
)
from pathways.services.individual_plan import individual_plan_start, plan_version_adopt
from pathways.services.retention import case_legal_hold_set, retention_run
from pathways.tasks import retention_sweep
from tests import factories
from tests.pathways.conftest import oslo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def town(db, time_machine):
    """Four cases of one school agency, closed in 2014 (due after ten years) unless said otherwise,
    and one case of child welfare, whose records are kept permanently by default."""
    time_machine.move_to(oslo(2014, 3, 3), tick=False)
    school = factories.agency(sector=Sector.SCHOOL, name="Skolen")
    child_welfare = factories.agency(sector=Sector.CHILD_WELFARE, name="Barnevernet")
    teacher = factories.staff(agency=school, username="teacher")
    lead = factories.staff(agency=school, username="schoollead", is_team_lead=True)
    worker = factories.staff(agency=child_welfare, username="worker")

    def case(holder, name, *, close=True, individual_plan=False):
        youth = factories.youth(holder=holder, first_name=name, national_id=None)
        consent = factories.consent(youth, holder, {(holder.agency_id, "general")})
        goal = factories.goal(youth, holder)
        action = factories.action(goal, holder)
        Evaluation.objects.create(
            action=action,
            outcome="partly",
            assessment="Bedre",
            youth_view="Greit",
            next_step="continue",
            evaluated_by=holder,
            agency=holder.agency,
        )
        for _ in range(3):
            factories.log_entry(youth, holder)
        Meeting.objects.create(
            youth=youth,
            title="Samarbeidsmøte",
            starts_at=oslo(2014, 2, 1),
            created_by=holder,
            agency=holder.agency,
        )
        Relative.objects.create(
            youth=youth, name="Mor", relation="mor", phone="12345678", agency=holder.agency
        )
        AccessLogEntry.objects.create(
            user=holder, youth=youth, role="stafettholder", action="view", what="log"
        )
        if individual_plan:  # an adopted version, which names the consent that covers it
            Youth.objects.filter(pk=youth.pk).update(bti_level=3)
            youth.refresh_from_db()
            plan = individual_plan_start(actor=holder, youth=youth, consent=consent)
            plan_version_adopt(actor=holder, plan=plan)
        if close:
            case_close(
                actor=holder,
                youth=youth,
                reason="goals_reached",
                explanation="Målene er nådd",
                youth_view="Ja",
            )
        return youth

    cases = {
        "due": case(teacher, "Due", individual_plan=True),
        "open": case(teacher, "Open", close=False),
        "held": case(teacher, "Held"),
        "kept": case(worker, "Kept"),
    }
    time_machine.move_to(oslo(2020, 6, 1), tick=False)
    cases["recent"] = case(teacher, "Recent")
    case_legal_hold_set(actor=lead, youth=cases["held"], hold=True, reason="Tvist i retten")
    return cases


def _census(youth: Youth) -> dict[str, int]:
    return {
        "log": LogEntry.objects.filter(youth=youth).count(),
        "goals": Goal.objects.filter(youth=youth).count(),
        "evaluations": Evaluation.objects.filter(action__youth=youth).count(),
        "meetings": Meeting.objects.filter(youth=youth).count(),
        "consents": Consent.objects.filter(youth=youth).count(),
        "consent_events": ConsentEvent.objects.filter(consent__youth=youth).count(),
        "access_log": AccessLogEntry.objects.filter(youth=youth).count(),
        "individual_plan": IndividualPlan.objects.filter(youth=youth).count(),
        "plan_versions": PlanVersion.objects.filter(youth=youth).count(),
        "plan_items": PlanVersionItem.objects.filter(youth=youth).count(),
    }


def _everything(town) -> dict:
    return {
        name: (_census(youth), Youth.objects.filter(pk=youth.pk).values().get())
        for name, youth in town.items()
    }


def test_dry_run_changes_nothing_and_reports_what_is_due(town, time_machine):
    time_machine.move_to(oslo(2025, 1, 1), tick=False)
    before = _everything(town)
    run = retention_run(dry_run=True)
    assert _everything(town) == before
    report = RetentionLogEntry.objects.filter(run=run)
    due = {(row.youth_id, row.record_type) for row in report if row.outcome == RetentionOutcome.WOULD_DELETE}
    assert {youth for youth, _ in due} == {town["due"].pk}
    assert {kind for _, kind in due} == {"log", "plan", "meetings", "consents", "access_log"}
    assert report.get(youth=town["due"], record_type="case").outcome == RetentionOutcome.WOULD_ANONYMISE
    assert {row.outcome for row in report.filter(youth=town["held"])} == {RetentionOutcome.HELD}
    assert {row.outcome for row in report.filter(youth=town["kept"])} == {RetentionOutcome.KEPT}
    assert not report.filter(youth__in=[town["open"], town["recent"]]).exists()
    assert "2014-03-03" in report.get(youth=town["due"], record_type="log").reason


def test_real_run_removes_exactly_the_expired_records(town, time_machine):
    time_machine.move_to(oslo(2025, 1, 1), tick=False)
    before = _everything(town)
    retention_sweep()  # the scheduled job: report, then the real run
    after = _everything(town)
    assert {name: count for name, count in after["due"][0].items() if count} == {}
    due = Youth.objects.get(pk=town["due"].pk)
    assert (due.last_name, due.national_id, due.birth_date.month, due.birth_date.day) == (
        f"#{due.pk}",
        None,
        1,
        1,
    )
    assert due.first_name != "Due"
    assert due.anonymised_at is not None
    assert Relative.objects.get(youth=due).name != "Mor"
    for untouched in ("open", "held", "kept", "recent"):
        assert after[untouched] == before[untouched], untouched
    runs = list(RetentionRun.objects.order_by("id").values_list("dry_run", flat=True))
    assert runs == [True, False]
    done = RetentionLogEntry.objects.filter(run__dry_run=False, youth=due)
    assert {row.outcome for row in done} == {RetentionOutcome.DELETED, RetentionOutcome.ANONYMISED}
    assert done.get(record_type="log").count == before["due"][0]["log"]


def test_a_second_run_finds_nothing_more_to_do(town, time_machine):
    time_machine.move_to(oslo(2025, 1, 1), tick=False)
    retention_run(dry_run=False)
    second = retention_run(dry_run=False)
    assert not RetentionLogEntry.objects.filter(
        run=second, outcome__in=[RetentionOutcome.DELETED, RetentionOutcome.ANONYMISED]
    ).exists()


def test_the_day_before_the_time_is_up_nothing_is_deleted(town, time_machine):
    time_machine.move_to(oslo(2024, 3, 2), tick=False)
    before = _everything(town)
    retention_run(dry_run=False)
    assert _everything(town) == before


def test_an_agency_policy_overrides_the_default(town, time_machine):
    time_machine.move_to(oslo(2025, 1, 1), tick=False)
    school = town["due"].originating_agency
    RetentionPolicy.objects.create(agency=school, record_type="log", disposition="keep", years=10)
    kept = _census(town["due"])["log"]
    retention_run(dry_run=False)
    assert _census(town["due"])["log"] == kept
    assert _census(town["due"])["goals"] == 0
    # While the log is kept, so is the identity it belongs to.
    assert Youth.objects.get(pk=town["due"].pk).anonymised_at is None


def test_append_only_rows_still_refuse_an_ordinary_delete(town):
    entry = LogEntry.objects.filter(youth=town["due"]).first()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pathways_logentry WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        raw_delete(ConsentEvent.objects.filter(consent__youth=town["due"]))
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_window_lets_deletes_through_only_in_its_transaction_and_never_updates(town):
    entry = LogEntry.objects.filter(youth=town["due"]).first()
    window = (transaction.atomic(), retention_delete_window(connection))
    with pytest.raises(DatabaseError), window[0], window[1], connection.cursor() as cursor:
        cursor.execute("UPDATE pathways_logentry SET text = 'x' WHERE id = %s", [entry.pk])
    RetentionRun.objects.create(dry_run=True)  # the retention log is never deleted, not even here
    window = (transaction.atomic(), retention_delete_window(connection))
    with pytest.raises(DatabaseError), window[0], window[1], connection.cursor() as cursor:
        cursor.execute("DELETE FROM pathways_retentionrun")
    with transaction.atomic():
        with retention_delete_window(connection):
            pass
        # Closed again within the same transaction: an ordinary delete is refused.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM pathways_logentry WHERE id = %s", [entry.pk])
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_only_the_retention_service_opens_the_window():
    users = sorted(
        path.relative_to(ROOT).as_posix()
        for app in ("coordination", "pathways")
        for path in (ROOT / app).rglob("*.py")
        if ("retention_delete_window" in path.read_text() or "raw_delete" in path.read_text())
        and "migrations" not in path.parts
    )
    assert users == ["coordination/models/append_only.py", "pathways/services/retention.py"]


def test_legal_hold_needs_a_reason_and_the_agency_administrator(town):
    outsider = factories.staff(agency=factories.agency(), username="other", is_team_lead=True)
    with pytest.raises(BusinessRuleError):
        case_legal_hold_set(actor=outsider, youth=town["due"], hold=True, reason="Nei")
    lead = factories.staff(agency=town["due"].originating_agency, username="lead2", is_team_lead=True)
    with pytest.raises(BusinessRuleError):
        case_legal_hold_set(actor=lead, youth=town["due"], hold=True, reason=" ")
    assert not Youth.objects.get(pk=town["due"].pk).legal_hold
