"""manage.py benchmark_pages: one data size of the page benchmark (issue 12), as JSON.

Seeds the demo data if the database holds fewer youths than asked (emptying it first), signs in the
subjects (coordination.benchmarking.subjects), measures every page in-process with its raw SQL replay,
profiles the slowest pages, and writes the figures and a session cookie for the load test. `manage.py
benchmark` runs this once per size, each in a database of its own.
"""

import json
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from coordination.benchmarking import measure, subjects
from coordination.models import Youth

# The pages the load test requests (keys of subjects.choose()).
LOAD_PAGES = ("overview", "my_youths")


def _quiet_logs() -> None:
    """Every request still writes its log line (that is part of its cost), but to /dev/null."""
    devnull = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    for handler in logging.getLogger().handlers:
        if handler.get_name() == "console":  # settings.LOGGING's; leaves e.g. pytest's capture alone
            handler.setStream(devnull)


def _slowest(results: list[measure.Measured], count: int) -> list[measure.Measured]:
    """The pages furthest over (or nearest to) their p95 target; pages without a target by p95."""

    def weight(result):
        return result.p95_ms / result.p95_target_ms if result.p95_target_ms else result.p95_ms / 100

    return sorted(results, key=weight, reverse=True)[:count]


class Command(BaseCommand):
    help = "Measure every main page at one data size (seeding if needed) and write the figures as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--youths", type=int, required=True)
        parser.add_argument(
            "--json", dest="json_path", type=Path, required=True, help="file to write the figures to"
        )
        parser.add_argument("--repeat", type=int, default=40, help="timed requests per page")
        parser.add_argument("--profile", type=int, default=2, help="how many of the slowest pages to profile")

    def handle(self, *args, youths: int, json_path: Path, repeat: int, profile: int, **options):
        _quiet_logs()
        seeded_in = None
        present = Youth.objects.count()
        if present < youths:
            self.stdout.write(f"Seeding {youths} youths (the database held {present})…")
            if present:
                call_command("flush", interactive=False, verbosity=0)
            started = time.perf_counter()
            call_command("seed_demo", youths=youths, verbosity=0)
            seeded_in = time.perf_counter() - started
            self.stdout.write(f"  seeded in {seeded_in:.1f} s")
        chosen = subjects.choose()
        raw = measure.replay_connection()
        results = []
        try:
            for page in chosen.pages:
                result = measure.measure(page, measure.client_for(chosen.sessions[page.who]), raw, repeat)
                results.append(result)
                self.stdout.write(
                    f"  {page.key:<24} {result.p50_ms:7.1f} {result.p95_ms:7.1f} ms "
                    f"{result.queries:3} queries "
                    f"{'' if result.ratio is None else f'{result.ratio:5.1f}×'} {result.status}"
                )
        finally:
            raw.close()
        by_key = {page.key: page for page in chosen.pages}
        profiles = [
            measure.profile(measure.client_for(chosen.sessions[result.who]), result.url, max(10, repeat // 2))
            for result in _slowest(results, profile)
        ]
        cookie = f"{settings.SESSION_COOKIE_NAME}={chosen.sessions['caseworker']}"
        figures = {
            "youths": Youth.objects.count(),
            "seeded_in_s": seeded_in,
            "repeat": repeat,
            "subjects": chosen.description,
            "pages": [result.as_dict() for result in results],
            "profiles": profiles,
            "load": {
                "cookie": cookie,
                "pages": {key: by_key[key].url for key in LOAD_PAGES if key in by_key},
            },
        }
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(figures, indent=1, ensure_ascii=False, default=str))
        self.stdout.write(f"wrote {json_path}")
