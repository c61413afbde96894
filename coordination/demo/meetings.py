"""Meetings: past ones with their minutes in the log, an upcoming one for many at levels 2–3, and an
interpreter wherever the youth or an invited relative needs one."""

import datetime as dt

from coordination.demo import names as N
from coordination.demo.base import Case, Staff
from pathways.models import LogEntryKind, Meeting
from pathways.services.meetings import minutes_text

PARTICIPANTS = Meeting.participants.through
MEETING_RELATIVES = Meeting.relatives.through
MEETING_ROOMS = ("møterom 1", "møterom 2", "samtalerom")
PAST_MEETINGS = {0: (0, 0), 1: (0, 1), 2: (1, 2), 3: (2, 4)}
UPCOMING_MEETING_SHARE = {0: 0.0, 1: 0.2, 2: 0.5, 3: 0.7}


def build_meetings(gen, c: Case) -> None:
    rng, today = gen.rng, gen.today
    days = sorted(gen._day_in(c.case_start, c.last_day) for _ in range(rng.randint(*PAST_MEETINGS[c.level])))
    for number, day in enumerate(days):
        title, minutes_template = N.FIRST_MEETING if number == 0 else rng.choice(N.MEETINGS)
        _meeting(gen, c, day, c.holder_on(day), title=title, minutes_template=minutes_template)
    if not c.closed and rng.random() < UPCOMING_MEETING_SHARE[c.level]:
        day = today + dt.timedelta(days=rng.randint(1, 30))
        if c.age == 17:
            title = N.TURNING_18_MEETING
        else:
            title = rng.choice(N.MEETINGS)[0] if days else N.FIRST_MEETING[0]
        _meeting(gen, c, day, c.holder, title=title, minutes_template=None)


def _meeting(gen, c: Case, day: dt.date, chair: Staff, *, title: str, minutes_template: str | None) -> None:
    """A past meeting (with minutes_template) gets its minutes in the log; an upcoming one has none."""
    rng = gen.rng
    active = [m.staff for m in c.members if m.active_on(min(day, gen.today)) and m.staff.id != chair.id]
    participants = [chair, *rng.sample(active, min(len(active), rng.randint(1, 3)))]
    attending = []
    if c.relatives and (c.age < 18 or rng.random() < 0.3) and rng.random() < 0.6:
        attending = [r for r in c.relatives if r.parental] or c.relatives[:1]
    needs_interpreter = c.interpreter
    language = c.preferred if c.interpreter else ""
    for relative in attending:
        if relative.interpreter:
            needs_interpreter = True
            language = language or relative.language
    youth_attends = rng.random() < 0.8
    starts_at = gen._at(day, 9, 14)
    is_digital = rng.random() < 0.25
    room = rng.choice(MEETING_ROOMS)
    location = N.DIGITAL_LOCATION if is_digital else f"{gen.agency_name[chair.agency_id]}, {room}"
    minutes_id = None
    past = minutes_template is not None
    if past:
        names = [p.name for p in participants] + ([c.ctx["navn"]] if youth_attends else [])
        minutes = minutes_template.format(**c.ctx, deltakere=", ".join(names))
        minutes_id = c.entry(LogEntryKind.MEETING, "general", minutes_text(title, minutes), starts_at, chair)
        created_at = starts_at - dt.timedelta(days=rng.randint(3, 20))
    else:
        created_at = gen._at(gen.today - dt.timedelta(days=rng.randint(1, 10)))
    meeting_id = gen.rows.add(
        Meeting,
        youth_id=c.youth_id,
        title=title,
        starts_at=starts_at,
        location=location,
        is_digital=is_digital,
        agenda=rng.choice(N.MEETING_AGENDA).format(**c.ctx),
        youth_attends=youth_attends,
        interpreter_needed=needs_interpreter,
        interpreter_language=language if needs_interpreter else "",
        interpreter_booked=needs_interpreter and (past or rng.random() < 0.5),
        category="general",
        minutes_entry_id=minutes_id,
        created_by_id=chair.id,
        agency_id=chair.agency_id,
        created_at=created_at,
        updated_at=created_at,
    )
    for staff in participants:
        gen.rows.add(PARTICIPANTS, meeting_id=meeting_id, user_id=staff.id)
    for relative in attending:
        gen.rows.add(MEETING_RELATIVES, meeting_id=meeting_id, relative_id=relative.id)
