"""The demo data generator: deterministic, realistic, fast.

The same seed and youth count give the same data relative to "today", whatever the database. Each
youth's story is told by one builder per aggregate (team and baton, relatives, levels, plan, log,
meetings, transitions, closing, consents), which write rows as the services would: the writer's
agency and a category on every text, the services' own log texts, their validators. Rows get their
ids here and are written in bulk (coordination.demo.rows): COPY on PostgreSQL.

Invariants kept for every youth (checked by tests/coordination/test_demo_data.py):
- exactly one open StafettholderPeriod, its user is Youth.stafettholder and has an open membership;
- a membership's agency is the member's agency; authors, responsibles and evaluators are on the team;
- at most one pending Handover; actions are evaluated no earlier than they start;
- Youth.last_contact_at is the latest contact-kind log entry;
- object permissions are team membership ∩ consent, derived by the services' own rule.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from coordination.demo import names as N
from coordination.demo.base import DEFAULT_SEED, Case, Summary
from coordination.demo.case import build_closing, build_levels, build_transitions
from coordination.demo.consents import build_consents, derive_permissions
from coordination.demo.lead_week import build_lead_week
from coordination.demo.log import build_log
from coordination.demo.logins import YOUTH_LOGIN
from coordination.demo.meetings import MEETING_RELATIVES, PARTICIPANTS, build_meetings
from coordination.demo.organisation import OrganisationBuilder
from coordination.demo.people import (
    FastRandom,
    ascii_slug,
    pronouns,
    surname,
    synthetic_national_id,
)
from coordination.demo.plan import build_plan
from coordination.demo.rows import Rows, foreign_keys_checked_at_the_end
from coordination.demo.showcase import build_showcase
from coordination.demo.team import INTERPRETER_SHARE, build_relatives, build_team
from coordination.models import (
    Agency,
    CaseDecision,
    Consent,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    Handover,
    Relative,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
    YouthPermission,
    YouthStatus,
    years_after,
)
from pathways.models import (
    Action,
    Evaluation,
    Goal,
    LevelChange,
    LogEntry,
    Meeting,
    PlannedOutreach,
    Transition,
)
from pathways.services import dashboards, reminders

CHUNK_YOUTHS = 2000
AGES = tuple(range(13, 26))
AGE_WEIGHTS = (4, 7, 10, 12, 12, 11, 10, 8, 7, 6, 5, 4, 3)
# Every model written in bulk, in insertion order (foreign keys point backwards in this list).
MODELS = (
    Agency,
    User,
    Youth,
    Relative,
    TeamMembership,
    StafettholderPeriod,
    Handover,
    CaseDecision,
    Goal,
    Action,
    Evaluation,
    LogEntry,
    PlannedOutreach,
    LevelChange,
    Meeting,
    PARTICIPANTS,
    MEETING_RELATIVES,
    Transition,
    Consent,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    YouthPermission,
)
# The builders, in the order a youth's story is told; each reads what the ones before it set.
BUILDERS = (
    build_team,
    build_relatives,
    build_levels,
    build_plan,
    build_log,
    build_meetings,
    build_transitions,
    build_closing,
    build_consents,
    derive_permissions,
)


class DemoGenerator(OrganisationBuilder):
    def __init__(
        self,
        youths: int,
        seed: int,
        progress: Callable[[str], object] | None = None,
        actions_per_youth: int | None = None,
        showcase: bool = True,
    ):
        self.n = youths
        self.showcase = showcase
        self.actions_per_youth = actions_per_youth
        self.seed = seed
        self.rng = FastRandom(seed)
        self.today = timezone.localdate()
        self.tz = timezone.get_default_timezone()
        self.progress = progress or (lambda _msg: None)
        self.caseload: Counter[int] = Counter()

    def _at(self, day: dt.date, first_hour: int = 8, last_hour: int = 19) -> dt.datetime:
        rng = self.rng
        return dt.datetime(
            day.year,
            day.month,
            day.day,
            rng.randint(first_hour, last_hour),
            rng.randrange(0, 60, 5),
            tzinfo=self.tz,
        )

    def _day_in(self, first: dt.date, last: dt.date) -> dt.date:
        if last <= first:
            return first
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))

    def run(self) -> Summary:
        started = time.perf_counter()
        # Texts the services write are stored in the product's language, as a request would.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            self.rows = Rows(MODELS)
            self.counts = self.rows.counts
            self.used_national_ids = set(
                Youth.objects.exclude(national_id=None).values_list("national_id", flat=True)
            )
            self.permission_ids = None
            with foreign_keys_checked_at_the_end(MODELS):
                self._create_organisation()
                for first in range(0, self.n, CHUNK_YOUTHS):
                    for _ in range(min(CHUNK_YOUTHS, self.n - first)):
                        self._youth()
                    self.rows.flush()
                    self.progress(f"  {min(first + CHUNK_YOUTHS, self.n)} / {self.n} youths")
                self.rows.reset_sequences()
                if self.showcase and not User.objects.filter(username=YOUTH_LOGIN.username).exists():
                    self.progress("  the showcase family behind the youth and relative logins")
                    build_showcase(self)
                    self.progress("  the team lead's week and Kari's day")
                    build_lead_week(self)
                self.progress("  checking every foreign key")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh planner statistics after a bulk load, and (outside a transaction, where
                # VACUUM may run) the visibility map that index-only scans need: without it the
                # team-lead page counted an agency's youths from the heap until autovacuum came
                # by (30 ms at 50 000 youths, 14.5 ms from the index alone), as a live database's
                # continuously vacuumed tables would not.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        return Summary(counts=dict(self.counts), elapsed=time.perf_counter() - started, seed=self.seed)

    def _youth(self) -> None:
        """One youth and their whole story, told in one place so the invariants are easy to check."""
        rng, today = self.rng, self.today
        youth_id = self.rows.new_id(Youth)

        # Who they are.
        gender = rng.choices("mfx", weights=(49, 49, 2))[0]
        name_gender = gender if gender != "x" else rng.choice("mf")
        background = rng.choices(self.background_keys, cum_weights=self.background_cum)[0]
        language, _w, males, females, surnames = N.BACKGROUNDS[background]
        family_surname = rng.choice(surnames)
        first = rng.choice(males if name_gender == "m" else females)
        last = surname(family_surname, name_gender, married=False)
        age = rng.choices(AGES, weights=AGE_WEIGHTS)[0]
        birth = years_after(today, -age) - dt.timedelta(days=rng.randint(0, 364))
        municipality, address = self._address()
        ctx = {"navn": first, **pronouns(gender)}
        preferred, interpreter = "nb", False
        if background != "nb" and rng.random() < 0.6:
            preferred = language
            interpreter = rng.random() < INTERPRETER_SHARE.get(background, 0.85)
        national_id = None
        if rng.random() < 0.05:
            national_id = synthetic_national_id(birth, name_gender == "f", rng, self.used_national_ids)
        phone = self._phone() if rng.random() < 0.9 else ""
        email = (
            f"{ascii_slug(first)}.{ascii_slug(last)}{rng.randint(1, 99)}@epost.example"
            if rng.random() < 0.5
            else ""
        )
        level = rng.choices((0, 1, 2, 3), weights=(15, 30, 35, 20))[0]

        # The case timeline. Events happen on or before last_day (yesterday, or the day before closing).
        max_ago = min(545, (today - years_after(birth, 12)).days)
        r = rng.random()
        closed, reopened = r < 0.05, 0.05 <= r < 0.065
        close_day = reopen_day = None
        if closed:
            start_ago = rng.randint(90, max_ago)
            close_day = today - dt.timedelta(days=rng.randint(3, start_ago - 60))
            last_day = close_day - dt.timedelta(days=1)
        elif reopened:
            start_ago = rng.randint(200, max_ago)
            close_ago = rng.randint(70, start_ago - 60)
            close_day = today - dt.timedelta(days=close_ago)
            reopen_day = today - dt.timedelta(days=rng.randint(5, close_ago - 30))
            last_day = today - dt.timedelta(days=1)
        else:
            start_ago = rng.randint(30, max_ago)
            last_day = today - dt.timedelta(days=1)
        case_start = today - dt.timedelta(days=start_ago)

        case = Case(
            gen=self,
            youth_id=youth_id,
            level=level,
            age=age,
            birth=birth,
            background=background,
            family_surname=family_surname,
            ctx=ctx,
            case_start=case_start,
            last_day=last_day,
            closed=closed,
            close_day=close_day,
            reopen_day=reopen_day,
            preferred=preferred,
            interpreter=interpreter,
        )
        for build in BUILDERS:
            build(self, case)
        self.rows.add(
            Youth,
            id=youth_id,
            first_name=first,
            last_name=last,
            birth_date=birth,
            national_id=national_id,
            municipality=municipality,
            preferred_language=preferred,
            interpreter_needed=interpreter,
            interpreter_language=preferred if interpreter else "",
            phone=phone,
            email=email,
            address=address,
            status=YouthStatus.CLOSED if closed else YouthStatus.ACTIVE,
            bti_level=level,
            originating_agency_id=self.agency_ids[case.origin_key],
            stafettholder_id=case.holder.id,
            last_contact_at=max(case.contacts) if case.contacts else None,
            created_at=self._at(case_start),
        )


def generate(
    youths: int = 200,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], object] | None = None,
    *,
    actions_per_youth: int | None = None,
    showcase: bool = True,
    sweep: bool = False,
) -> Summary:
    """Create agencies, staff, youths and their history in one transaction; returns row counts.
    `actions_per_youth` fixes the size of each plan (benchmarks); by default it varies by level.
    `showcase` adds the family behind the citizen demo logins and the team lead's week. `sweep` then
    runs the reminder sweep once and stores the dashboards' figures, as the beat's first run would,
    so the inbox, Min dag and the team lead's figures show the lapses at once."""
    summary = DemoGenerator(youths, seed, progress, actions_per_youth, showcase).run()
    if sweep:
        started = time.perf_counter()
        (progress or (lambda _msg: None))("  the reminder sweep, once")
        reminders.reminders_sweep()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the sweep's rows, for the planner (as autovacuum would)
                cursor.execute("ANALYZE pathways_lapse, pathways_reminder")
        dashboards.refresh_all()
        summary.elapsed += time.perf_counter() - started
    return summary
