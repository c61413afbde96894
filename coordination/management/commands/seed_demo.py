"""manage.py seed_demo: fill the database with deterministic, fictional demo data."""

from django.core.management.base import BaseCommand, CommandError

from coordination.demo.generate import DEFAULT_SEED, generate
from coordination.demo.logins import DEMO_PASSWORD, print_demo_logins
from coordination.models import Youth


class Command(BaseCommand):
    help = (
        "Create demo agencies, staff and youths with 18 months of history (teams, plans, log, meetings). "
        "The same --seed gives the same data relative to today. Every demo user has the password "
        f"'{DEMO_PASSWORD}'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--youths", type=int, default=200, help="number of youths to create (default 200)"
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )
        parser.add_argument(
            "--no-sweep",
            action="store_true",
            help="do not run the reminder sweep once after seeding (the beat's next run does it)",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the database already holds a youth"
        )

    def handle(self, *args, youths: int, seed: int, if_empty: bool, no_sweep: bool, **options):
        if youths < 0:
            raise CommandError("--youths must be zero or more.")
        verbosity = options.get("verbosity", 1)
        if if_empty and Youth.objects.exists():
            if verbosity >= 1:
                self.stdout.write("seed_demo: the database already holds youths; nothing to do (--if-empty).")
            return
        if verbosity >= 1:
            self.stdout.write(f"seed_demo: creating {youths} youths with seed {seed} …")
        summary = generate(
            youths=youths,
            seed=seed,
            progress=self.stdout.write if verbosity >= 2 else None,
            sweep=not no_sweep,
        )
        if verbosity < 1:
            return
        width = max((len(label) for label in summary.counts), default=0)
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>9,}".replace(",", " "))
        total = sum(summary.counts.values())
        self.stdout.write(
            self.style.SUCCESS(f"seed_demo: {total:,} rows in {summary.elapsed:.1f} s.".replace(",", " "))
        )
        self.stdout.write("Demo logins:")
        print_demo_logins(self.stdout.write)
