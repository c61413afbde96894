"""manage.py benchmark (`make benchmark`): the page benchmark of issue 12 at two data sizes, the growth
between them, a bounded load test, and a JSON and a Markdown report in var/benchmark/.

Each size runs `manage.py benchmark_pages` in a process and a database of its own (DATABASE_URL's
name with `_<youths>` appended, created and migrated here), so seeding one size never touches another
and a repeated run reuses the data. The load test runs gunicorn against the largest size's database.
"""

import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg.conninfo import conninfo_to_dict

from coordination.benchmarking import load, report

ROOT = Path(settings.BASE_DIR)


def database_url_for(base_url: str, youths: int) -> str:
    """The same server and user, the database name suffixed: stafett_bench → stafett_bench_1000."""
    scheme, _sep, rest = base_url.partition("://")
    location, slash, tail = rest.partition("/")
    name, question, query = tail.partition("?")
    if not slash or not name:
        raise CommandError("DATABASE_URL must name a database")
    return f"{scheme}://{location}/{name}_{youths}{question}{query}"


class Command(BaseCommand):
    help = "Benchmark the pages at 1 000 and 50 000 youths, load-test two of them, write var/benchmark/."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 50_000])
        parser.add_argument("--repeat", type=int, default=40, help="timed requests per page")
        parser.add_argument("--out", type=Path, default=ROOT / "var" / "benchmark")
        parser.add_argument("--load-seconds", type=int, default=15)
        parser.add_argument("--load-connections", type=int, default=8)
        parser.add_argument("--load-workers", type=int, default=2)
        parser.add_argument("--no-load", action="store_true", help="skip the load test")

    def handle(
        self, *args, sizes, repeat, out: Path, load_seconds, load_connections, load_workers, **options
    ):
        base_url = os.environ.get("DATABASE_URL")
        if not base_url:
            raise CommandError(
                "DATABASE_URL must point at PostgreSQL: the benchmark makes a database per size"
            )
        out.mkdir(parents=True, exist_ok=True)
        sizes = sorted(set(sizes))
        started = datetime.datetime.now(datetime.UTC)
        results, envs = [], {}
        for youths in sizes:
            env = {
                **os.environ,
                "DATABASE_URL": database_url_for(base_url, youths),
                "SYNTHETIC_NATIONAL_IDS": "1",
            }
            envs[youths] = env
            self.stdout.write(
                self.style.MIGRATE_HEADING(
                    f"{youths} youths ({conninfo_to_dict(env['DATABASE_URL'])['dbname']})"
                )
            )
            results.append(self._one_size(youths, env, repeat, out))
        figures = {
            "started": started.isoformat(timespec="seconds"),
            "machine": f"{platform.node()}, {os.cpu_count()} cores, load average {_loadavg()}",
            "command": " ".join(["manage.py benchmark", *sys.argv[2:]]),
            "sizes": results,
            "profiles": [dict(profile, youths=results[-1]["youths"]) for profile in results[-1]["profiles"]],
        }
        if len(results) > 1:
            figures["growth"] = {
                "from": results[0]["youths"],
                "to": results[-1]["youths"],
                "pages": report.growth(results[0], results[-1]),
            }
        if not options["no_load"]:
            figures["load"] = self._load(
                results[-1], envs[sizes[-1]], out, load_seconds, load_connections, load_workers
            )
        figures["misses"] = report.all_misses(figures)
        (out / "benchmark.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False))
        text = report.markdown(figures)
        (out / "benchmark.md").write_text(text)
        self.stdout.write(text)
        self.stdout.write(f"wrote {out / 'benchmark.json'} and {out / 'benchmark.md'}")

    def _one_size(self, youths: int, env: dict, repeat: int, out: Path) -> dict:
        python = sys.executable
        subprocess.run([python, "scripts/create_database.py"], cwd=ROOT, env=env, check=True)
        subprocess.run([python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        path = out / f"pages_{youths}.json"
        command = [python, "manage.py", "benchmark_pages", "--youths", str(youths), "--json", str(path)]
        subprocess.run([*command, "--repeat", str(repeat)], cwd=ROOT, env=env, check=True)
        figures = json.loads(path.read_text())
        for page in figures["pages"]:
            page.pop("statements", None)  # in pages_<youths>.json; the report keeps the figures
        return figures

    def _load(self, size: dict, env: dict, out: Path, seconds: int, connections: int, workers: int) -> dict:
        setup = (
            f"gunicorn {workers} sync workers, wrk {connections} connections, {seconds} s per page, loopback"
        )
        self.stdout.write(self.style.MIGRATE_HEADING(f"Load test: {setup}"))
        env = {
            **env,
            # Behind a TLS-ending proxy, as in production (the load test sends X-Forwarded-Proto).
            "TRUSTED_PROXY_COUNT": "1",
            "BENCH_OUT": str(out),
        }
        pages = size["load"]["pages"]
        result = {"youths": size["youths"], "setup": setup, "runs": []}
        try:
            runs = load.run(
                env=env,
                cookie=size["load"]["cookie"],
                paths=list(pages.values()),
                workers=workers,
                connections=connections,
                seconds=seconds,
            )
        except (load.LoadTestUnavailable, subprocess.CalledProcessError) as exc:
            result["error"] = str(exc)
            self.stderr.write(f"load test not run: {exc}")
            return result
        for key, run in zip(pages, runs, strict=True):
            result["runs"].append({"key": key, **run})
            self.stdout.write(
                f"  {key:<12} {run['requests_per_s']:7.1f} req/s "
                f"p99 {run['p99_ms']:.1f} ms, {run['errors']} errors"
            )
        return result


def _loadavg() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"
