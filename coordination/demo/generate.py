"""Deterministic demo data generator.

The same seed and youth count give the same data (names, levels, teams, plans, log) relative to
"today", whatever the database. All rows are bulk-created with primary keys allocated here, so the
code runs the same on SQLite and PostgreSQL and never needs ids back from the database; on
PostgreSQL the sequences are moved past the new rows afterwards. Append-only rows (log entries,
evaluations, level changes) are only ever inserted.

Invariants kept for every youth (the database enforces some, the application expects all):
- exactly one open StafettholderPeriod, and its user is Youth.stafettholder (also for closed youths,
  so a case can be reopened with its holder);
- the stafettholder has an open TeamMembership; a membership's agency is the member's agency;
- at most one pending Handover; actions are evaluated no earlier than they start;
- authors, responsibles and evaluators are members of the youth's team;
- Youth.last_contact_at is the latest contact-kind log entry.

Not generated here: consents, and the object permissions derived from team membership and consent.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, reset_queries, transaction
from django.db.models import Max
from django.utils import timezone
from stdnum.no.fodselsnummer import calc_check_digit1, calc_check_digit2

from coordination.demo import names as N
from coordination.demo.consents import seed_consents
from coordination.models import (
    Agency,
    CaseDecision,
    CaseDecisionKind,
    Handover,
    HandoverStatus,
    InformationCategory,
    Relative,
    Sector,
    ServiceLevel,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
    YouthStatus,
)
from coordination.models.agencies import Municipality
from coordination.models.youths import national_id_is_valid
from pathways.models import (
    CONTACT_KINDS,
    Action,
    ActionStatus,
    Evaluation,
    Goal,
    GoalStatus,
    LevelChange,
    LogEntry,
    LogEntryKind,
    Meeting,
    Transition,
    TransitionKind,
    TransitionStatus,
)

DEMO_PASSWORD = "stafett-demo"  # noqa: S105 - the documented password of fictional demo users
DEFAULT_SEED = 2024
CHUNK_YOUTHS = 1000
BATCH_SIZE = 2000
MEETING_ROOMS = ("møterom 1", "møterom 2", "samtalerom")


# ---------------------------------------------------------------------------------------------
# Organisation
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    sector: str
    level: str
    municipality: str
    staff_weight: float
    domain: str
    lead_username: str


MUN, SPEC = ServiceLevel.MUNICIPAL.value, ServiceLevel.SPECIALIST.value
AGENCIES = (
    AgencySpec(
        "bv_trd",
        "Barneverntjenesten i Trondheim",
        Sector.CHILD_WELFARE,
        MUN,
        "Trondheim",
        8,
        "trondheim-kommune.example",
        "leder.barnevern",
    ),
    AgencySpec(
        "bv_malvik",
        "Barneverntjenesten i Malvik",
        Sector.CHILD_WELFARE,
        MUN,
        "Malvik",
        2,
        "malvik-kommune.example",
        "leder.barnevern.malvik",
    ),
    AgencySpec(
        "ute",
        "Uteseksjonen",
        Sector.OUTREACH,
        MUN,
        "Trondheim",
        4,
        "trondheim-kommune.example",
        "leder.uteseksjonen",
    ),
    AgencySpec(
        "ungdomsteam",
        "Ungdomsteamet, rus og psykisk helse Trondheim",
        Sector.MUNICIPAL_HEALTH,
        MUN,
        "Trondheim",
        4,
        "trondheim-kommune.example",
        "leder.ungdomsteamet",
    ),
    AgencySpec(
        "skolehelse",
        "Skolehelsetjenesten i Trondheim",
        Sector.SCHOOL_HEALTH,
        MUN,
        "Trondheim",
        2.5,
        "trondheim-kommune.example",
        "leder.skolehelse",
    ),
    AgencySpec(
        "cvgs",
        "Charlottenlund videregående skole",
        Sector.SCHOOL,
        MUN,
        "Trondheim",
        3,
        "trondelagfylke.example",
        "leder.charlottenlund",
    ),
    AgencySpec(
        "hvgs",
        "Heimdal videregående skole",
        Sector.SCHOOL,
        MUN,
        "Trondheim",
        2.5,
        "trondelagfylke.example",
        "leder.heimdal",
    ),
    AgencySpec(
        "huseby",
        "Huseby ungdomsskole",
        Sector.SCHOOL,
        MUN,
        "Trondheim",
        2,
        "trondheim-kommune.example",
        "leder.huseby",
    ),
    AgencySpec("nav", "NAV Trondheim Midtbyen", Sector.NAV, MUN, "Trondheim", 3, "nav.example", "leder.nav"),
    AgencySpec(
        "slt",
        "Politiet, forebyggende enhet Trondheim (SLT)",
        Sector.POLICE_SLT,
        MUN,
        "Trondheim",
        1.5,
        "politiet.example",
        "leder.politi",
    ),
    AgencySpec(
        "bup",
        "St. Olavs hospital, BUP Klinikk",
        Sector.PHBU_BUP,
        SPEC,
        "Trondheim",
        4,
        "stolav.example",
        "leder.bup",
    ),
    AgencySpec(
        "tsb", "Ruspoliklinikken for ungdom", Sector.TSB, SPEC, "Trondheim", 3, "stolav.example", "leder.tsb"
    ),
    AgencySpec(
        "fact",
        "FACT-ung Trondheim",
        Sector.FACT,
        MUN,
        "Trondheim",
        3,
        "trondheim-kommune.example",
        "leder.fact",
    ),
    AgencySpec(
        "bymisjon",
        "Kirkens Bymisjon",
        Sector.VOLUNTARY,
        MUN,
        "Trondheim",
        2,
        "bymisjon.example",
        "leder.bymisjon",
    ),
)
AGENCY_BY_KEY = {a.key: a for a in AGENCIES}


@dataclass(frozen=True)
class FixedUser:
    username: str
    first_name: str
    last_name: str
    agency_key: str | None
    job_title: str
    description: str
    is_team_lead: bool = False


# Well-known logins that exist whatever the seed (see demo_logins()).
FIXED_USERS = (
    FixedUser(
        "kari.nordmann",
        "Kari",
        "Nordmann",
        "bv_trd",
        "Barnevernspedagog",
        "Child-welfare caseworker, stafettholder for many youths",
    ),
    FixedUser(
        "ola.hansen",
        "Ola",
        "Hansen",
        "ute",
        "Miljøarbeider",
        "Outreach caseworker, on many teams, holds a few batons",
    ),
    FixedUser(
        "nora.lie",
        "Nora",
        "Lie",
        "bup",
        "Psykologspesialist",
        "Therapist in the specialist health service (BUP), team member",
    ),
    FixedUser("jonas.berg", "Jonas", "Berg", "nav", "Ungdomsveileder", "NAV youth counsellor, team member"),
    FixedUser("emma.aune", "Emma", "Aune", "cvgs", "Lektor", "Teacher (upper secondary school), team member"),
    FixedUser(
        "leder.barnevern",
        "Ingrid",
        "Solberg",
        "bv_trd",
        "Avdelingsleder",
        "Team lead of child welfare: dashboards for own staff",
        is_team_lead=True,
    ),
    FixedUser(
        "leder.uteseksjonen",
        "Rune",
        "Kvello",
        "ute",
        "Enhetsleder",
        "Team lead of outreach: dashboards for own staff",
        is_team_lead=True,
    ),
)
ADMIN = FixedUser(
    "admin",
    "Stafett",
    "Administrator",
    None,
    "Systemadministrator",
    "Administrator (superuser): users and agencies, no case content",
)


def demo_logins() -> list[tuple[str, str, str]]:
    """The interesting demo logins as (username, role in English, agency name); password DEMO_PASSWORD.

    The administrator belongs to no agency; its third element says so.
    """
    logins = [(ADMIN.username, ADMIN.description, "(no agency)")]
    order = (
        "kari.nordmann",
        "ola.hansen",
        "leder.barnevern",
        "nora.lie",
        "jonas.berg",
        "emma.aune",
        "leder.uteseksjonen",
    )
    by_name = {u.username: u for u in FIXED_USERS}
    for username in order:
        user = by_name[username]
        logins.append((user.username, user.description, AGENCY_BY_KEY[user.agency_key].name))
    return logins


# Sector weights: who starts a case, who holds the baton, who joins a team (low = levels 0-1).
ORIGIN_SECTOR_WEIGHTS = {
    "school": 25,
    "child_welfare": 20,
    "school_health": 15,
    "outreach": 15,
    "police_slt": 8,
    "municipal_health": 7,
    "nav": 5,
    "phbu_bup": 3,
    "voluntary": 2,
}
HOLDER_SECTOR_WEIGHTS = {
    "child_welfare": 30,
    "outreach": 15,
    "municipal_health": 12,
    "school": 12,
    "school_health": 10,
    "fact": 8,
    "nav": 6,
    "phbu_bup": 4,
    "tsb": 3,
}
MEMBER_SECTOR_WEIGHTS_LOW = {
    "school": 20,
    "child_welfare": 18,
    "school_health": 14,
    "outreach": 14,
    "voluntary": 8,
    "municipal_health": 8,
    "nav": 6,
    "police_slt": 6,
    "phbu_bup": 4,
    "tsb": 1,
    "fact": 1,
}
MEMBER_SECTOR_WEIGHTS_HIGH = {
    "child_welfare": 14,
    "phbu_bup": 14,
    "school": 12,
    "municipal_health": 12,
    "outreach": 10,
    "tsb": 10,
    "nav": 8,
    "fact": 8,
    "school_health": 6,
    "police_slt": 4,
    "voluntary": 4,
}

AGES = tuple(range(13, 26))
AGE_WEIGHTS = (4, 7, 10, 12, 12, 11, 10, 8, 7, 6, 5, 4, 3)
TEAM_SIZE = {0: (2, 3), 1: (2, 3), 2: (3, 4), 3: (4, 5)}
GOAL_COUNT = {0: (1, 2), 1: (1, 3), 2: (2, 4), 3: (2, 4)}
LOG_COUNT = {0: (5, 10), 1: (6, 14), 2: (8, 20), 3: (12, 25)}
PAST_MEETINGS = {0: (0, 0), 1: (0, 1), 2: (1, 2), 3: (2, 4)}
UPCOMING_MEETING_SHARE = {0: 0.0, 1: 0.2, 2: 0.5, 3: 0.7}
GOAL_KIND_WEIGHTS = {
    "school_work": 20,
    "stabilisation": 14,
    "reduced_use": 12,
    "relationships": 12,
    "health": 10,
    "safety": 9,
    "housing": 7,
    "leisure": 7,
    "abstinence": 5,
    "other": 4,
}
INTERPRETER_SHARE = {"se": 0.3, "en": 0.15}
MANUAL_KIND_WEIGHTS = (
    (LogEntryKind.CONTACT, 32),
    (LogEntryKind.PHONE, 25),
    (LogEntryKind.NOTE, 15),
    (LogEntryKind.MISSED_APPOINTMENT, 10),
    (LogEntryKind.OUTREACH, 8),
)
# Where a transition goes is content; admissions and aftercare tell of treatment, so they are health.
TRANSITION_CATEGORY = {
    TransitionKind.TURNING_18: InformationCategory.GENERAL,
    TransitionKind.ADMISSION: InformationCategory.HEALTH,
    TransitionKind.DISCHARGE: InformationCategory.HEALTH,
    TransitionKind.AFTERCARE: InformationCategory.SUBSTANCE_USE,
    TransitionKind.SCHOOL_CHANGE: InformationCategory.SCHOOL,
    TransitionKind.MOVING: InformationCategory.GENERAL,
}
CLOSING_REASON_WEIGHTS = (("goals_reached", 35), ("youth_declines", 20), ("moved", 20), ("transferred", 15))

# Every model written, in insertion order (foreign keys point backwards in this list).
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
    LevelChange,
    Meeting,
    Transition,
)
PARTICIPANTS = Meeting.participants.through
MEETING_RELATIVES = Meeting.relatives.through
BUFFERED = (*MODELS[2:14], PARTICIPANTS, MEETING_RELATIVES, Transition)


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "ae", "Ø": "o", "Å": "aa", "ł": "l", "Ł": "l"})


def ascii_slug(text: str) -> str:
    """'Bjørgum' -> 'bjorgum', 'Åse' -> 'aase', 'O'Connor' -> 'oconnor', 'Al-Hassan' -> 'al-hassan'."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c if c.isascii() and (c.isalnum() or c == "-") else "" for c in text.replace(" ", "-"))


