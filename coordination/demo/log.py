"""The everyday log: contact, calls, notes, missed appointments followed by outreach, corrections."""

import datetime as dt

from django.conf import settings

from coordination.demo import names as N
from coordination.demo.base import Case
from pathways.calendar import add_working_days
from pathways.models import LogEntryKind, PlannedOutreach

LOG_COUNT = {0: (5, 10), 1: (6, 14), 2: (8, 20), 3: (12, 25)}
MANUAL_KIND_WEIGHTS = (
    (LogEntryKind.CONTACT, 32),
    (LogEntryKind.PHONE, 25),
    (LogEntryKind.NOTE, 15),
    (LogEntryKind.MISSED_APPOINTMENT, 10),
    (LogEntryKind.OUTREACH, 8),
)
KINDS = [kind for kind, _weight in MANUAL_KIND_WEIGHTS]
KIND_WEIGHTS = [weight for _kind, weight in MANUAL_KIND_WEIGHTS]


def build_log(gen, c: Case) -> None:
    rng, today = gen.rng, gen.today
    youth_id, case_start, last_day, closed, members, level = (
        c.youth_id,
        c.case_start,
        c.last_day,
        c.closed,
        c.members,
        c.level,
    )
    author_on, fmt, entry = c.author_on, c.fmt, c.entry
    # The log: 18 months of everyday contact, misses followed by outreach, notes.
    days = sorted(gen._day_in(case_start, last_day) for _ in range(rng.randint(*LOG_COUNT[level])))
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
            kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        texts = N.LOG_TEXTS[kind.value]
        when = gen._at(day)
        entry_id = entry(
            kind, category, fmt(rng.choice(texts.get(category) or texts["general"])), when, author
        )
        if kind == LogEntryKind.MISSED_APPOINTMENT and day < last_day and rng.random() < 0.85:
            follow_day = min(day + dt.timedelta(days=rng.randint(1, 2)), last_day)
            outreach_staff = [
                m.staff for m in members if m.active_on(follow_day) and m.staff.sector == "outreach"
            ]
            follower = rng.choice(outreach_staff) if outreach_staff else author
            # As log_entry_append does: a missed appointment always records who reaches out, by when.
            gen.rows.add(
                PlannedOutreach,
                missed_entry_id=entry_id,
                youth_id=youth_id,
                responsible_id=follower.id,
                planned_for=add_working_days(day, settings.REMINDER_OUTREACH_WORKING_DAYS),
                created_by_id=author.id,
                created_at=when,
            )
            entry(
                LogEntryKind.OUTREACH,
                category,
                fmt(rng.choice(N.LOG_TEXTS["outreach_after_missed"]["general"])),
                gen._at(follow_day, 9, 19),
                follower,
            )
        elif kind in (LogEntryKind.CONTACT, LogEntryKind.NOTE) and day < today - dt.timedelta(days=5):
            if rng.random() < 0.015:
                entry(
                    LogEntryKind.NOTE,
                    category,
                    rng.choice(N.CORRECTIONS),
                    when,
                    author,
                    corrects_id=entry_id,
                    late_days=rng.randint(1, 3) + 1,  # recorded days after the entry it corrects
                )
