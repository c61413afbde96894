"""Times the reminder sweep, with its query count, at scale: 50 000 youths and 500 000 actions.

Seeds PostgreSQL through the demo data builders (the same data as seed_demo, written with COPY)
when the database holds fewer youths than asked for (it empties the Stafett tables first: point
DATABASE_URL at a database of its own), then runs
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

from coordination.demo.generate import generate
from coordination.models import User, Youth
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
            _seed(youths, actions_per_youth, seed)
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


@transaction.atomic
def _seed(youth_count: int, actions_per_youth: int, seed: int) -> None:
    """The demo data builders (the same as seed_demo's), with a fixed number of actions per youth; then
    a few staff accounts deactivated, so some youths have no active holder (the team lead is told)."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES_IN_ORDER)} RESTART IDENTITY CASCADE")
    generate(youths=youth_count, seed=seed, actions_per_youth=actions_per_youth, showcase=False)
    caseworkers = User.objects.filter(kind="staff", is_team_lead=False, agency__isnull=False).order_by("pk")
    leaving = list(caseworkers.values_list("pk", flat=True))[199::200]
    User.objects.filter(pk__in=leaving).update(is_active=False)


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
            # Only actions already started: a planned one may not be evaluated before it starts.
            "SELECT id FROM pathways_action WHERE status IN ('planned', 'ongoing') AND evaluation_date > %s "
            "AND start_date < %s LIMIT 500)",
            [timezone.localdate() - datetime.timedelta(days=1), timezone.localdate(), timezone.localdate()],
        )
