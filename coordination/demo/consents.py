"""Demo consents, added after the youths: most youths have consented to sharing with their team's
agencies for the categories each sector needs; some consents are partial, withdrawn or refused, a few
sharings rest on a legal duty. Then the object permissions are derived for everyone.

Bulk-inserted with explicit ids, like the rest of the demo, so 50 000 youths take seconds.
"""

import datetime as dt
import random
from collections import defaultdict

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from coordination.models import (
    Consent,
    ConsentEvent,
    ConsentEventScope,
    ConsentGrant,
    Sector,
    TeamMembership,
    Youth,
)
from coordination.services.permissions import youth_permissions_sync_all

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
BATCH = 2000


def _given_by(age: int) -> str:
    return "youth" if age >= 18 else "both"


def seed_consents(seed: int, today: dt.date, youth_ids: list[int] | None = None) -> dict[str, int]:
    rng = random.Random(seed + 7)
    next_id = {
        model: (model._base_manager.aggregate(m=Max("pk"))["m"] or 0) + 1
        for model in (Consent, ConsentEvent, ConsentEventScope, ConsentGrant)
    }
    counts: dict[str, int] = defaultdict(int)
    youths = Youth.objects.order_by("pk")
    if youth_ids is not None:
        youths = youths.filter(pk__in=youth_ids)
    youth_rows = list(youths.values_list("pk", "birth_date", "stafettholder_id", "created_at"))
    for start in range(0, len(youth_rows), BATCH):
        chunk = youth_rows[start : start + BATCH]
        agencies = defaultdict(set)
        for youth_id, agency_id, sector in TeamMembership.objects.filter(
            youth_id__in=[row[0] for row in chunk], ended_on__isnull=True
        ).values_list("youth_id", "agency_id", "agency__sector"):
            agencies[youth_id].add((agency_id, sector))
        buffers: dict[type, list] = {Consent: [], ConsentEvent: [], ConsentEventScope: [], ConsentGrant: []}

        def new(model, buffers=buffers, **fields):
            obj = model(pk=next_id[model], **fields)
            next_id[model] += 1
            buffers[model].append(obj)
            return obj

        for youth_id, birth_date, holder_id, created_at in chunk:
            roll = rng.random()
            if roll < 0.05 or not holder_id:
                continue  # consent not yet discussed: only the originating agency sees the youth
            age = (
                today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))
            )
            scope = {
                (agency_id, category)
                for agency_id, sector in agencies[youth_id]
                for category in ("general", *SECTOR_CATEGORIES.get(sector, ()))
            }
            valid_from = max(created_at.date(), today - dt.timedelta(days=rng.randint(20, 500)))
            state, events = "given", ["requested", "given"]
            if roll < 0.12:
                state, events = "withdrawn", ["requested", "given", "withdrawn"]
            elif roll < 0.16:
                state, events = "refused", ["requested", "refused"]
            elif roll < 0.30:
                scope = {cell for cell in scope if cell[1] not in ("substance_use", "mental_health")} or scope
                state, events = "partly_given", ["requested", "discussed", "partly_given"]
            consent = new(
                Consent,
                youth_id=youth_id,
                basis="consent",
                given_by=_given_by(age) if age >= 16 else "guardians",
                purpose=rng.choice(PURPOSES),
                form=rng.choice(("written", "digital", "oral")),
                valid_from=valid_from,
                review_on=valid_from + dt.timedelta(days=rng.choice((180, 365))),
                expires_on=valid_from + dt.timedelta(days=rng.choice((365, 540, 730)))
                if rng.random() < 0.7
                else None,
                state=state,
                youth_view=rng.choice(YOUTH_WORDS) or ("Ungdommen er hørt og er enig." if age < 16 else ""),
                created_by_id=holder_id,
                created_at=dt.datetime.combine(valid_from, dt.time(10), tzinfo=created_at.tzinfo),
            )
            for offset, kind in enumerate(events):
                event = new(
                    ConsentEvent,
                    consent_id=consent.pk,
                    kind=kind,
                    note="",
                    recorded_by_id=holder_id,
                    recorded_at=dt.datetime.combine(
                        valid_from + dt.timedelta(days=offset * 7), dt.time(11), tzinfo=created_at.tzinfo
                    ),
                )
                if kind in ("given", "partly_given"):
                    for agency_id, category in sorted(scope):
                        new(ConsentEventScope, event_id=event.pk, agency_id=agency_id, category=category)
            if state in ("given", "partly_given"):
                for agency_id, category in sorted(scope):
                    new(ConsentGrant, consent_id=consent.pk, agency_id=agency_id, category=category)
            if rng.random() < 0.03 and agencies[youth_id]:
                # A sharing that rests on the duty to inform child welfare, not on consent.
                legal = new(
                    Consent,
                    youth_id=youth_id,
                    basis="legal_duty",
                    legal_basis="Opplysningsplikt til barnevernet, barnevernsloven § 13-2",
                    given_by="n/a",
                    purpose="Bekymringsmelding ved alvorlig omsorgssvikt",
                    form="written",
                    valid_from=valid_from,
                    state="given",
                    created_by_id=holder_id,
                )
                event = new(ConsentEvent, consent_id=legal.pk, kind="given", recorded_by_id=holder_id)
                for agency_id, sector in sorted(agencies[youth_id]):
                    if sector == Sector.CHILD_WELFARE:
                        new(ConsentEventScope, event_id=event.pk, agency_id=agency_id, category="general")
                        new(ConsentGrant, consent_id=legal.pk, agency_id=agency_id, category="general")
        for model, objs in buffers.items():
            model._base_manager.bulk_create(objs, batch_size=BATCH)
            counts[model._meta.label] += len(objs)
    statements = connection.ops.sequence_reset_sql(
        no_style(), [Consent, ConsentEvent, ConsentEventScope, ConsentGrant]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    youth_permissions_sync_all()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after a bulk load
    return dict(counts)
