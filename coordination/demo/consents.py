"""Demo consents and the object permissions they give, built with each youth.

Most youths have consented to sharing with their team's agencies for the categories each sector
needs; some consents are partial, withdrawn or refused, a few sharings rest on a legal duty. Who
gives a consent follows the age rules (coordination.consent_rules). The permissions are derived
from the youth's memberships and grants by the services' own rule (`desired_windows`), in memory,
and written in bulk with the rest, instead of recomputed youth by youth afterwards.
"""

import datetime as dt

from coordination.consent_rules import consent_rule_for_age
from coordination.demo.base import Case
from coordination.models import (
    SHARING_STATES,
    Consent,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    Sector,
    YouthPermission,
)
from coordination.services.permissions import desired_windows, permission_ids

# What each sector typically needs to know, on top of general information.
SECTOR_CATEGORIES = {
    Sector.CHILD_WELFARE: ("child_welfare", "school"),
    Sector.SCHOOL: ("school",),
    Sector.SCHOOL_HEALTH: ("health", "mental_health", "school"),
    Sector.MUNICIPAL_HEALTH: ("health", "mental_health", "substance_use"),
    Sector.OUTREACH: ("substance_use",),
    Sector.NAV: ("nav", "school"),
    Sector.POLICE_SLT: ("police",),
    Sector.PHBU_BUP: ("health", "mental_health"),
    Sector.TSB: ("health", "substance_use", "mental_health"),
    Sector.FACT: ("health", "mental_health", "substance_use", "nav"),
    Sector.VOLUNTARY: (),
}
PURPOSES = (
    "Samarbeid i ansvarsgruppen om plan og oppfølging",
    "Koordinering mellom skole, helse og barnevern",
    "Felles oppfølging i BTI-team etter samtale med ungdommen",
)
YOUTH_WORDS = (
    "Jeg vil at de som hjelper meg snakker sammen, så slipper jeg å si alt mange ganger.",
    "Greit at skolen får vite, men ikke alt om rus.",
    "Mamma og jeg har snakket om det, vi er enige.",
    "",
)


def _giver(age: int, scope) -> str:
    """The first giver the age rule allows for this scope (the youth from 18, both at 16–17…)."""
    allowed = consent_rule_for_age(age).allowed_givers({category for _agency, category in scope})
    return next(giver for giver in ("youth", "both", "guardians") if giver in allowed)


def build_consents(gen, c: Case) -> None:
    rng, today, rows = gen.rng, gen.today, gen.rows
    roll = rng.random()
    if roll < 0.05:
        return  # consent not yet discussed: only the originating agency and the holder see the youth
    agencies = sorted({(m.staff.agency_id, m.staff.sector) for m in c.members if m.end is None})
    scope = {
        (agency_id, category)
        for agency_id, sector in agencies
        for category in ("general", *SECTOR_CATEGORIES.get(sector, ()))
    }
    valid_from = max(c.case_start, today - dt.timedelta(days=rng.randint(20, 500)))
    state, events = "given", ["requested", "given"]
    if roll < 0.12:
        state, events = "withdrawn", ["requested", "given", "withdrawn"]
    elif roll < 0.16:
        state, events = "refused", ["requested", "refused"]
    elif roll < 0.30:
        scope = {cell for cell in scope if cell[1] not in ("substance_use", "mental_health")} or scope
        state, events = "partly_given", ["requested", "discussed", "partly_given"]
    expires_on = valid_from + dt.timedelta(days=rng.choice((365, 540, 730))) if rng.random() < 0.7 else None
    holder_id = c.holder.id
    consent_id = rows.add(
        Consent,
        youth_id=c.youth_id,
        basis="consent",
        given_by=_giver(c.age, scope),
        purpose=rng.choice(PURPOSES),
        form=rng.choice(("written", "digital", "oral")),
        valid_from=valid_from,
        review_on=valid_from + dt.timedelta(days=rng.choice((180, 365))),
        expires_on=expires_on,
        state=state,
        youth_view=rng.choice(YOUTH_WORDS) or ("Ungdommen er hørt og er enig." if c.age < 16 else ""),
        created_by_id=holder_id,
        created_at=dt.datetime.combine(valid_from, dt.time(10), tzinfo=gen.tz),
    )
    for offset, kind in enumerate(events):
        event_id = rows.add(
            ConsentEvent,
            consent_id=consent_id,
            kind=kind,
            note="",
            recorded_by_id=holder_id,
            recorded_at=dt.datetime.combine(
                valid_from + dt.timedelta(days=offset * 7), dt.time(11), tzinfo=gen.tz
            ),
        )
        if kind in ("given", "partly_given"):
            for agency_id, category in sorted(scope):
                rows.add(ConsentEventScope, event_id=event_id, agency_id=agency_id, category=category)
    if state in SHARING_STATES:
        for agency_id, category in sorted(scope):
            rows.add(ConsentGrant, consent_id=consent_id, agency_id=agency_id, category=category)
            c.grants.append((c.youth_id, agency_id, category, valid_from, expires_on))
    welfare = [agency_id for agency_id, sector in agencies if sector == Sector.CHILD_WELFARE]
    if rng.random() < 0.03 and welfare:
        # A sharing that rests on the duty to inform child welfare, not on consent.
        legal_id = rows.add(
            Consent,
            youth_id=c.youth_id,
            basis="legal_duty",
            legal_basis="Opplysningsplikt til barnevernet, barnevernsloven § 13-2",
            given_by="n/a",
            purpose="Bekymringsmelding ved alvorlig omsorgssvikt",
            form="written",
            valid_from=valid_from,
            state="given",
            created_by_id=holder_id,
        )
        event_id = rows.add(ConsentEvent, consent_id=legal_id, kind="given", recorded_by_id=holder_id)
        for agency_id in welfare:
            rows.add(ConsentEventScope, event_id=event_id, agency_id=agency_id, category="general")
            rows.add(ConsentGrant, consent_id=legal_id, agency_id=agency_id, category="general")
            c.grants.append((c.youth_id, agency_id, "general", valid_from, None))


def derive_permissions(gen, c: Case) -> None:
    """Team membership ∩ consent, by the services' rule, for this youth's rows in memory."""
    if gen.permission_ids is None:
        gen.permission_ids = permission_ids()
    youth = {c.youth_id: (c.holder.id, gen.agency_ids[c.origin_key])}
    members = [(c.youth_id, m.staff.id, m.staff.agency_id) for m in c.members if m.end is None]
    for (youth_id, user_id, codename), windows in desired_windows(
        youth, c.grants, members, gen.today
    ).items():
        for valid_from, valid_until in windows:
            gen.rows.add(
                YouthPermission,
                content_object_id=youth_id,
                user_id=user_id,
                permission_id=gen.permission_ids[codename],
                valid_from=valid_from,
                valid_until=valid_until,
            )
