"""A real Celery worker (a subprocess, prefork pool) against the real Redis and the test database.

Not eager mode: messages go through Redis, the worker runs the tasks in its own processes, and the
e-mails it sends are written to files this test counts. Each test uses its own queue, so a stray
worker never takes its messages. Shown here:
- a due reminder is delivered once, and a second sweep adds nothing;
- sweeps running concurrently still give one reminder per lapse and recipient, and one e-mail each;
- a worker killed in the middle of a sweep loses nothing and duplicates nothing: with late
  acknowledgement Redis gives the same message to the restarted worker after the visibility timeout;
- a pool process killed in the middle is replaced and the task redelivered at once
  (reject_on_worker_lost), long before the visibility timeout;
- a rolled-back transaction enqueues nothing.
"""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from coordination.celery import app
from pathways.models import EmailStatus, Lapse, Reminder, SweepRun
from pathways.services.reminders import reminders_sweep
from pathways.tasks import sweep_reminders
from tests import factories

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = "-" * 79  # the file e-mail backend writes it after every message


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _conninfo() -> str:
    return _database_url().replace("postgres://", "postgresql://", 1)


def wait_for(condition, timeout: float = 60, what: str = "", worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    log = worker.log_tail() if worker else ""
    raise AssertionError(f"timed out waiting for {what}\n{log}")


class Worker:
    """One `celery worker` process group: started, killed and restarted by the test."""

    def __init__(self, queue: str, folder: Path, **env):
        self.queue, self.folder, self.env, self.process, self.started = queue, folder, env, None, 0
        self.mail_dir = folder / "mail"

    def start(self, concurrency: int = 1) -> "Worker":
        self.started += 1
        self.log_path = self.folder / f"worker-{self.started}.log"
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_QUEUE": self.queue,
            "EMAIL_FILE_PATH": str(self.mail_dir),
            # The worker's clock is the real one: no quiet hours, or a run at 23:00 would hold the mail.
            "REMINDER_EMAIL_QUIET_START": "0",
            "REMINDER_EMAIL_QUIET_END": "0",
            **self.env,
        }
        command = [sys.executable, "-m", "celery", "-A", "coordination", "worker", "-Q", self.queue]
        command += ["-n", f"{self.queue}-{self.started}@%h", "-c", str(concurrency), "-P", "prefork"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "INFO"]
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_for(lambda: " ready." in self.log_path.read_text(), 60, "the worker to start", self)
        return self

    def pool_processes(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def kill(self) -> None:
        """SIGKILL to the whole worker: no warm shutdown, no chance to give messages back."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self) -> str:
        return self.log_path.read_text()[-4000:] if self.process else ""

    def emails(self) -> list[str]:
        if not self.mail_dir.exists():
            return []
        text = "".join(path.read_text() for path in sorted(self.mail_dir.iterdir()))
        return [message for message in text.split(SEPARATOR) if message.strip()]


@pytest.fixture
def queue(settings):
    """A queue of this test's own; the test process publishes to it too."""
    name = f"stafett-test-{uuid.uuid4().hex[:12]}"
    settings.REMINDER_EMAIL_QUIET_START = settings.REMINDER_EMAIL_QUIET_END = 0
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous
    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter(f"*{name}*"):
        client.delete(key)


@pytest.fixture
def workers(transactional_db, queue, tmp_path):
    """Makes workers for the test; every one is killed before the database is flushed."""
    made = []

    def make(**env) -> Worker:
        worker = Worker(queue, tmp_path, **env)
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.stop()


def _queue_length(queue: str) -> int:
    return redis.Redis.from_url(settings.REDIS_URL).llen(queue)


def _overdue(cast, count: int = 1, days: int = 2) -> None:
    """`count` youths, each with one action whose evaluation date passed `days` days ago."""
    for user in (cast.holder, cast.member, cast.team_lead):
        user.email = f"{user.username}@example.no"
        user.save()
    today = timezone.localdate()
    for number in range(count):
        youth = cast.youth if number == 0 else factories.youth(holder=cast.holder, last_name=f"Ung{number}")
        if number:
            # On the team with consent for their agency: only someone who may see the youth is told.
            factories.add_member(youth, cast.member)
            factories.consent(youth, cast.holder, {(cast.member.agency_id, "general")})
        factories.action(
            factories.goal(youth, cast.holder),
            cast.member,
            start_date=today - datetime.timedelta(days=60),
            evaluation_date=today - datetime.timedelta(days=days),
        )


def _all_sent() -> bool:
    return Reminder.objects.exists() and not Reminder.objects.exclude(email_status=EmailStatus.SENT).exists()


def _blocked_inserts(database: str) -> list[int]:
    """Database sessions of sweeps waiting for a lock in the middle of inserting lapses or reminders."""
    with psycopg.connect(_conninfo(), autocommit=True) as monitor:
        rows = monitor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock' "
            "AND query LIKE 'INSERT INTO \"pathways_%%'",
            [database],
        ).fetchall()
    return [row[0] for row in rows]