def surname(entry: str | tuple[str, str, str], gender: str, *, married: bool) -> str:
    if isinstance(entry, str):
        return entry
    male, married_female, unmarried_female = entry
    if gender == "m":
        return male
    return married_female if married else unmarried_female


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def pronouns(gender: str) -> dict[str, str]:
    if gender == "m":
        return {"han": "han", "Han": "Han", "ham": "ham", "hans": "hans"}
    if gender == "f":
        return {"han": "hun", "Han": "Hun", "ham": "henne", "hans": "hennes"}
    return {"han": "hen", "Han": "Hen", "ham": "hen", "hans": "hens"}


def cumulative(weights: Sequence[float]) -> list[float]:
    return list(accumulate(weights))


def synthetic_national_id(birth: dt.date, female: bool, rng: random.Random, used: set[str]) -> str:
    """A fødselsnummer with valid modulus-11 check digits, in the *synthetic* series (month + 80).

    Synthetic numbers (as issued for test data by the Norwegian population register) cannot belong
    to a real person, which matters in demo data about vulnerable youths. The digits otherwise
    follow the real rules: birth date, individual number by century, even/odd by gender.
    """
    low, high = (500, 999) if birth.year >= 2000 else (0, 499)
    prefix = f"{birth.day:02d}{birth.month + 80:02d}{birth.year % 100:02d}"
    while True:
        individual = rng.randint(low, high)
        if (individual % 2 == 0) != female:
            individual += 1 if individual < high else -1
        base = f"{prefix}{individual:03d}"
        value = base + calc_check_digit1(base)
        value += calc_check_digit2(value)
        if len(value) == 11 and value not in used:  # a check "digit" of 10 means: no such number
            assert national_id_is_valid(value, synthetic=True), value
            used.add(value)
            return value


