"""The Celery reliability settings, checked as configuration here and as behaviour in
test_reminder_worker.py (a real worker against Redis: crash, redelivery, rollback)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from coordination.celery import app

ROOT = Path(__file__).resolve().parents[2]


def test_late_acknowledgement_and_reject_on_worker_lost():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1  # a dying worker holds at most one message


def test_redis_visibility_timeout_is_longer_than_the_longest_task_and_retry_countdown():
    options = app.conf.broker_transport_options
    assert app.conf.broker_url.startswith("redis://")
    assert options["visibility_timeout"] == settings.CELERY_VISIBILITY_TIMEOUT
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert options["visibility_timeout"] > app.conf.task_time_limit
    assert options["visibility_timeout"] > settings.REMINDER_EMAIL_RETRY_BACKOFF_MAX


def test_settings_refuse_a_visibility_timeout_shorter_than_a_task():
    env = {**os.environ, "CELERY_VISIBILITY_TIMEOUT": "300", "CELERY_TASK_TIME_LIMIT": "600"}
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT must be longer" in done.stderr


def test_the_beat_schedule_lives_in_settings_only_and_names_registered_tasks():
    import coordination.tasks  # noqa: F401 - registers the tasks
    import pathways.tasks  # noqa: F401

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    # A sweep that waited longer than its interval is dropped: the next one derives the same.
    assert all(entry["options"]["expires"] <= entry["schedule"] for entry in schedule.values())
    elsewhere = [
        str(path.relative_to(ROOT))
        for folder in ("coordination", "pathways")
        for path in (ROOT / folder).rglob("*.py")
        if path.relative_to(ROOT).parts[:2] != ("coordination", "settings")
        and any(
            word in path.read_text() for word in ("beat_schedule", "add_periodic_task", "BEAT_SCHEDULE =")
        )
    ]
    assert elsewhere == []
