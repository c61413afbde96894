"""The page benchmark (issue 12) on a tiny data set: it seeds, signs everyone in, and every page it
measures answered 200 with its SQL replayed; the orchestrator names a database per size."""

import io
import json

import pytest
from django.core.management import call_command

from coordination.management.commands.benchmark import database_url_for

PAGES = {
    "my_youths",
    "overview",
    "plan",
    "log",
    "team",
    "meetings",
    "consents",
    "my_day",
    "team_lead",
    "my_stafett",
    "my_log",
}


@pytest.mark.django_db(transaction=True)  # the raw replay runs on a connection of its own: data committed
def test_benchmark_pages_measures_every_page(tmp_path, client):
    out = tmp_path / "pages.json"
    call_command("benchmark_pages", youths=30, json_path=out, repeat=2, profile=1, stdout=io.StringIO())
    figures = json.loads(out.read_text())
    assert figures["youths"] >= 30
    measured = {page["key"]: page for page in figures["pages"]}
    assert set(measured) >= PAGES, PAGES - set(measured)
    for page in figures["pages"]:
        assert (page["status"], page["failures"]) == (200, 0), page["url"]
        assert page["replay_error"] is None, (page["url"], page["replay_error"])
        assert page["ratio"] > 0 and page["queries"] == len(page["statements"]) > 0, page["url"]
    assert figures["profiles"] and figures["profiles"][0]["ms_per_request"] > 0
    # The load test's cookie is a signed-in session that opens the overview itself, not the login page.
    name, key = figures["load"]["cookie"].split("=", 1)
    client.cookies[name] = key
    assert client.get(figures["load"]["pages"]["overview"], secure=True).status_code == 200


def test_each_size_has_a_database_of_its_own():
    base = "postgres://postgres@127.0.0.1:5432/stafett_bench?sslmode=disable"
    assert (
        database_url_for(base, 1000)
        == "postgres://postgres@127.0.0.1:5432/stafett_bench_1000?sslmode=disable"
    )
    assert database_url_for("postgres://u:p@db/x", 50_000) == "postgres://u:p@db/x_50000"
