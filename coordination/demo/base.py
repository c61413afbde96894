"""What the demo builders share: the staff they pick from, and one youth's case while it is told."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pathways.models import CONTACT_KINDS, LogEntry

DEFAULT_SEED = 2024


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


@dataclass(frozen=True)
class RelativeRow:
    id: int
    parental: bool
    language: str
    interpreter: bool


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    seed: int = DEFAULT_SEED


@dataclass
class Case:
    """One youth's story while the builders tell it; each builder reads what the earlier ones set."""

    gen: object
    youth_id: int
    level: int
    age: int
    birth: dt.date
    background: str
    family_surname: object
    ctx: dict[str, str]
    case_start: dt.date
    last_day: dt.date
    closed: bool
    close_day: dt.date | None
    reopen_day: dt.date | None
    preferred: str
    interpreter: bool
    # Set by the team builder.
    origin_key: str = ""
    holder: Staff | None = None
    previous: Staff | None = None
    handover_day: dt.date | None = None
    members: list[Member] = field(default_factory=list)
    relatives: list[RelativeRow] = field(default_factory=list)
    contacts: list[dt.datetime] = field(default_factory=list)
    # (youth_id, agency_id, category, valid_from, expires_on) of sharing consents, for permissions.
    grants: list[tuple] = field(default_factory=list)

    @property
    def span(self) -> int:
        return (self.last_day - self.case_start).days

    @property
    def open_members(self) -> list[Staff]:
        return [m.staff for m in self.members if m.end is None]

    def holder_on(self, day: dt.date) -> Staff:
        return self.previous if self.previous is not None and day < self.handover_day else self.holder

    def author_on(self, day: dt.date) -> Staff:
        rng = self.gen.rng
        if rng.random() < 0.45:
            return self.holder_on(day)
        return rng.choice([m.staff for m in self.members if m.active_on(day)])

    def fmt(self, template: str, **extra: str) -> str:
        return template.format(**self.ctx, **extra)

    def entry(
        self, kind, category: str, text: str, when: dt.datetime, author: Staff, corrects_id=None, late_days=0
    ) -> int:
        """A log entry written by `author` for their agency; returns its id."""
        recorded = when + dt.timedelta(minutes=self.gen.rng.randint(5, 180), days=late_days)
        if kind in CONTACT_KINDS:
            self.contacts.append(when)
        return self.gen.rows.add(
            LogEntry,
            youth_id=self.youth_id,
            kind=kind,
            category=category,
            text=text,
            occurred_at=when,
            author_id=author.id,
            agency_id=author.agency_id,
            recorded_at=recorded,
            corrects_id=corrects_id,
        )
