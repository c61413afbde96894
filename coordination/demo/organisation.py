"""The organisation: agencies in and around Trondheim, their staff (the well-known demo logins among
them, one team lead each), and how staff are picked for batons and teams so caseloads stay plausible."""

from collections import Counter

from django.contrib.auth.hashers import make_password

from coordination.demo import names as N
from coordination.demo.agencies import AGENCIES, AGENCY_BY_KEY
from coordination.demo.base import Staff
from coordination.demo.logins import ADMIN, DEMO_PASSWORD, FIXED_USERS, FixedUser
from coordination.demo.people import ascii_slug, cumulative, surname
from coordination.models import Agency, User
from coordination.models.agencies import Municipality

BATCH_SIZE = 2000
CASEWORKER_USERNAMES = frozenset(u.username for u in FIXED_USERS if u.is_caseworker and not u.is_team_lead)
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


class OrganisationBuilder:
    """Mixed into the generator: creates agencies and staff and picks from them."""

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
                agency_id = self.rows.new_id(Agency)
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
        # (username, first, last, agency key, job title, is lead, the well-known user or None)
        planned: list[tuple[str, str, str, str | None, str, bool, FixedUser | None]] = [
            (ADMIN.username, ADMIN.first_name, ADMIN.last_name, None, ADMIN.job_title, False, ADMIN)
        ]
        fixed_by_agency: dict[str, list[FixedUser]] = {}
        for user in FIXED_USERS:
            fixed_by_agency.setdefault(user.agency_key, []).append(user)
        for spec, count in zip(AGENCIES, per_agency, strict=True):
            fixed = fixed_by_agency.get(spec.key, [])
            lead = next((u for u in fixed if u.is_team_lead), None)
            if lead:
                planned.append(
                    (lead.username, lead.first_name, lead.last_name, spec.key, lead.job_title, True, lead)
                )
            else:
                first, last = self._random_person()
                planned.append(
                    (spec.lead_username, first, last, spec.key, N.LEAD_TITLES[spec.sector], True, None)
                )
            for user in fixed:
                if not user.is_team_lead:
                    planned.append(
                        (
                            user.username,
                            user.first_name,
                            user.last_name,
                            spec.key,
                            user.job_title,
                            False,
                            user,
                        )
                    )
            staff_fixed = [u for u in fixed if u.is_caseworker and not u.is_team_lead]
            for _ in range(count - len(staff_fixed)):
                first, last = self._random_person()
                base = f"{ascii_slug(first)}.{ascii_slug(last)}"
                username, suffix = base, 1
                while username in taken:
                    suffix += 1
                    username = f"{base}{suffix}"
                taken.add(username)
                planned.append(
                    (username, first, last, spec.key, rng.choice(N.JOB_TITLES[spec.sector]), False, None)
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
        for username, first, last, agency_key, job_title, is_lead, fixed_user in planned:
            phone = self._phone()
            if username in existing_users:
                user_id, agency_id = existing_users[username]
                agency_key = key_by_agency_id.get(agency_id)
            else:
                user_id = self.rows.new_id(User)
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
                        is_municipality_admin=bool(fixed_user and fixed_user.is_municipality_admin),
                        is_planner=bool(fixed_user and fixed_user.is_planner),
                        # The team lead of child welfare also reviews emergency access as privacy officer.
                        is_privacy_officer=username == "leder.barnevern",
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
            if fixed_user is not None:
                self.fixed_staff[username] = staff
                if not fixed_user.is_caseworker:
                    continue  # administers or counts; never on a team
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
            s.agency_key: s for name, s in self.fixed_staff.items() if name in CASEWORKER_USERNAMES
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
