"""Starts the whole product on the embedded default: web server, Celery worker and beat.

One command for a first look (README's `make run`). Ctrl-C stops all three.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coordination.demo.logins import print_demo_logins


class Command(BaseCommand):
    help = "Run web server, Celery worker and beat together, and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr: str, **options):
        python = sys.executable
        processes = [
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "coordination",
                    "worker",
                    "--beat",
                    "--loglevel=INFO",
                    "--concurrency=2",
                    "--schedule",
                    settings.CELERY_BEAT_SCHEDULE_FILENAME,
                ]
            ),
            subprocess.Popen([python, "manage.py", "runserver", addr, "--noreload"]),
        ]
        time.sleep(2)
        self.stdout.write(self.style.SUCCESS(f"\nStafett is running at http://{addr}/"))
        self.stdout.write("Demo logins:")
        print_demo_logins(self.stdout.write)
        if not settings.REQUIRE_SECOND_FACTOR:
            # Production (DATABASE_URL set) refuses to start like this; see deploy/README.md.
            self.stdout.write(
                self.style.WARNING("Second factor (TOTP) is off in this demo mode; every page says so.")
            )
        self.stdout.write("Press Ctrl-C to stop.\n")
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=20)
        failed = [process.args[2] for process in processes if process.returncode not in (0, -15, None)]
        if failed:
            raise CommandError(f"stopped because a process exited: {failed}")
