"""/helse/ tells monitoring whether database, Redis and beat work, and nothing else."""

import datetime
import json

import pytest
from django.utils import timezone

from coordination.models import Heartbeat
from coordination.tasks import heartbeat


@pytest.fixture
def beat_ran(db):
    heartbeat()


def test_all_ok(client, beat_ran):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok", "beat": "ok"}}
    assert "no-store" in response["Cache-Control"]


def test_a_stale_beat_fails_the_full_check_but_not_the_web_readiness(client, db, settings):
    Heartbeat.objects.create(name="beat", at=timezone.now() - datetime.timedelta(minutes=6))
    response = client.get("/helse/")
    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == "failing"
    assert client.get("/helse/web/").status_code == 200


def test_beat_that_never_ran_is_failing(client, db):
    assert client.get("/helse/").json()["checks"]["beat"] == "failing"


def test_unreachable_redis_is_reported_without_details(client, beat_ran, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/helse/web/")
    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body) == {"status": "failing", "checks": {"database": "ok", "redis": "failing"}}
    assert "127.0.0.1" not in body and "Error" not in body


def test_anonymous_callers_get_it_and_it_reveals_no_version_or_host(client, beat_ran):
    response = client.get("/helse/")
    assert set(response.json()) == {"status", "checks"}
    assert "Server" not in response.headers or "Django" not in response["Server"]


def test_heartbeat_task_records_the_time(db):
    heartbeat()
    first = Heartbeat.objects.get(name="beat").at
    heartbeat()
    assert Heartbeat.objects.get(name="beat").at >= first
    assert Heartbeat.objects.count() == 1


def test_beat_schedules_the_heartbeat_often_enough(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["heartbeat"]
    assert entry["task"] == "coordination.tasks.heartbeat"
    assert entry["schedule"] * 2 < settings.HEALTH_BEAT_MAX_AGE.total_seconds()
