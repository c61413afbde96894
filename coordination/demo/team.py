"""The team around a youth, the baton (stafettholder periods and handovers) and the relatives."""

import datetime as dt

from coordination.demo import names as N
from coordination.demo.base import Case, Member, RelativeRow
from coordination.demo.people import ascii_slug, surname
from coordination.models import (
    Handover,
    HandoverStatus,
    InformationCategory,
    Relative,
    StafettholderPeriod,
    TeamMembership,
)
from coordination.services.handovers import handover_accepted_text
from pathways.models import LogEntryKind

TEAM_SIZE = {0: (2, 3), 1: (2, 3), 2: (3, 4), 3: (4, 5)}
INTERPRETER_SHARE = {"se": 0.3, "en": 0.15}


def build_team(gen, c: Case) -> None:
    """Members (the holder always among them), holder periods, accepted, declined and pending handovers."""
    rng, today = gen.rng, gen.today
    youth_id, level, case_start, last_day, span, closed = (
        c.youth_id,
        c.level,
        c.case_start,
        c.last_day,
        c.span,
        c.closed,
    )
    # Team and baton history.
    origin_key = rng.choices(gen.agency_keys, cum_weights=gen.origin_cum)[0]
    holder = gen._pick_holder(origin_key)
    gen.caseload[holder.id] += 1
    previous = None
    if span >= 60 and rng.random() < 0.22:
        candidate = gen._pick_holder(origin_key)
        if candidate.id != holder.id:
            previous = candidate
    handover_day = gen._day_in(case_start + dt.timedelta(days=21), last_day - dt.timedelta(days=7))
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
        staff = gen._pick_member(level, exclude, used_agencies)
        if staff is None:
            break
        start = gen._day_in(case_start, case_start + dt.timedelta(days=span // 3))
        end = None
        if rng.random() < 0.15:
            candidate_end = start + dt.timedelta(days=rng.randint(30, 200))
            end = candidate_end if candidate_end < last_day else None
        members.append(Member(staff, start, end))
        roles.append(rng.choice(N.TEAM_ROLES[staff.sector]))
        exclude.add(staff.id)
        used_agencies.add(staff.agency_key)
    for member, role in zip(members, roles, strict=True):
        gen.rows.add(
            TeamMembership,
            youth_id=youth_id,
            user_id=member.staff.id,
            agency_id=member.staff.agency_id,
            role=role,
            started_on=member.start,
            ended_on=member.end,
        )
    c.origin_key, c.holder, c.previous, c.handover_day, c.members = (
        origin_key,
        holder,
        previous,
        handover_day,
        members,
    )
    open_members = c.open_members
    holder_on, fmt, entry = c.holder_on, c.fmt, c.entry

    # Stafettholder periods and handovers.
    if previous:
        handed_at = gen._at(handover_day)
        gen.rows.add(
            StafettholderPeriod,
            youth_id=youth_id,
            user_id=previous.id,
            started_at=gen._at(case_start),
            ended_at=handed_at,
        )
        gen.rows.add(
            StafettholderPeriod,
            youth_id=youth_id,
            user_id=holder.id,
            started_at=handed_at,
        )
        gen.rows.add(
            Handover,
            youth_id=youth_id,
            from_user_id=previous.id,
            to_user_id=holder.id,
            note=fmt(rng.choice(N.HANDOVER_NOTES)),
            status=HandoverStatus.ACCEPTED,
            requested_at=handed_at - dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5)),
            responded_at=handed_at,
            response_note=fmt(rng.choice(N.HANDOVER_ACCEPT_NOTES)),
        )
        entry(
            LogEntryKind.HANDOVER,
            "general",
            handover_accepted_text(holder.name),
            handed_at,
            holder,
        )
    else:
        gen.rows.add(
            StafettholderPeriod,
            youth_id=youth_id,
            user_id=holder.id,
            started_at=gen._at(case_start),
        )
    others = [s for s in open_members if s.id != holder.id]
    if not closed and rng.random() < 0.02 and others and span > 10:
        asked = gen._day_in(case_start, last_day - dt.timedelta(days=4))
        asked_at = gen._at(asked)
        asker = holder_on(asked)
        gen.rows.add(
            Handover,
            youth_id=youth_id,
            from_user_id=asker.id,
            to_user_id=rng.choice([s for s in others if s.id != asker.id] or [holder]).id,
            note=fmt(rng.choice(N.HANDOVER_NOTES)),
            status=HandoverStatus.DECLINED,
            requested_at=asked_at,
            responded_at=asked_at + dt.timedelta(days=rng.randint(1, 3)),
            response_note=fmt(rng.choice(N.HANDOVER_DECLINE_NOTES)),
        )
    if not closed and rng.random() < 0.03:
        receiver = rng.choice(others) if others and rng.random() < 0.7 else gen._pick_holder(origin_key)
        if receiver.id != holder.id:
            gen.rows.add(
                Handover,
                youth_id=youth_id,
                from_user_id=holder.id,
                to_user_id=receiver.id,
                note=fmt(rng.choice(N.HANDOVER_NOTES)),
                status=HandoverStatus.PENDING,
                requested_at=gen._at(today - dt.timedelta(days=rng.randint(1, 8))),
            )


def build_relatives(gen, c: Case) -> None:
    """Parents or a guardian for minors, partners and friends for adults, in their own language."""
    rng = gen.rng
    youth_id, age, background, family_surname, case_start = (
        c.youth_id,
        c.age,
        c.background,
        c.family_surname,
        c.case_start,
    )
    # Relatives.

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
        relative_id = gen.rows.add(
            Relative,
            youth_id=youth_id,
            name=f"{rel_first} {rel_last}",
            relation=relation,
            has_parental_responsibility=parental,
            phone=gen._phone(),
            email=f"{ascii_slug(rel_first)}.{ascii_slug(rel_last)}@epost.example"
            if rng.random() < 0.5
            else "",
            preferred_language=rel_language,
            interpreter_needed=rel_interpreter,
            agency_id=c.holder_on(case_start).agency_id,
            category=InformationCategory.GENERAL,
        )
        c.relatives.append(RelativeRow(relative_id, parental, rel_language, rel_interpreter))

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
