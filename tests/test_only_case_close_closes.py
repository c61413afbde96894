"""Lapsed follow-up produces reminders and escalation, never discharge.

1. Read the source: the only code that writes a closed status to a youth is `case_close`, and the only
   code that changes a youth's BTI level is `level_change`.
2. Run every reminder rule against lapsed data, for weeks, with e-mails and a handled reminder: the
   case, its level, its stafettholder, plan and transitions are exactly as before, and the reminder
   code wrote to no table but its own.
"""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.errors import BusinessRuleError
from coordination.models import CaseDecision, ConsentChangeRequest, Handover, User, Youth
from coordination.services.handovers import handover_request
from coordination.services.youths import youth_create
from pathways import sweep
from pathways.models import Action, Goal, Lapse, LogEntry, LogEntryKind, Reminder, ReminderRule, Transition
from pathways.services.log import log_entry_append
from pathways.services.reminders import (
    reminder_email_deliver,
    reminder_emails_dispatch,
    reminder_mark_handled,
)
from tests import factories
from tests.pathways.conftest import oslo

ROOT = Path(__file__).resolve().parents[1]
WRITE_CALLS = {"update", "create", "bulk_create", "bulk_update", "update_or_create", "get_or_create", "Youth"}


def _source_files():
    for folder in ("coordination", "pathways"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            # Migrations and the demo generator write fixed data, not case decisions.
            if "migrations" not in path.parts and "demo" not in path.parts:
                yield path


def _is_closed(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return "CLOSED" in text or "closed" in text.lower()


def _writes(tree: ast.AST, field: str, value_test) -> list[tuple[int, str]]:
    """(line, enclosing function) of every assignment `x.<field> = …` and every write call with
    `<field>=…` (update/create/… or a Youth(...) constructor) whose value passes `value_test`."""
    found = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == field and value_test(node.value):
                    found.append((node.lineno, function))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in WRITE_CALLS:
                for keyword in node.keywords:
                    if keyword.arg == field and value_test(keyword.value):
                        found.append((node.lineno, function))
            if name == "setattr" and len(node.args) == 3 and ast.unparse(node.args[1]).strip("'\"") == field:
                found.append((node.lineno, function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(tree, "<module>")
    return found


def test_only_case_close_writes_a_closed_status():
    writes = []
    for path in _source_files():
        tree = ast.parse(path.read_text())
        writes += [(str(path.relative_to(ROOT)), f) for _line, f in _writes(tree, "status", _is_closed)]
    assert writes == [("coordination/services/youths.py", "case_close")]


def test_only_level_change_writes_a_bti_level():
    writes = []
    for path in _source_files():
        tree = ast.parse(path.read_text())
        writes += [
            (str(path.relative_to(ROOT)), f) for _line, f in _writes(tree, "bti_level", lambda v: True)
        ]
    assert writes == [("pathways/services/levels.py", "level_change")]


def test_no_raw_sql_closes_a_case():
    pattern = re.compile(r"update\s+\"?coordination_youth\"?", re.IGNORECASE)
    offenders = [str(path.relative_to(ROOT)) for path in _source_files() if pattern.search(path.read_text())]
    assert offenders == []


def _state():
    youths = list(
        Youth.objects.order_by("pk").values_list(
            "pk", "status", "bti_level", "stafettholder_id", "follow_up_days"
        )
    )
    plan = list(
        Action.objects.order_by("pk").values_list("pk", "status", "evaluation_date", "responsible_id")
    )
    goals = list(Goal.objects.order_by("pk").values_list("pk", "status"))
    transitions = list(Transition.objects.order_by("pk").values_list("pk", "status", "planned_date"))
    handovers = list(Handover.objects.order_by("pk").values_list("pk", "status"))
    return youths, plan, goals, transitions, handovers, CaseDecision.objects.count()


@pytest.fixture
def march(time_machine):
    time_machine.move_to(oslo(2026, 3, 2), tick=False)


def test_every_rule_against_lapsed_data_changes_no_case(march, cast, time_machine, settings, mailoutbox):
    settings.REMINDER_CONSENT_SOURCE = "tests.pathways.test_reminder_rules.consent_stand_in"
    settings.REMINDER_EMAIL_QUIET_START = settings.REMINDER_EMAIL_QUIET_END = 0
    cast.holder.email = cast.member.email = cast.team_lead.email = "x@example.no"
    for user in (cast.holder, cast.member, cast.team_lead):
        user.save()
    # Lapsed data for every rule, on three youths.
    Youth.objects.filter(pk=cast.youth.pk).update(bti_level=3)
    factories.action(
        factories.goal(cast.youth, cast.holder), cast.member, evaluation_date=datetime.date(2026, 3, 3)
    )
    log_entry_append(
        actor=cast.member, youth=cast.youth, kind="missed", text="Uteble", occurred_at=oslo(2026, 3, 2, 8)
    )
    handover_request(actor=cast.holder, youth=cast.youth, to_user=cast.member, note="")
    Transition.objects.create(
        youth=cast.youth,
        kind="moving",
        responsible=cast.holder,
        planned_date=datetime.date(2026, 3, 20),
        created_by=cast.holder,
        agency=cast.holder.agency,
    )
    almost_18 = factories.youth(holder=cast.holder, birth_date=datetime.date(2008, 6, 1))
    leaver = factories.staff(agency=cast.holder.agency, username="leaver")
    orphan = factories.youth(holder=leaver)
    User.objects.filter(pk=leaver.pk).update(is_active=False)
    # Another service tries to register a youth who is already registered.
    Youth.objects.filter(pk=cast.youth.pk).update(national_id="01010750160")
    with pytest.raises(BusinessRuleError):
        youth_create(
            actor=cast.outsider,
            first_name="Sara",
            last_name="Ung",
            birth_date=datetime.date(2007, 1, 1),
            municipality="Trondheim",
            national_id="01010750160",
        )
    # The youth wrote to the team, and asked for a change to a consent.
    LogEntry.objects.create(
        youth=cast.youth,
        kind=LogEntryKind.YOUTH_MESSAGE,
        text="Kan vi snakke?",
        occurred_at=oslo(2026, 3, 2, 8),
        author=cast.holder,
        agency=None,
    )
    ConsentChangeRequest.objects.create(
        youth=cast.youth, text="Skolen skal ikke se alt", asked_by=cast.holder
    )
    before = _state()

    tables = set()
    for day in range(0, 60, 3):
        time_machine.move_to(oslo(2026, 3, 2) + datetime.timedelta(days=day, hours=1), tick=False)
        with CaptureQueriesContext(connection) as queries:
            sweep.run()
            for pk in reminder_emails_dispatch():
                reminder_email_deliver(reminder_id=pk)
        tables |= {
            match.group(1)
            for query in queries.captured_queries
            for match in re.finditer(r'^(?:UPDATE|INSERT INTO|DELETE FROM) "(\w+)"', query["sql"])
        }
        if day == 30:
            reminder = Reminder.objects.filter(recipient=cast.member).first()
            reminder_mark_handled(actor=cast.member, reminder=reminder, note="Jeg følger opp")

    assert set(Lapse.objects.values_list("rule", flat=True)) == set(ReminderRule.values)
    assert tables <= {"pathways_lapse", "pathways_reminder", "pathways_sweeprun"}
    assert _state() == before
    assert mailoutbox
    assert {almost_18.pk, orphan.pk} <= set(Lapse.objects.values_list("youth_id", flat=True))
