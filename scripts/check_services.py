"""Fail early, and say which variable to set, when the test services are not reachable."""

import os
import sys

import psycopg
import redis
from psycopg.conninfo import make_conninfo


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    problems = []
    try:
        # The test database itself may not exist yet: pytest-django creates it.
        conninfo = make_conninfo(database_url, dbname="postgres", connect_timeout=5)
        psycopg.connect(conninfo).close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        problems.append(f"PostgreSQL is not reachable at DATABASE_URL={database_url!r}: {exc}".strip())
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"Redis is not reachable at REDIS_URL={redis_url!r}: {exc}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print("Start the services or set DATABASE_URL / REDIS_URL to where they run.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
