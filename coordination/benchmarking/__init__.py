"""The page benchmark (`make benchmark`, issue 12): latency, query counts and the lower bound.

- ``subjects``: who is measured (the busiest caseworker, their lead, a youth, a guardian, a planner) and
  which pages, each under a stable key so two data sizes can be compared page by page;
- ``measure``: in-process timing, the SQL each page sends (with its parameters) and the raw psycopg
  replay of exactly that SQL, the lower bound on the same work; a profile of the slowest page;
- ``load``: gunicorn with sync workers on loopback and wrk against it, with a signed-in session;
- ``report``: the targets, the JSON and Markdown reports.

The measuring runs in ``manage.py benchmark_pages`` (one data size, one database); ``manage.py
benchmark`` runs it at each size in a process of its own, then the load test, then writes the report.
"""
