"""Times the reminder sweep, with its query count, at scale: 50 000 youths and 500 000 actions.

Seeds PostgreSQL with COPY (a few seconds, not minutes) when the database holds fewer youths than
asked for (it empties the Stafett tables first: point DATABASE_URL at a database of its own), then runs
  1. a cold sweep: every lapse in the data set found at once (as on the day reminders go live);
  2. a warm sweep: nothing new, the steady state every ten minutes;
  3. a sweep after a day's work: contacts and evaluations logged, some new lapses.
and prints time, SQL queries and rows for each, and the slowest queries of the cold sweep.
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coordination.models import Youth
from pathways import sweep
from pathways.models import Lapse, Reminder

TABLES_IN_ORDER = [
    "pathways_reminder",
    "pathways_lapse",
    "pathways_sweeprun",
    "pathways_plannedoutreach",
    "pathways_evaluation",
    "pathways_action",
    "pathways_goal",
    "pathways_transition",
    "pathways_meeting_participants",
    "pathways_meeting_relatives",
    "pathways_meeting",
    "pathways_levelchange",
    "pathways_logentry",
    "coordination_handover",
    "coordination_stafettholderperiod",
    "coordination_teammembership",
    "coordination_casedecision",
    "coordination_relative",
    "coordination_youth",
    "coordination_user_groups",
    "coordination_user_user_permissions",
    "coordination_user",
    "coordination_agency",
]


class Command(BaseCommand):
    help = "Seed 50 000 youths and 500 000 actions with COPY and time the reminder sweep."

    def add_arguments(self, parser):
        parser.add_argument("--youths", type=int, default=50_000)
        parser.add_argument("--actions-per-youth", type=int, default=10)
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, youths: int, actions_per_youth: int, seed: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The sweep benchmark needs PostgreSQL (set DATABASE_URL).")
        if Youth.objects.count() < youths:
            self.stdout.write(
                f"Seeding {youths} youths, {youths * actions_per_youth} actions (empties the tables)…"
            )
            started = time.perf_counter()
            _seed(youths, actions_per_youth, random.Random(seed))
            self.stdout.write(f"  seeded in {time.perf_counter() - started:.1f} s")
        else:
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE pathways_reminder, pathways_lapse, pathways_sweeprun")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        counts = {
            "youths": Youth.objects.count(),
            "actions": _count("pathways_action"),
            "log entries": _count("pathways_logentry"),
            "staff": _count("coordination_user"),
        }
        self.stdout.write("Data: " + ", ".join(f"{value} {name}" for name, value in counts.items()))
        header = ("sweep", "seconds", "queries", "new lapses", "reminders", "resolved")
        self.stdout.write("\n{:<26} {:>8} {:>8} {:>11} {:>10} {:>9}".format(*header))
        runs = {"cold (go-live)": self._timed("cold (go-live)")}
        # In production autovacuum analyses the freshly filled tables within a minute; do it here too, or
        # the planner keeps believing they are empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE pathways_lapse, pathways_reminder")
        runs["warm (nothing new)"] = self._timed("warm (nothing new)")
        _a_days_work(random.Random(seed + 1))
        runs["after a day's work"] = self._timed("after a day's work")
        self.stdout.write(
            f"\nIn the database: {Lapse.objects.count()} lapses, {Reminder.objects.count()} reminders."
        )
        for label, queries in runs.items():
            self.stdout.write(f"Slowest queries, {label}:")
            for query in sorted(queries, key=lambda q: -float(q["time"]))[:4]:
                self.stdout.write(f"  {float(query['time']):7.3f} s  {query['sql'][:140]}")

    def _timed(self, label: str) -> list[dict]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = sweep.run()
            seconds = time.perf_counter() - started
        self.stdout.write(
            f"{label:<26} {seconds:>8.2f} {len(queries):>8} {result.lapses_found:>11} "
            f"{result.reminders_created:>10} {result.lapses_resolved:>9}"
        )
        return queries.captured_queries


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - table names are constants
        return cursor.fetchone()[0]


def _copy(table: str, columns: list[str], rows) -> None:
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _ids(table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 - table names are constants
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def _seed(youth_count: int, actions_per_youth: int, rnd: random.Random) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES_IN_ORDER)} RESTART IDENTITY CASCADE")
    now = timezone.now()
    today = timezone.localdate()
    sectors = ["child_welfare", "school", "school_health", "municipal_health", "outreach", "nav", "phbu_bup"]
    _copy(
        "coordination_agency",
        ["name", "sector", "level"],
        ((f"Etat {n}", sectors[n % len(sectors)], "municipal") for n in range(20)),
    )
    agencies = _ids("coordination_agency")
    staff_rows = []
    for n in range(1000):
        lead = n < len(agencies)  # one team lead per agency
        active = lead or n % 200 != 199  # a few accounts deactivated: their youths have no active holder
        staff_rows.append(
            ("!", now, False, f"staff{n}", f"Fornavn{n}", f"Etternavn{n}", f"staff{n}@example.no", False,
             active, now, agencies[n % len(agencies)], lead, False, False, "", "", "nb", "staff", False,
             "sms")
        )  # fmt: skip
    _copy(
        "coordination_user",
        ["password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
         "is_active", "date_joined", "agency_id", "is_team_lead", "is_privacy_officer", "is_planner",
         "job_title", "phone", "language", "kind", "language_chosen", "notify_by"],
        staff_rows,
    )  # fmt: skip
    staff = _ids("coordination_user")[len(agencies) :]
    agency_of = {
        user_id: agencies[(index + len(agencies)) % len(agencies)] for index, user_id in enumerate(staff)
    }

    holders = [rnd.choice(staff) for _ in range(youth_count)]

    def youth_rows():
        for n in range(youth_count):
            age_days = rnd.randint(13 * 365, 25 * 365)
            contact = (
                None if rnd.random() < 0.05 else now - datetime.timedelta(hours=rnd.randint(1, 24 * 120))
            )
            status = "closed" if rnd.random() < 0.05 else "active"
            yield (
                f"Ung{n}", f"Etternavn{n}", today - datetime.timedelta(days=age_days), None, "Trondheim",
                "nb", False, "", "", "", "", status, rnd.randint(0, 3),
                rnd.choice([7, 14, 30]) if rnd.random() < 0.05 else None,
                agency_of[holders[n]], holders[n], contact,
                now - datetime.timedelta(days=rnd.randint(130, 900)),
            )  # fmt: skip

    _copy(
        "coordination_youth",
        ["first_name", "last_name", "birth_date", "national_id", "municipality", "preferred_language",
         "interpreter_needed", "interpreter_language", "phone", "email", "address", "status", "bti_level",
         "follow_up_days", "originating_agency_id", "stafettholder_id", "last_contact_at", "created_at"],
        youth_rows(),
    )  # fmt: skip
    youths = _ids("coordination_youth")
    start = today - datetime.timedelta(days=365)
    _copy(
        "coordination_teammembership",
        ["youth_id", "user_id", "agency_id", "role", "started_on", "ended_on"],
        (
            (youth, holder, agency_of[holder], "Stafettholder", start, None)
            for youth, holder in zip(youths, holders, strict=True)
        ),
    )
    _copy(
        "coordination_stafettholderperiod",
        ["youth_id", "user_id", "started_at", "ended_at"],
        (
            (youth, holder, now - datetime.timedelta(days=200), None)
            for youth, holder in zip(youths, holders, strict=True)
        ),
    )
    _copy(
        "pathways_goal",
        ["youth_id", "kind", "description", "status", "category", "created_by_id", "agency_id", "created_at",
         "updated_at", "version"],
        ((youth, "school_work", "Mål", "active", "general", holder, agency_of[holder], now, now, 1)
         for youth, holder in zip(youths, holders, strict=True) for _ in range(2)),
    )  # fmt: skip
    goals = _ids("pathways_goal")

    def action_rows():
        for index, (youth, holder) in enumerate(zip(youths, holders, strict=True)):
            for number in range(actions_per_youth):
                responsible = holder if rnd.random() < 0.5 else rnd.choice(staff)
                evaluation = today + datetime.timedelta(days=rnd.randint(-90, 120))
                # Most actions with a past date were evaluated long ago (completed); some lapsed.
                if evaluation < today and rnd.random() < 0.8:
                    status = "completed"
                else:
                    status = rnd.choice(["planned", "ongoing", "ongoing", "stopped"])
                yield (
                    goals[2 * index + number % 2], youth, "Tiltak", responsible, agency_of[responsible],
                    responsible, start, evaluation, status, "general", holder, agency_of[holder], now, now, 1,
                )  # fmt: skip

    _copy(
        "pathways_action",
        ["goal_id", "youth_id", "description", "responsible_id", "responsible_agency_id", "evaluator_id",
         "start_date", "evaluation_date", "status", "category", "created_by_id", "agency_id",
         "created_at", "updated_at", "version"],
        action_rows(),
    )  # fmt: skip

    def log_rows():
        for youth, holder in zip(youths, holders, strict=True):
            for _ in range(3):
                kind = rnd.choices(["contact", "phone", "missed", "note", "outreach"], [5, 3, 1, 2, 1])[0]
                occurred = now - datetime.timedelta(hours=rnd.randint(1, 24 * 200))
                yield (youth, kind, "general", "Notat", occurred, holder, agency_of[holder], now, None)

    _copy(
        "pathways_logentry",
        ["youth_id", "kind", "category", "text", "occurred_at", "author_id", "agency_id", "recorded_at",
         "corrects_id"],
        log_rows(),
    )  # fmt: skip
    # Pending handovers, some older than three days.
    _copy(
        "coordination_handover",
        ["youth_id", "from_user_id", "to_user_id", "note", "status", "requested_at", "response_note"],
        ((youth, holder, rnd.choice(staff), "", "pending", now - datetime.timedelta(days=rnd.randint(0, 10)),
          "") for youth, holder in zip(youths[::100], holders[::100], strict=True)),
    )  # fmt: skip


@transaction.atomic
def _a_days_work(rnd: random.Random) -> None:
    """A thousand contacts and a thousand evaluations (moved dates), as a busy day would bring."""
    now = timezone.now()
    youths = list(Youth.objects.filter(status="active").values_list("pk", flat=True)[:20000])
    touched = rnd.sample(youths, min(1000, len(youths)))
    Youth.objects.filter(pk__in=touched).update(last_contact_at=now)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE pathways_action SET evaluation_date = %s, status = 'ongoing' WHERE id IN ("
            "SELECT id FROM pathways_action WHERE status IN ('planned', 'ongoing') AND evaluation_date < %s "
            "LIMIT 1000)",
            [timezone.localdate() + datetime.timedelta(days=30), timezone.localdate()],
        )
        cursor.execute(
            "UPDATE pathways_action SET evaluation_date = %s WHERE id IN ("
            "SELECT id FROM pathways_action WHERE status IN ('planned', 'ongoing') AND evaluation_date > %s "
            "LIMIT 500)",
            [timezone.localdate() - datetime.timedelta(days=1), timezone.localdate()],
        )