@dataclass(frozen=True)
class Staff:
    id: int
    agency_id: int
    agency_key: str
    sector: str
    name: str


@dataclass
class Member:
    staff: Staff
    start: dt.date
    end: dt.date | None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    seed: int = DEFAULT_SEED


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


class DemoGenerator:
    def __init__(self, youths: int, seed: int, progress: Callable[[str], object] | None = None):
        self.n = youths
        self.seed = seed
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.tz = timezone.get_default_timezone()
        self.progress = progress or (lambda _msg: None)
        self.counts: Counter[str] = Counter()
        self.buffers: dict[type, list] = {model: [] for model in BUFFERED}
        self.next_id: dict[type, int] = {}
        self.used_national_ids: set[str] = set()
        self.caseload: Counter[int] = Counter()

    # -- ids and buffers ------------------------------------------------------------------------

    @property
    def created_youth_ids(self) -> list[int]:
        return list(range(self.first_youth_id, self.next_id[Youth]))

    def _init_ids(self) -> None:
        for model in MODELS:
            self.next_id[model] = (model._base_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        self.first_youth_id = self.next_id[Youth]
        self.used_national_ids = set(
            Youth.objects.exclude(national_id=None).values_list("national_id", flat=True)
        )

    def _id(self, model: type) -> int:
        value = self.next_id[model]
        self.next_id[model] = value + 1
        return value

    def _add(self, obj):
        self.buffers[type(obj)].append(obj)
        return obj

    def _flush(self) -> None:
        for model, objs in self.buffers.items():
            if objs:
                model._base_manager.bulk_create(objs, batch_size=BATCH_SIZE)
                self.counts[model._meta.label] += len(objs)
                objs.clear()
        reset_queries()  # DEBUG keeps every query; the embedded default runs with DEBUG on

    def _reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(MODELS))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    # -- time -----------------------------------------------------------------------------------

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

    # -- run --------------------------------------------------------------------------------------

    def run(self) -> Summary:
        started = time.perf_counter()
        with transaction.atomic():
            self._init_ids()
            self._create_organisation()
            for first in range(0, self.n, CHUNK_YOUTHS):
                for _ in range(min(CHUNK_YOUTHS, self.n - first)):
                    self._youth()
                self._flush()
                self.progress(f"  {min(first + CHUNK_YOUTHS, self.n)} / {self.n} youths")
            self._reset_sequences()
            self.progress("  consents and object permissions")
            self.counts.update(seed_consents(self.seed, self.today, self.created_youth_ids))
        return Summary(counts=dict(self.counts), elapsed=time.perf_counter() - started, seed=self.seed)

    # -- organisation ---------------------------------------------------------------------------

    def _random_person(self) -> tuple[str, str]:
        rng = self.rng
        background = "nb" if rng.random() < 0.85 else rng.choice(list(N.BACKGROUNDS)[1:])
        _lang, _w, males, females, lasts = N.BACKGROUNDS[background]
        gender = rng.choice("mf")
        first = rng.choice(males if gender == "m" else females)
        return first, surname(rng.choice(lasts), gender, married=gender == "f" and rng.random() < 0.5)

    def _phone(self) -> str:
        rng = self.rng
        return (
            f"{rng.choice('49')}{rng.randint(0, 99):02d} {rng.randint(0, 99):02d} {rng.randint(0, 999):03d}"
        )

    def _create_organisation(self) -> None:
        rng = self.rng
        # Agencies: reuse by name, create what is missing.
        existing_agencies = dict(
            Agency.objects.filter(name__in=[a.name for a in AGENCIES]).values_list("name", "id")
        )
        self.agency_ids: dict[str, int] = {}
        # Specialist services (empty municipality) serve several municipalities and belong to none.
        municipalities = {
            name: Municipality.objects.get_or_create(name=name)[0]
            for name in sorted({a.municipality for a in AGENCIES if a.municipality})
        }
        new_agencies = []
        for spec in AGENCIES:
            agency_id = existing_agencies.get(spec.name)
            if agency_id is None:
                agency_id = self._id(Agency)
                new_agencies.append(
                    Agency(
                        id=agency_id,
                        name=spec.name,
                        sector=spec.sector,
                        level=spec.level,
                        municipality=municipalities.get(spec.municipality),
                    )
                )
            self.agency_ids[spec.key] = agency_id
        Agency.objects.bulk_create(new_agencies, batch_size=BATCH_SIZE)
        self.counts[Agency._meta.label] += len(new_agencies)

        # Staff: about 40, scaled so caseloads stay realistic (one per 12 youths), one lead per agency.
        total = max(40, self.n // 12)
        ordinary = max(total - len(AGENCIES), len(AGENCIES))
        weights = [a.staff_weight for a in AGENCIES]
        shares = [ordinary * w / sum(weights) for w in weights]
        per_agency = [max(1, int(s)) for s in shares]
        by_remainder = sorted(range(len(AGENCIES)), key=lambda i: (int(shares[i]) - shares[i], i))
        for i in by_remainder[: max(0, ordinary - sum(per_agency))]:
            per_agency[i] += 1

        taken = {u.username for u in (*FIXED_USERS, ADMIN)} | {a.lead_username for a in AGENCIES}
        # (username, first, last, agency key, job title, is lead)
        planned: list[tuple[str, str, str, str | None, str, bool]] = [
            (ADMIN.username, ADMIN.first_name, ADMIN.last_name, None, ADMIN.job_title, False)
        ]
        fixed_by_agency: dict[str, list[FixedUser]] = {}
        for user in FIXED_USERS:
            fixed_by_agency.setdefault(user.agency_key, []).append(user)
        for spec, count in zip(AGENCIES, per_agency, strict=True):
            fixed = fixed_by_agency.get(spec.key, [])
            lead = next((u for u in fixed if u.is_team_lead), None)
            if lead:
                planned.append(
                    (lead.username, lead.first_name, lead.last_name, spec.key, lead.job_title, True)
                )
            else:
                first, last = self._random_person()
                planned.append((spec.lead_username, first, last, spec.key, N.LEAD_TITLES[spec.sector], True))
            staff_fixed = [u for u in fixed if not u.is_team_lead]
            for user in staff_fixed:
                planned.append(
                    (user.username, user.first_name, user.last_name, spec.key, user.job_title, False)
                )
            for _ in range(count - len(staff_fixed)):
                first, last = self._random_person()
                base = f"{ascii_slug(first)}.{ascii_slug(last)}"
                username, suffix = base, 1
                while username in taken:
                    suffix += 1
                    username = f"{base}{suffix}"
                taken.add(username)
                planned.append(
                    (username, first, last, spec.key, rng.choice(N.JOB_TITLES[spec.sector]), False)
                )

        existing_users = {
            username: (user_id, agency_id)
            for username, user_id, agency_id in User.objects.filter(
                username__in=[p[0] for p in planned]
            ).values_list("username", "id", "agency_id")
        }
        key_by_agency_id = {v: k for k, v in self.agency_ids.items()}
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing per user would take minutes
        new_users = []
        self.staff_by_agency: dict[str, list[Staff]] = {a.key: [] for a in AGENCIES}
        self.fixed_staff: dict[str, Staff] = {}
        self.agency_name = {self.agency_ids[a.key]: a.name for a in AGENCIES}
        for username, first, last, agency_key, job_title, is_lead in planned:
            phone = self._phone()
            if username in existing_users:
                user_id, agency_id = existing_users[username]
                agency_key = key_by_agency_id.get(agency_id)
            else:
                user_id = self._id(User)
                agency_id = self.agency_ids[agency_key] if agency_key else None
                domain = AGENCY_BY_KEY[agency_key].domain if agency_key else "stafett.example"
                is_admin = username == ADMIN.username
                new_users.append(
                    User(
                        id=user_id,
                        username=username,
                        first_name=first,
                        last_name=last,
                        email=f"{username}@{domain}",
                        password=password,
                        agency_id=agency_id,
                        is_team_lead=is_lead,
                        job_title=job_title,
                        phone=phone,
                        is_staff=is_admin,
                        is_superuser=is_admin,
                    )
                )
            if agency_key is None:
                continue  # the administrator, or a pre-existing user without an agency
            staff = Staff(
                user_id,
                self.agency_ids[agency_key],
                agency_key,
                AGENCY_BY_KEY[agency_key].sector,
                f"{first} {last}",
            )
            if username in {u.username for u in FIXED_USERS}:
                self.fixed_staff[username] = staff
            if not is_lead:
                self.staff_by_agency[agency_key].append(staff)
        User.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
        self.counts[User._meta.label] += len(new_users)

        # Weighted pools.
        self.agency_keys = [a.key for a in AGENCIES if self.staff_by_agency[a.key]]

        def agency_cum(sector_weights: dict[str, float]) -> list[float]:
            sector_total = Counter()
            for key in self.agency_keys:
                sector_total[AGENCY_BY_KEY[key].sector] += AGENCY_BY_KEY[key].staff_weight
            return cumulative(
                [
                    sector_weights.get(AGENCY_BY_KEY[k].sector, 0)
                    * AGENCY_BY_KEY[k].staff_weight
                    / sector_total[AGENCY_BY_KEY[k].sector]
                    for k in self.agency_keys
                ]
            )

        self.origin_cum = agency_cum(ORIGIN_SECTOR_WEIGHTS)
        self.member_cum_low = agency_cum(MEMBER_SECTOR_WEIGHTS_LOW)
        self.member_cum_high = agency_cum(MEMBER_SECTOR_WEIGHTS_HIGH)
        self.holder_cum = agency_cum(HOLDER_SECTOR_WEIGHTS)
        self.fixed_by_agency = {
            s.agency_key: s for name, s in self.fixed_staff.items() if not name.startswith("leder.")
        }
        # Well-known users get many youths; shares shrink with size so caseloads stay plausible.
        self.kari = self.fixed_staff.get("kari.nordmann")
        self.ola = self.fixed_staff.get("ola.hansen")
        wanted = min(30, max(12, self.n // 10))
        self.p_kari = min(0.5, wanted / max(self.n, 1)) if self.kari else 0.0
        self.p_ola = self.p_kari * 0.25 if self.ola else 0.0
        self.p_fixed_member = 0.35 if self.n <= 1000 else 0.35 * 1000 / self.n
        self.background_keys = list(N.BACKGROUNDS)
        self.background_cum = cumulative([b[1] for b in N.BACKGROUNDS.values()])
        self.municipality_cum = cumulative([m[1] for m in N.MUNICIPALITIES])
        self.goal_kinds = list(GOAL_KIND_WEIGHTS)
        self.goal_kind_weights = list(GOAL_KIND_WEIGHTS.values())
        self.kind_values = [k for k, _ in MANUAL_KIND_WEIGHTS]
        self.kind_cum = cumulative([w for _, w in MANUAL_KIND_WEIGHTS])

    # -- people -----------------------------------------------------------------------------------

    def _staff_in(self, agency_key: str) -> Staff:
        fixed = self.fixed_by_agency.get(agency_key)
        if fixed is not None and self.rng.random() < self.p_fixed_member:
            return fixed
        return self.rng.choice(self.staff_by_agency[agency_key])

    def _holder_candidate(self, origin_key: str) -> Staff:
        rng = self.rng
        if AGENCY_BY_KEY[origin_key].sector in HOLDER_SECTOR_WEIGHTS and rng.random() < 0.4:
            return rng.choice(self.staff_by_agency[origin_key])
        return rng.choice(self.staff_by_agency[rng.choices(self.agency_keys, cum_weights=self.holder_cum)[0]])

    def _pick_holder(self, origin_key: str) -> Staff:
        """The well-known users first; otherwise the less loaded of two candidates, to even out caseloads."""
        r = self.rng.random()
        if r < self.p_kari:
            return self.kari
        if r < self.p_kari + self.p_ola:
            return self.ola
        first, second = self._holder_candidate(origin_key), self._holder_candidate(origin_key)
        return first if self.caseload[first.id] <= self.caseload[second.id] else second

    def _pick_member(self, level: int, exclude: set[int], used_agencies: set[str]) -> Staff | None:
        cum = self.member_cum_high if level >= 2 else self.member_cum_low
        for attempt in range(12):
            key = self.rng.choices(self.agency_keys, cum_weights=cum)[0]
            if key in used_agencies and attempt < 8:
                continue
            staff = self._staff_in(key)
            if staff.id not in exclude:
                return staff
        return None

    def _address(self) -> tuple[str, str]:
        rng = self.rng
        municipality, _w, postcode = rng.choices(N.MUNICIPALITIES, cum_weights=self.municipality_cum)[0]
        if municipality == "Trondheim":
            street, postcode = rng.choice(N.TRONDHEIM_STREETS)
        else:
            street = rng.choice(N.OTHER_STREETS)
        letter = rng.choice(("", "", "", "A", "B"))
        return municipality, f"{street} {rng.randint(1, 120)}{letter}, {postcode} {municipality}"

    # -- one youth and everything around them --------------------------------------------------

    def _youth(self) -> None:
        """One youth and their whole story, told in one place so the invariants are easy to check."""
        rng, today = self.rng, self.today
        youth_id = self._id(Youth)

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
        span = (last_day - case_start).days

        # Team and baton history.
        origin_key = rng.choices(self.agency_keys, cum_weights=self.origin_cum)[0]
        holder = self._pick_holder(origin_key)
        self.caseload[holder.id] += 1
        previous = None
        if span >= 60 and rng.random() < 0.22:
            candidate = self._pick_holder(origin_key)
            if candidate.id != holder.id:
                previous = candidate
        handover_day = self._day_in(case_start + dt.timedelta(days=21), last_day - dt.timedelta(days=7))
        members: list[Member] = []
        roles: list[str] = []
        if previous:
            members.append(Member(previous, case_start, handover_day if rng.random() < 0.6 else None))
            roles.append(rng.choice(N.TEAM_ROLES[previous.sector]))
            holder_since = handover_day
        else:
            holder_since = case_start
        members.append(Member(holder, holder_since, None))
        roles.append(N.COORDINATOR_ROLE if level == 3 else rng.choice(N.TEAM_ROLES[holder.sector]))
        target = rng.randint(*TEAM_SIZE[level])
        exclude = {m.staff.id for m in members}
        used_agencies = {m.staff.agency_key for m in members}
        while len(members) < target:
            staff = self._pick_member(level, exclude, used_agencies)
            if staff is None:
                break
            start = self._day_in(case_start, case_start + dt.timedelta(days=span // 3))
            end = None
            if rng.random() < 0.15:
                candidate_end = start + dt.timedelta(days=rng.randint(30, 200))
                end = candidate_end if candidate_end < last_day else None
            members.append(Member(staff, start, end))
            roles.append(rng.choice(N.TEAM_ROLES[staff.sector]))
            exclude.add(staff.id)
            used_agencies.add(staff.agency_key)
        for member, role in zip(members, roles, strict=True):
            self._add(
                TeamMembership(
                    id=self._id(TeamMembership),
                    youth_id=youth_id,
                    user_id=member.staff.id,
                    agency_id=member.staff.agency_id,
                    role=role,
                    started_on=member.start,
                    ended_on=member.end,
                )
            )
        open_members = [m.staff for m in members if m.end is None]

        def holder_on(day: dt.date) -> Staff:
            return previous if previous is not None and day < handover_day else holder

        def author_on(day: dt.date) -> Staff:
            if rng.random() < 0.45:
                return holder_on(day)
            return rng.choice([m.staff for m in members if m.active_on(day)])

        def fmt(template: str, **extra: str) -> str:
            return template.format(**ctx, **extra)

        entries: list[LogEntry] = []

        def entry(kind: str, category: str, text: str, when: dt.datetime, author: Staff, corrects=None):
            obj = self._add(
                LogEntry(
                    id=self._id(LogEntry),
                    youth_id=youth_id,
                    kind=kind,
                    category=category,
                    text=text,
                    occurred_at=when,
                    author_id=author.id,
                    agency_id=author.agency_id,
                    recorded_at=when + dt.timedelta(minutes=rng.randint(5, 180)),
                    corrects=corrects,
                )
            )
            entries.append(obj)
            return obj

        # Stafettholder periods and handovers.
        if previous:
            handed_at = self._at(handover_day)
            self._add(
                StafettholderPeriod(
                    id=self._id(StafettholderPeriod),
                    youth_id=youth_id,
                    user_id=previous.id,
                    started_at=self._at(case_start),
                    ended_at=handed_at,
                )
            )
            self._add(
                StafettholderPeriod(
                    id=self._id(StafettholderPeriod),
                    youth_id=youth_id,
                    user_id=holder.id,
                    started_at=handed_at,
                )
            )
            self._add(
                Handover(
                    id=self._id(Handover),
                    youth_id=youth_id,
                    from_user_id=previous.id,
                    to_user_id=holder.id,
                    note=fmt(rng.choice(N.HANDOVER_NOTES)),
                    status=HandoverStatus.ACCEPTED,
                    requested_at=handed_at - dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5)),
                    responded_at=handed_at,
                    response_note=fmt(rng.choice(N.HANDOVER_ACCEPT_NOTES)),
                )
            )
            entry(
                LogEntryKind.HANDOVER,
                "general",
                f"Stafetten er overtatt fra {previous.name}.",
                handed_at,
                holder,
            )
        else:
            self._add(
                StafettholderPeriod(
                    id=self._id(StafettholderPeriod),
                    youth_id=youth_id,
                    user_id=holder.id,
                    started_at=self._at(case_start),
                )
            )
        others = [s for s in open_members if s.id != holder.id]
        if not closed and rng.random() < 0.02 and others and span > 10:
            asked = self._day_in(case_start, last_day - dt.timedelta(days=4))
            asked_at = self._at(asked)
            asker = holder_on(asked)
            self._add(
                Handover(
                    id=self._id(Handover),
                    youth_id=youth_id,
                    from_user_id=asker.id,
                    to_user_id=rng.choice([s for s in others if s.id != asker.id] or [holder]).id,
                    note=fmt(rng.choice(N.HANDOVER_NOTES)),
                    status=HandoverStatus.DECLINED,
                    requested_at=asked_at,
                    responded_at=asked_at + dt.timedelta(days=rng.randint(1, 3)),
                    response_note=fmt(rng.choice(N.HANDOVER_DECLINE_NOTES)),
                )
            )
        if not closed and rng.random() < 0.03:
            receiver = rng.choice(others) if others and rng.random() < 0.7 else self._pick_holder(origin_key)
            if receiver.id != holder.id:
                self._add(
                    Handover(
                        id=self._id(Handover),
                        youth_id=youth_id,
                        from_user_id=holder.id,
                        to_user_id=receiver.id,
                        note=fmt(rng.choice(N.HANDOVER_NOTES)),
                        status=HandoverStatus.PENDING,
                        requested_at=self._at(today - dt.timedelta(days=rng.randint(1, 8))),
                    )
                )

        # Relatives.
        relatives: list[Relative] = []
        relative_languages: list[tuple[str, bool]] = []

        def relative(relation: str, rel_gender: str, parental: bool, norwegian: bool = False) -> None:
            bg = "nb" if norwegian else background
            rel_language_of_bg, _w, rel_males, rel_females, rel_surnames = N.BACKGROUNDS[bg]
            g = rel_gender if rel_gender != "x" else rng.choice("mf")
            rel_first = rng.choice(rel_males if g == "m" else rel_females)
            if relation in ("Mor", "Far") and not norwegian and rng.random() < 0.75:
                rel_last = surname(family_surname, g, married=True)
            else:
                rel_last = surname(rng.choice(rel_surnames), g, married=True)
            rel_language, rel_interpreter = "nb", False
            if bg != "nb" and relation not in ("Kjæreste", "Venn") and rng.random() < 0.8:
                rel_language = rel_language_of_bg
                rel_interpreter = rng.random() < (0.6 * INTERPRETER_SHARE.get(bg, 1.0))
            obj = self._add(
                Relative(
                    id=self._id(Relative),
                    youth_id=youth_id,
                    name=f"{rel_first} {rel_last}",
                    relation=relation,
                    has_parental_responsibility=parental,
                    phone=self._phone(),
                    email=f"{ascii_slug(rel_first)}.{ascii_slug(rel_last)}@epost.example"
                    if rng.random() < 0.5
                    else "",
                    preferred_language=rel_language,
                    interpreter_needed=rel_interpreter,
                    agency_id=holder_on(case_start).agency_id,
                    category=InformationCategory.GENERAL,
                )
            )
            relatives.append(obj)
            relative_languages.append((rel_language, rel_interpreter))

        if age < 18:
            if background in ("prs", "ti") and rng.random() < 0.25:
                relative("Verge", rng.choice("mf"), True, norwegian=True)  # unaccompanied minor
            else:
                count = rng.choices((0, 1, 2, 3), weights=(8, 35, 45, 12))[0]
                parents = list(N.PARENT_RELATIONS)
                rng.shuffle(parents)
                for relation, rel_gender in parents[: min(count, 2)]:
                    relative(relation, rel_gender, True)
                if count == 3:
                    relation, rel_gender = rng.choice(N.OTHER_RELATIONS)
                    relative(relation, rel_gender, False, norwegian=relation.startswith("Foster"))
        else:
            count = rng.choices((0, 1, 2), weights=(40, 40, 20))[0]
            for relation, rel_gender in rng.sample(N.ADULT_RELATIONS, count):
                relative(relation, rel_gender, False)

        # BTI level history ending at the current level.
        path = [level]
        changes = 0 if level == 0 and rng.random() < 0.8 else rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
        for _ in range(changes):
            now_level = path[0]
            if now_level > 0 and (now_level == 3 or rng.random() < 0.75):
                path.insert(0, rng.randint(0, now_level - 1))
            else:
                path.insert(0, rng.randint(now_level + 1, 3))
        # Strictly increasing times, so the chain reads the same in any ordering by time.
        change_times = sorted(self._at(self._day_in(case_start, last_day)) for _ in range(len(path) - 1))
        for i in range(1, len(change_times)):
            if change_times[i] <= change_times[i - 1]:
                change_times[i] = change_times[i - 1] + dt.timedelta(minutes=5)
        for (from_level, to_level), when in zip(pairwise(path), change_times, strict=True):
            if to_level > from_level:
                reason = fmt(rng.choice(N.LEVEL_UP_REASONS[to_level]))
            else:
                reason = fmt(rng.choice(N.LEVEL_DOWN_REASONS))
            by = holder_on(when.date())
            self._add(
                LevelChange(
                    id=self._id(LevelChange),
                    youth_id=youth_id,
                    from_level=from_level,
                    to_level=to_level,
                    reason=reason,
                    changed_by_id=by.id,
                    agency_id=by.agency_id,
                    category=InformationCategory.GENERAL,
                    changed_at=when,
                )
            )
            entry(
                LogEntryKind.LEVEL_CHANGE,
                "general",
                f"BTI-nivå endret fra {from_level} til {to_level}. {reason}",
                when,
                by,
            )

        # The plan: goals in the youth's own words, actions, evaluations.
        kinds: list[str] = []
        for _ in range(rng.randint(*GOAL_COUNT[level])):
            kind = rng.choices(self.goal_kinds, weights=self.goal_kind_weights)[0]
            if kind not in kinds:
                kinds.append(kind)
        for kind in kinds:
            goal_day = self._day_in(case_start, case_start + dt.timedelta(days=span * 2 // 3))
            creator = holder_on(goal_day)
            if closed:
                goal_status = rng.choices(
                    (GoalStatus.REACHED, GoalStatus.PAUSED, GoalStatus.ACTIVE), weights=(50, 25, 25)
                )[0]
            else:
                goal_status = rng.choices(
                    (GoalStatus.ACTIVE, GoalStatus.REACHED, GoalStatus.PAUSED, GoalStatus.REPLACED),
                    weights=(78, 10, 7, 5),
                )[0]
            goal_created = self._at(goal_day)
            goal = self._add(
                Goal(
                    id=self._id(Goal),
                    youth_id=youth_id,
                    kind=kind,
                    description=rng.choice(N.GOALS[kind]),
                    status=goal_status,
                    category=rng.choice(N.GOAL_CATEGORY[kind]),
                    created_by_id=creator.id,
                    agency_id=creator.agency_id,
                    created_at=goal_created,
                    updated_at=goal_created,
                )
            )
            goal_actions: set[str] = set()
            for _ in range(rng.randint(1, 3)):
                start = min(goal_day + dt.timedelta(days=rng.randint(0, 21)), last_day)
                if not closed and goal_status == GoalStatus.ACTIVE and rng.random() < 0.08:
                    start = today + dt.timedelta(days=rng.randint(1, 21))
                reference = min(start, last_day)
                candidates = [
                    m.staff for m in members if m.end is None and m.start <= reference
                ] or open_members
                # Someone on the team whose agency has an action serving this kind of goal.
                fitting = [
                    (staff, text)
                    for staff in candidates
                    for text, kinds_served in N.ACTIONS[staff.sector]
                    if kind in kinds_served and text not in goal_actions
                ]
                if fitting:
                    responsible, description = rng.choice(fitting)
                else:
                    responsible, description = rng.choice(candidates), N.GENERIC_ACTIONS[kind]
                goal_actions.add(description)
                evaluator = responsible if rng.random() < 0.5 else rng.choice(candidates)
                category = rng.choice(N.SECTOR_CATEGORIES[responsible.sector])
                action_id = self._id(Action)
                evaluation_date = start + dt.timedelta(days=rng.randint(21, 90))
                ended = None
                updated = goal_created
                lapses = rng.random() < 0.2  # some evaluations are simply not done: reminders, not discharge
                while evaluation_date <= last_day and not (lapses and rng.random() < 0.6):
                    evaluated_day = min(evaluation_date + dt.timedelta(days=rng.randint(0, 4)), last_day)
                    outcome = rng.choices(("reached", "partly", "not_reached"), weights=(40, 40, 20))[0]
                    next_step = rng.choices(
                        *{
                            "reached": (("continue", "complete"), (45, 55)),
                            "partly": (("continue", "adjust", "stop"), (50, 45, 5)),
                            "not_reached": (("adjust", "stop"), (55, 45)),
                        }[outcome]
                    )[0]
                    evaluated_at = self._at(evaluated_day)
                    next_date = None
                    if next_step in ("continue", "adjust"):
                        next_date = evaluated_day + dt.timedelta(days=rng.randint(30, 120))
                    self._add(
                        Evaluation(
                            id=self._id(Evaluation),
                            action_id=action_id,
                            outcome=outcome,
                            assessment=fmt(rng.choice(N.EVALUATION_ASSESSMENTS[outcome])),
                            youth_view=fmt(rng.choice(N.EVALUATION_YOUTH_VIEWS[outcome])),
                            next_step=next_step,
                            next_evaluation_date=next_date,
                            category=category,
                            evaluated_by_id=evaluator.id,
                            agency_id=evaluator.agency_id,
                            evaluated_at=evaluated_at,
                        )
                    )
                    entry(
                        LogEntryKind.EVALUATION,
                        category,
                        f"Evaluering av tiltaket «{description}»: {N.OUTCOME_LABELS[outcome]}. "
                        f"Neste steg: {N.NEXT_STEP_LABELS[next_step]}.",
                        evaluated_at,
                        evaluator,
                    )
                    updated = evaluated_at
                    if next_date is None:
                        ended = next_step
                        break
                    evaluation_date = next_date
                if ended == "complete":
                    status = ActionStatus.COMPLETED
                elif ended == "stop":
                    status = ActionStatus.STOPPED
                elif closed or goal_status != GoalStatus.ACTIVE:
                    status = (
                        ActionStatus.COMPLETED if goal_status == GoalStatus.REACHED else ActionStatus.STOPPED
                    )
                elif start > today:
                    status = ActionStatus.PLANNED
                else:
                    status = ActionStatus.ONGOING
                self._add(
                    Action(
                        id=action_id,
                        goal_id=goal.id,
                        youth_id=youth_id,
                        description=description,
                        responsible_id=responsible.id,
                        responsible_agency_id=responsible.agency_id,
                        evaluator_id=evaluator.id,
                        start_date=start,
                        evaluation_date=evaluation_date,
                        status=status,
                        category=category,
                        created_by_id=creator.id,
                        agency_id=creator.agency_id,
                        created_at=goal_created,
                        updated_at=updated,
                    )
                )

        # The log: 18 months of everyday contact, misses followed by outreach, notes.
        days = sorted(self._day_in(case_start, last_day) for _ in range(rng.randint(*LOG_COUNT[level])))
        recent = None
        if not closed and rng.random() < 0.8:
            recent = max(case_start, today - dt.timedelta(days=rng.randint(1, 14)))
            days.append(recent)
        for index, day in enumerate(days):
            author = author_on(day)
            category = rng.choice(N.SECTOR_CATEGORIES[author.sector])
            if recent is not None and index == len(days) - 1:
                kind = rng.choice((LogEntryKind.CONTACT, LogEntryKind.CONTACT, LogEntryKind.PHONE))
            else:
                kind = rng.choices(self.kind_values, cum_weights=self.kind_cum)[0]
            texts = N.LOG_TEXTS[kind.value]
            when = self._at(day)
            obj = entry(
                kind, category, fmt(rng.choice(texts.get(category) or texts["general"])), when, author
            )
            if kind == LogEntryKind.MISSED_APPOINTMENT and day < last_day and rng.random() < 0.85:
                follow_day = min(day + dt.timedelta(days=rng.randint(1, 2)), last_day)
                outreach_staff = [
                    m.staff for m in members if m.active_on(follow_day) and m.staff.sector == "outreach"
                ]
                follower = rng.choice(outreach_staff) if outreach_staff else author
                entry(
                    LogEntryKind.OUTREACH,
                    category,
                    fmt(rng.choice(N.LOG_TEXTS["outreach_after_missed"]["general"])),
                    self._at(follow_day, 9, 19),
                    follower,
                )
            elif kind in (LogEntryKind.CONTACT, LogEntryKind.NOTE) and day < today - dt.timedelta(days=5):
                if rng.random() < 0.015:
                    correction = entry(
                        LogEntryKind.NOTE, category, rng.choice(N.CORRECTIONS), when, author, obj
                    )
                    correction.recorded_at = obj.recorded_at + dt.timedelta(days=rng.randint(1, 3))

        # Meetings: past ones with minutes in the log, an upcoming one for many at levels 2-3.
        interpreter_language = preferred if interpreter else ""
        youth_is_minor = age < 18
        meeting_days = sorted(
            self._day_in(case_start, last_day) for _ in range(rng.randint(*PAST_MEETINGS[level]))
        )
        for number, day in enumerate(meeting_days):
            title, minutes_template = N.FIRST_MEETING if number == 0 else rng.choice(N.MEETINGS)
            self._meeting(
                youth_id,
                day,
                members,
                holder_on(day),
                relatives,
                relative_languages,
                youth_is_minor,
                interpreter,
                interpreter_language,
                ctx,
                entry,
                title=title,
                minutes_template=minutes_template,
            )
        if not closed and rng.random() < UPCOMING_MEETING_SHARE[level]:
            day = today + dt.timedelta(days=rng.randint(1, 30))
            if age == 17:
                title = N.TURNING_18_MEETING
            else:
                title = rng.choice(N.MEETINGS)[0] if meeting_days else N.FIRST_MEETING[0]
            self._meeting(
                youth_id,
                day,
                members,
                holder,
                relatives,
                relative_languages,
                youth_is_minor,
                interpreter,
                interpreter_language,
                ctx,
                entry,
                title=title,
                minutes_template=None,
            )

        # Transitions: turning 18 is planned ahead; a few admissions, discharges, moves.
        if age == 17 and not closed and rng.random() < 0.75:
            birthday = years_after(birth, 18)
            from_service, to_service = rng.choice(N.TRANSITION_SERVICES["turning_18"])
            soon = (birthday - today).days < 90
            created = self._at(max(case_start, today - dt.timedelta(days=rng.randint(5, 120))))
            self._add(
                Transition(
                    id=self._id(Transition),
                    youth_id=youth_id,
                    kind=TransitionKind.TURNING_18,
                    from_service=from_service or self.agency_name[holder.agency_id],
                    to_service=to_service,
                    responsible_id=holder.id,
                    planned_date=birthday,
                    status=TransitionStatus.IN_PROGRESS
                    if soon and rng.random() < 0.5
                    else TransitionStatus.PLANNED,
                    note=fmt(rng.choice(N.TRANSITION_NOTES["turning_18"])),
                    created_by_id=holder.id,
                    agency_id=holder.agency_id,
                    category=TRANSITION_CATEGORY[TransitionKind.TURNING_18],
                    created_at=created,
                    updated_at=created,
                )
            )
        elif rng.random() < 0.08:
            kind = rng.choice(
                (
                    TransitionKind.ADMISSION,
                    TransitionKind.DISCHARGE,
                    TransitionKind.AFTERCARE,
                    TransitionKind.SCHOOL_CHANGE,
                    TransitionKind.MOVING,
                )
            )
            planned = case_start + dt.timedelta(days=rng.randint(0, span + (0 if closed else 60)))
            if planned <= last_day:
                status = TransitionStatus.COMPLETED if rng.random() < 0.85 else TransitionStatus.CANCELLED
            else:
                status = rng.choice(
                    (TransitionStatus.PLANNED, TransitionStatus.PLANNED, TransitionStatus.IN_PROGRESS)
                )
            responsible = holder_on(min(planned, last_day))
            from_service, to_service = rng.choice(N.TRANSITION_SERVICES[kind.value])
            created = self._at(
                max(case_start, min(planned, last_day) - dt.timedelta(days=rng.randint(14, 60)))
            )
            note = fmt(rng.choice(N.TRANSITION_NOTES[kind.value]))
            self._add(
                Transition(
                    id=self._id(Transition),
                    youth_id=youth_id,
                    kind=kind,
                    from_service=from_service,
                    to_service=to_service,
                    responsible_id=responsible.id,
                    planned_date=planned,
                    status=status,
                    note=note,
                    created_by_id=responsible.id,
                    agency_id=responsible.agency_id,
                    category=TRANSITION_CATEGORY[kind],
                    created_at=created,
                    updated_at=created,
                )
            )
            if status == TransitionStatus.COMPLETED:
                entry(
                    LogEntryKind.TRANSITION,
                    TRANSITION_CATEGORY[kind],
                    f"Overgang gjennomført: {note}",
                    self._at(planned),
                    responsible,
                )

        # Closing and reopening: explicit, reasoned decisions with the youth's own view.
        if close_day is not None:
            reasons = list(CLOSING_REASON_WEIGHTS) + ([("aged_out", 60)] if age >= 25 else [])
            reason = rng.choices([r for r, _ in reasons], weights=[w for _, w in reasons])[0]
            place = (
                rng.choice(N.OTHER_MUNICIPALITIES_FOR_MOVING)
                if reason == "moved"
                else rng.choice(N.TRANSFER_SERVICES)
            )
            explanation = fmt(rng.choice(N.CLOSE_EXPLANATIONS[reason]), sted=place)
            decider = holder_on(close_day)
            closed_at = self._at(close_day)
            self._add(
                CaseDecision(
                    id=self._id(CaseDecision),
                    youth_id=youth_id,
                    kind=CaseDecisionKind.CLOSE,
                    reason=reason,
                    explanation=explanation,
                    youth_view=rng.choice(N.CLOSE_YOUTH_VIEWS),
                    decided_by_id=decider.id,
                    agency_id=decider.agency_id,
                    category=InformationCategory.GENERAL,
                    decided_at=closed_at,
                )
            )
            entry(
                LogEntryKind.CASE_DECISION,
                "general",
                f"Saken er avsluttet. {explanation}",
                closed_at,
                decider,
            )
            if reopen_day is not None:
                decider = holder_on(reopen_day)
                reopened_at = self._at(reopen_day)
                explanation = fmt(rng.choice(N.REOPEN_EXPLANATIONS))
                self._add(
                    CaseDecision(
                        id=self._id(CaseDecision),
                        youth_id=youth_id,
                        kind=CaseDecisionKind.REOPEN,
                        explanation=explanation,
                        youth_view=rng.choice(N.REOPEN_YOUTH_VIEWS),
                        decided_by_id=decider.id,
                        agency_id=decider.agency_id,
                        category=InformationCategory.GENERAL,
                        decided_at=reopened_at,
                    )
                )
                entry(
                    LogEntryKind.CASE_DECISION,
                    "general",
                    f"Saken er gjenåpnet. {explanation}",
                    reopened_at,
                    decider,
                )

        contacts = [e.occurred_at for e in entries if e.kind in CONTACT_KINDS]
        self._add(
            Youth(
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
                originating_agency_id=self.agency_ids[origin_key],
                stafettholder_id=holder.id,
                last_contact_at=max(contacts) if contacts else None,
                created_at=self._at(case_start),
            )
        )

    def _meeting(
        self,
        youth_id,
        day,
        members,
        chair,
        relatives,
        relative_languages,
        youth_is_minor,
        interpreter,
        interpreter_language,
        ctx,
        entry,
        *,
        title: str,
        minutes_template: str | None,
    ) -> None:
        """A past meeting (with minutes_template) gets its minutes in the log; an upcoming one has none."""
        rng = self.rng
        active = [m.staff for m in members if m.active_on(min(day, self.today)) and m.staff.id != chair.id]
        participants = [chair, *rng.sample(active, min(len(active), rng.randint(1, 3)))]
        attending_relatives = []
        if relatives and (youth_is_minor or rng.random() < 0.3) and rng.random() < 0.6:
            attending_relatives = [r for r in relatives if r.has_parental_responsibility] or relatives[:1]
        language = interpreter_language
        needs_interpreter = interpreter
        for relative_obj, (rel_language, rel_interpreter) in zip(relatives, relative_languages, strict=True):
            if relative_obj in attending_relatives and rel_interpreter:
                needs_interpreter = True
                language = language or rel_language
        youth_attends = rng.random() < 0.8
        starts_at = self._at(day, 9, 14)
        is_digital = rng.random() < 0.25
        location = (
            N.DIGITAL_LOCATION
            if is_digital
            else f"{self.agency_name[chair.agency_id]}, {rng.choice(MEETING_ROOMS)}"
        )
        minutes = None
        past = minutes_template is not None
        if past:
            names = [p.name for p in participants] + ([ctx["navn"]] if youth_attends else [])
            text = minutes_template.format(**ctx, deltakere=", ".join(names))
            minutes = entry(LogEntryKind.MEETING, "general", text, starts_at, chair)
            created_at = starts_at - dt.timedelta(days=rng.randint(3, 20))
        else:
            created_at = self._at(self.today - dt.timedelta(days=rng.randint(1, 10)))
        meeting_id = self._id(Meeting)
        self._add(
            Meeting(
                id=meeting_id,
                youth_id=youth_id,
                title=title,
                starts_at=starts_at,
                location=location,
                is_digital=is_digital,
                agenda=rng.choice(N.MEETING_AGENDA).format(**ctx),
                youth_attends=youth_attends,
                interpreter_needed=needs_interpreter,
                interpreter_language=language if needs_interpreter else "",
                interpreter_booked=needs_interpreter and (past or rng.random() < 0.5),
                category="general",
                minutes_entry=minutes,
                created_by_id=chair.id,
                agency_id=chair.agency_id,
                created_at=created_at,
            )
        )
        for staff in participants:
            self._add(PARTICIPANTS(meeting_id=meeting_id, user_id=staff.id))
        for relative_obj in attending_relatives:
            self._add(MEETING_RELATIVES(meeting_id=meeting_id, relative_id=relative_obj.id))


def generate(
    youths: int = 200, seed: int = DEFAULT_SEED, progress: Callable[[str], object] | None = None
) -> Summary:
    """Create agencies, staff, youths and their history in one transaction; returns row counts."""
    return DemoGenerator(youths, seed, progress).run()
