"""/helse/: is this instance able to serve? Says only ok/failing per dependency, never why."""

import logging

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from coordination.access import public
from coordination.models import Heartbeat

log = logging.getLogger("stafett.health")


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _redis() -> bool | None:
    if not settings.REDIS_URL:
        return None  # the embedded mode has no Redis
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    finally:
        client.close()


def _beat() -> bool:
    beat = Heartbeat.objects.filter(name="beat").first()
    return beat is not None and timezone.now() - beat.at <= settings.HEALTH_BEAT_MAX_AGE


def _run(name: str, check) -> str:
    try:
        result = check()
    except Exception:
        log.exception("health check %s failed", name, extra={"check": name})
        return "failing"
    if result is None:
        return "not_configured"
    if not result:
        log.warning("health check %s failed", name, extra={"check": name})
    return "ok" if result else "failing"


def _respond(checks: dict[str, str]) -> JsonResponse:
    healthy = all(state != "failing" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks}, status=200 if healthy else 503
    )


@public
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For monitoring: database, Redis, and that beat has scheduled (and a worker run) the heartbeat."""
    return _respond(
        {"database": _run("database", _database), "redis": _run("redis", _redis), "beat": _run("beat", _beat)}
    )


@public
@never_cache
@require_GET
def health_web(request: HttpRequest) -> JsonResponse:
    """For a web instance's readiness probe: only what the web process itself needs. A stopped beat
    must raise an alert, not take every web instance out of the load balancer."""
    return _respond({"database": _run("database", _database), "redis": _run("redis", _redis)})