def test_a_due_reminder_is_delivered_once_and_a_second_sweep_adds_nothing(cast, workers, queue):
    _overdue(cast)
    worker = workers().start()
    sweep_reminders.delay()
    wait_for(_all_sent, what="the reminder e-mail", worker=worker)
    sweep_reminders.delay()
    wait_for(
        lambda: SweepRun.objects.filter(finished_at__isnull=False).count() == 2,
        what="2 sweeps",
        worker=worker,
    )
    wait_for(lambda: _queue_length(queue) == 0, what="an empty queue", worker=worker)
    time.sleep(1)  # room for a duplicate e-mail task to show up, if there were one
    assert list(Reminder.objects.values_list("recipient__username", "step")) == [("member", 1)]
    assert len(worker.emails()) == 1
    assert "member@example.no" in worker.emails()[0]


def test_concurrent_sweeps_give_one_reminder_per_lapse_and_recipient(cast, workers, queue):
    _overdue(cast, count=10, days=20)  # responsible, stafettholder and team lead for each
    worker = workers().start(concurrency=4)
    for _ in range(8):
        sweep_reminders.delay()
    wait_for(
        lambda: SweepRun.objects.filter(finished_at__isnull=False).count() == 8,
        60,
        "8 finished sweeps",
        worker,
    )
    wait_for(_all_sent, 60, "every e-mail", worker)
    wait_for(lambda: _queue_length(queue) == 0, what="an empty queue", worker=worker)
    time.sleep(1)
    assert Lapse.objects.count() == 10
    assert Reminder.objects.count() == 30
    assert len(worker.emails()) == 30


def test_a_worker_killed_mid_sweep_loses_nothing_and_duplicates_nothing(cast, workers, queue):
    _overdue(cast)
    # Short visibility timeout (and task limit below it) so the redelivery happens within the test.
    worker = workers(
        CELERY_VISIBILITY_TIMEOUT="8",
        CELERY_TASK_TIME_LIMIT="6",
        REMINDER_EMAIL_RETRY_BACKOFF_MAX="5",
        CELERY_UNACKED_RESTORE_INTERVAL="1",
    ).start()
    database = connection.settings_dict["NAME"]
    with psycopg.connect(_conninfo()) as blocker:
        # Hold inserts into the reminder table: the sweep stops in the middle, waiting for this lock.
        blocker.execute("LOCK TABLE pathways_reminder IN SHARE ROW EXCLUSIVE MODE")
        sweep_reminders.delay()
        wait_for(lambda: _blocked_inserts(database), 60, "the sweep to block mid-run", worker)
        worker.kill()
        blocker.rollback()
    assert _queue_length(queue) == 0  # the message is neither in the queue nor acknowledged: unacked
    wait_for(lambda: not _blocked_inserts(database), 10, "the dead sweep's transaction to end")
    assert not Reminder.objects.exists() and not Lapse.objects.exists()  # its rule transaction rolled back
    worker.start()  # restarted: Redis hands it the same message once the visibility timeout has passed
    wait_for(_all_sent, 60, "the redelivered sweep and its e-mail", worker)
    assert SweepRun.objects.count() == 2 and SweepRun.objects.filter(finished_at__isnull=True).count() == 1
    time.sleep(1)
    assert list(Reminder.objects.values_list("recipient__username", flat=True)) == ["member"]
    assert len(worker.emails()) == 1


def test_a_killed_pool_process_is_replaced_and_the_task_redelivered_at_once(cast, workers, queue):
    _overdue(cast)
    worker = workers().start()  # default visibility timeout: an hour
    database = connection.settings_dict["NAME"]
    with psycopg.connect(_conninfo()) as blocker:
        blocker.execute("LOCK TABLE pathways_reminder IN SHARE ROW EXCLUSIVE MODE")
        sweep_reminders.delay()
        wait_for(lambda: _blocked_inserts(database), 60, "the sweep to block mid-run", worker)
        [child] = worker.pool_processes()
        os.kill(child, signal.SIGKILL)
        # reject_on_worker_lost: the message goes back to the queue and a new pool process takes it.
        wait_for(lambda: worker.pool_processes() not in ([], [child]), 60, "a new pool process", worker)
        # The new run waits too: behind the lock, or behind the dead run's uncommitted lapse.
        wait_for(lambda: len(_blocked_inserts(database)) == 2, 60, "the redelivered sweep", worker)
        blocker.rollback()
    wait_for(_all_sent, 60, "the reminder e-mail", worker)
    time.sleep(1)
    assert "WorkerLostError" in worker.log_tail()
    assert list(Reminder.objects.values_list("recipient__username", flat=True)) == ["member"]
    assert len(worker.emails()) == 1


def test_a_rolled_back_transaction_enqueues_nothing(cast, workers, queue):
    _overdue(cast)
    worker = workers().start()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        reminders_sweep()  # creates the reminder and, on commit, would enqueue its e-mail
        assert Reminder.objects.count() == 1
        raise Abort
    time.sleep(1.5)
    assert _queue_length(queue) == 0
    assert not Reminder.objects.exists()
    assert worker.emails() == []
    # The same call, committed: the e-mail task reaches the worker through Redis.
    reminders_sweep()
    wait_for(_all_sent, what="the committed reminder's e-mail", worker=worker)
    assert len(worker.emails()) == 1
