"""Latency and query counts of the main pages at realistic scale.

Seeds the demo generator at the requested size (unless the database already holds that many youths),
then requests each page repeatedly as the busiest caseworker, in-process through Django's test client,
and prints median / p95 latency and the number of SQL queries per request.
"""

import logging
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coordination.models import User, Youth
from pathways.models import Action


def _signed_in_client(user: User) -> Client:
    """A client over HTTPS whose session has passed the second factor, like a real signed-in user."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="benchmark", confirmed=True
    )
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


class Command(BaseCommand):
    help = "Report latency and SQL query counts of the main pages at realistic scale."

    def add_arguments(self, parser):
        parser.add_argument("--youths", type=int, default=50_000)
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, youths: int, repeat: int, **options):
        # One log line per request would drown the report.
        logging.getLogger("stafett.request").setLevel(logging.WARNING)
        logging.getLogger("stafett.security").setLevel(logging.WARNING)
        if Youth.objects.count() < youths:
            self.stdout.write(f"Seeding {youths} youths (flushes the database first)…")
            call_command("flush", interactive=False, verbosity=0)
            started = time.perf_counter()
            call_command("seed_demo", youths=youths, verbosity=0)
            self.stdout.write(f"  seeded in {time.perf_counter() - started:.1f} s")
        user = (
            User.objects.filter(agency__isnull=False, is_active=True)
            .annotate(caseload=Count("memberships", filter=Q(memberships__ended_on__isnull=True)))
            .order_by("-caseload")
            .first()
        )
        youth = (
            Youth.objects.filter(stafettholder=user, status="active")
            .annotate(n=Count("log_entries"))
            .order_by("-n")
            .first()
        )
        action = Action.objects.filter(youth=youth).first()
        client = _signed_in_client(user)
        pages = [
            "/ungdommer/",
            "/ungdommer/?order=evaluation&page=3",
            "/ungdommer/?q=an",
            f"/ungdommer/{youth.pk}/",
            f"/ungdommer/{youth.pk}/plan/",
            f"/ungdommer/{youth.pk}/logg/",
            f"/ungdommer/{youth.pk}/team/",
            f"/ungdommer/{youth.pk}/moter/",
            f"/ungdommer/{youth.pk}/overganger/",
            f"/ungdommer/{youth.pk}/team/?sok=an",
            f"/ungdommer/{youth.pk}/samtykke/",
            f"/ungdommer/{youth.pk}/tilgangslogg/",
            "/stafetter/",
        ]
        if action:
            pages.append(f"/ungdommer/{youth.pk}/plan/tiltak/{action.pk}/endre/")
        self.stdout.write(
            f"\n{Youth.objects.count()} youths; user {user.username} is on {user.caseload} teams; "
            f"{repeat} requests per page\n"
        )
        lead = User.objects.filter(is_team_lead=True, agency=user.agency).first()
        lead_client = _signed_in_client(lead) if lead else None
        self.stdout.write(f"{'page':<52} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        targets = [(url, client) for url in pages]
        if lead:
            targets.append(("/teamleder/", lead_client))
            targets.append(("/teamleder/?page=20", lead_client))
        for url, client in targets:
            timings, queries = [], 0
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url, secure=True)
                    timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    self.stderr.write(f"{url} answered {response.status_code}")
                queries = len(captured)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            self.stdout.write(f"{url:<52} {statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8}")
