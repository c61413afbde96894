"""Timing a page in-process, capturing the SQL it sends and replaying exactly that SQL with psycopg.

The replay is the lower bound on the same work: the same statements with the same parameters over the
same kind of connection (psycopg's client-side binding cursor, as Django uses), every row fetched, in
one transaction per page view. "page ÷ replay" is then the cost of Django, the views and the templates
on top of the database, and it carries over between machines where absolute times do not.
"""

import cProfile
import math
import pstats
import statistics
import time
from dataclasses import asdict, dataclass, field

import psycopg
from django.conf import settings
from django.db import connection
from django.test import Client


@dataclass
class Measured:
    key: str
    who: str
    url: str
    status: int
    failures: int  # timed requests that did not answer 200
    p50_ms: float
    p95_ms: float
    queries: int
    replay_p50_ms: float | None = None
    replay_p95_ms: float | None = None
    ratio: float | None = None  # page p50 ÷ replay p50
    replay_error: str | None = None
    p95_target_ms: float | None = None
    max_queries: int | None = None
    statements: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (the value a share of requests stay under)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def client_for(session_key: str) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def capture(client: Client, url: str) -> tuple[int, list[tuple[str, object, bool]]]:
    """One request, with every statement Django sends (SQL, parameters, executemany or not)."""
    statements: list[tuple[str, object, bool]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url, secure=True)
    return response.status_code, statements


def time_requests(client: Client, url: str, repeat: int) -> tuple[list[float], int]:
    """Wall-clock milliseconds of `repeat` requests, and how many of them did not answer 200."""
    timings, failures = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        failures += response.status_code != 200
    return timings, failures


def replay_connection() -> psycopg.Connection:
    db = settings.DATABASES["default"]
    return psycopg.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        cursor_factory=psycopg.ClientCursor,
    )


def replay(raw: psycopg.Connection, statements, repeat: int, warmup: int = 3) -> list[float]:
    """Runs the page's statements as it did, fetching every row, and commits; raises on an error."""

    def once():
        with raw.cursor() as cursor:
            for sql, params, many in statements:
                if many:
                    cursor.executemany(sql, params)
                else:
                    cursor.execute(sql, params)
                    if cursor.description is not None:
                        cursor.fetchall()
        raw.commit()

    for _ in range(warmup):
        once()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        once()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure(page, client: Client, raw: psycopg.Connection, repeat: int, warmup: int = 3) -> Measured:
    # Warm first (the first requests of a session fill caches and may write the session), so the
    # statements captured are those of every later request.
    for _ in range(warmup):
        client.get(page.url, secure=True)
    status, statements = capture(client, page.url)
    timings, failures = time_requests(client, page.url, repeat)
    result = Measured(
        key=page.key,
        who=page.who,
        url=page.url,
        status=status,
        failures=failures,
        p50_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=len(statements),
        p95_target_ms=page.p95_target_ms,
        max_queries=page.max_queries,
        statements=[sql for sql, _params, _many in statements],
    )
    try:
        replayed = replay(raw, statements, repeat)
    except psycopg.Error as exc:
        raw.rollback()
        result.replay_error = f"{type(exc).__name__}: {exc}".splitlines()[0]
    else:
        result.replay_p50_ms = statistics.median(replayed)
        result.replay_p95_ms = percentile(replayed, 0.95)
        result.ratio = result.p50_ms / result.replay_p50_ms if result.replay_p50_ms else None
    return result


# Where a request's time goes: (label, file suffix, function names). Cumulative times overlap where one
# runs inside another (a query run while a template renders counts in both), so they do not add up.
_BUCKETS = [
    ("compiling SQL", "django/db/models/sql/compiler.py", {"as_sql"}),
    ("waiting on PostgreSQL", "psycopg/cursor.py", {"execute", "executemany"}),
    ("fetching rows", "psycopg/cursor.py", {"fetchall", "fetchmany", "fetchone"}),
    ("building model instances", "django/db/models/base.py", {"from_db"}),
    ("rendering templates", "django/template/backends/django.py", {"render"}),
    ("middleware and request handling", "django/core/handlers/base.py", {"get_response"}),
]


def profile(client: Client, url: str, repeat: int) -> dict:
    """cProfile over `repeat` requests: time per request in each bucket, and the functions costing most."""
    client.get(url, secure=True)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url, secure=True)
    profiler.disable()
    stats = pstats.Stats(profiler)
    per_request = 1000 / repeat
    buckets = {label: 0.0 for label, _suffix, _names in _BUCKETS}
    rows = []
    for (filename, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        for label, suffix, names in _BUCKETS:
            if filename.endswith(suffix) and name in names:
                buckets[label] += cumtime * per_request
        short = filename.split("site-packages/")[-1].split("/work/")[-1]
        rows.append(
            (tottime * per_request, cumtime * per_request, calls // repeat, f"{short}:{line}({name})")
        )
    rows.sort(reverse=True)
    return {
        "url": url,
        "requests": repeat,
        "ms_per_request": round(stats.total_tt * per_request, 2),
        "buckets_ms": {label: round(value, 2) for label, value in buckets.items()},
        "top_by_own_time": [
            {"own_ms": round(own, 3), "cumulative_ms": round(cum, 3), "calls": calls, "function": where}
            for own, cum, calls, where in rows[:20]
        ],
    }
