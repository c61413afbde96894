"""The generative confidentiality test: random cases, every person, every page, against an oracle.

Hypothesis draws a world: agencies, a youth with a team (and a second youth held elsewhere), consents
with gaps, expiries, withdrawals and category scopes, content of every kind and category written by
the members (log entries and corrections, goals, actions, evaluations, meetings with agenda and minutes,
level-change reasons, transitions, relatives, consent purposes, case decisions, a handover's note),
entries kept from the youth, a member who moves to another agency, a member who leaves the team,
emergency access, and the reminder sweep weeks on (with a reminder about each youth to everyone). It is
built through the services at a frozen time. Every text carries a unique token, and so does each
youth's first name (that a youth exists is itself confidential), so it can be found in HTML.

Then every person (staff of each agency, on and off the team, a team lead, the youth, a guardian) opens
every page of both youths and their own lists (overview, plan, log, meetings, transitions, levels,
team, consents, access log, Mine ungdommer, Min dag, the inbox and its badge, the team lead's pages,
the youth's /min/ pages). Every token on a page must be allowed by the oracle below, written in plain
Python from the README's "Who sees what" (it never calls the product's access code); and on the pages
that list a kind of content in full, every token the oracle allows must be there.

Bounded and seeded for the suite; `STAFETT_HYPOTHESIS_EXAMPLES=500` runs a long exploration.
"""

import datetime
import html
import itertools
import os
import re
from dataclasses import dataclass, field

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination.models import Relative, RelativeSharing, Sector, TeamMembership
from coordination.services.consents import consent_event_record, consent_record
from coordination.services.emergency import emergency_access_start
from coordination.services.handovers import handover_request
from coordination.services.team import relative_add, team_member_end
from coordination.services.youths import case_close, case_reopen
from pathways import sweep
from pathways.models import Lapse, LogEntry, Reminder, ReminderRule, ReminderStep
from pathways.services.levels import level_change
from pathways.services.log import log_entry_append, log_entry_correct
from pathways.services.meetings import meeting_create, meeting_record_minutes
from pathways.services.plan import action_create, evaluation_create, goal_create
from pathways.services.transitions import transition_create
from pathways.services.voice import entry_withhold
from tests import factories
from tests.conftest import verify_second_factor
from tests.pathways.test_my_stafett import sign_in, youth_account

EXAMPLES = int(os.environ.get("STAFETT_HYPOTHESIS_EXAMPLES", "15"))
OSLO = datetime.timezone(datetime.timedelta(hours=1))
NOW = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=OSLO)
TODAY = NOW.date()
CATEGORIES = ("general", "school", "health", "mental_health", "substance_use", "child_welfare", "nav")
HEALTH = {"health", "mental_health", "substance_use"}
TOKEN = re.compile(r"QX\d{5}QX")
# Kinds of content, and the part of a youth's record a relative may be given (README rule 9).
PLAN, MEETINGS, TRANSITIONS, LOG, OTHER, CONSENT = (
    "plan",
    "meetings",
    "transitions",
    "log",
    "other",
    "consent",
)


# --- the world, as the oracle knows it --------------------------------------------------------------


@dataclass
class Text:
    token: str
    youth: str  # "y" or "z"
    # goal, action, evaluation, entry, minutes, meeting, level, transition, relative, purpose; or the
    # youth's name (not content, but that the youth exists: README rules 1, 5, 6)
    kind: str
    category: str
    agency: str  # the agency it was written for ("A", "B", "C")
    part: str
    withheld: bool = False
    goal: "Text | None" = None  # an action's goal


@dataclass
class ConsentFact:
    youth: str
    scope: set  # {(agency, category)}
    start: datetime.date
    end: datetime.date | None
    sharing: bool


@dataclass
class World:
    agency_of: dict  # person -> agency letter now
    team: dict  # youth -> set of people with an active membership
    holder: dict  # youth -> person
    origin: dict  # youth -> agency letter
    consents: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    emergency: set = field(default_factory=set)  # (person, youth)
    youth_age: int = 16
    guardian_kept: set = field(default_factory=set)
    guardian_sharing: dict | None = None
    handover_to: str | None = None  # who the stafettholder asked to take the baton (pending)


def covered(world: World, youth: str, agency: str) -> set[str]:
    """README rule 2: the categories consents cover today for an agency (a gap covers nothing)."""
    cats = set()
    for consent in world.consents:
        runs = consent.start <= TODAY and (consent.end is None or consent.end >= TODAY)
        if consent.youth == youth and consent.sharing and runs:
            cats |= {category for where, category in consent.scope if where == agency}
    return cats


def staff_sees_youth(world: World, person: str, youth: str) -> bool:
    """README rule 1 (and 4: emergency access for a team member)."""
    if person not in world.team[youth]:
        return False
    if (person, youth) in world.emergency:
        return True
    agency = world.agency_of[person]
    return (
        person == world.holder[youth] or agency == world.origin[youth] or bool(covered(world, youth, agency))
    )


def staff_sees_text(world: World, person: str, text: Text) -> bool:
    """README rule 3: a covered category, or written for the person's agency (now); consent texts
    only for those who manage consent (the stafettholder). A youth's name (rules 1, 5 and 6): those
    who see the youth, and the team lead of an agency on the youth's team (the holder's agency A is
    on both teams), who also gets the escalations about the holder's youths."""
    if text.kind == "name":
        return person == "lead" or staff_sees_youth(world, person, text.youth)
    if not staff_sees_youth(world, person, text.youth):
        return False
    if text.kind == "purpose":
        return person == world.holder[text.youth]
    if text.kind == "handover":
        return person in (world.holder[text.youth], world.handover_to)
    if (person, text.youth) in world.emergency:
        return True
    agency = world.agency_of[person]
    return text.category in covered(world, text.youth, agency) or text.agency == agency


def youth_sees_text(world: World, text: Text) -> bool:
    """README rule 9: everything about themselves except entries kept from them (and corrections)."""
    return text.youth == "y" and not text.withheld


def guardian_view(world: World) -> tuple[set[str], set[str]]:
    """README rule 9: the parts and categories the youth's guardian sees."""
    if world.youth_age < 16:
        return {PLAN, MEETINGS, TRANSITIONS}, set(CATEGORIES) - world.guardian_kept
    sharing = world.guardian_sharing
    if sharing is None:
        return set(), set()
    parts = {part for part in (PLAN, MEETINGS, TRANSITIONS) if sharing[part]}
    return parts, set(CATEGORIES) if sharing["health"] else set(CATEGORIES) - HEALTH


def guardian_sees_text(world: World, text: Text) -> bool:
    if text.kind == "name":
        return text.youth == "y"
    parts, categories = guardian_view(world)
    if text.youth != "y" or text.category not in categories:
        return False
    # Relatives invited to a meeting are named with the meeting.
    return text.part in parts or (text.kind == "relative" and MEETINGS in parts)


# --- drawing a world --------------------------------------------------------------------------------

PEOPLE = ("holder", "b", "c", "mover")  # on y's team (holder always); "d" outside, "lead" leads A
CONTENT_KINDS = (
    "entry",
    "goal",
    "meeting",
    "level",
    "transition",
    "relative",
    "correction",
    "evaluation",
    "decision",
)

consent_spec = st.fixed_dictionaries(
    {
        "scope": st.sets(
            st.tuples(st.sampled_from("ABC"), st.sampled_from(CATEGORIES)), min_size=1, max_size=6
        ),
        "start": st.sampled_from([-400, -60, -10, 0, 5]),
        "length": st.sampled_from([None, 3, 30, 200]),
        "then": st.sampled_from(
            ["given", "given", "partly_given", "withdrawn", "expired", "refused", "discussed"]
        ),
    }
)
content_spec = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(CONTENT_KINDS),
        "author": st.sampled_from(PEOPLE),
        "category": st.sampled_from(CATEGORIES),
        "withheld": st.booleans(),
    }
)
world_spec = st.fixed_dictionaries(
    {
        "members": st.sets(st.sampled_from(PEOPLE[1:])),
        "consents": st.lists(consent_spec, max_size=3),
        "content": st.lists(content_spec, min_size=1, max_size=9),
        "mover_moves": st.booleans(),
        "c_leaves": st.booleans(),
        "emergency": st.sampled_from([None, "b", "c", "mover"]),
        "handover_to": st.sampled_from([None, "b", "c", "mover"]),
        "age": st.sampled_from([14, 17]),
        "kept": st.sets(st.sampled_from(CATEGORIES), max_size=3),
        "sharing": st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    PLAN: st.booleans(),
                    MEETINGS: st.booleans(),
                    TRANSITIONS: st.booleans(),
                    "health": st.booleans(),
                }
            ),
        ),
    }
)


class Builder:
    """Builds the drawn world through the services, recording what the oracle needs to know."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.tokens = (f"QX{n:05d}QX" for n in itertools.count(1))
        self.agencies = {
            "A": factories.agency(sector=Sector.CHILD_WELFARE),
            "B": factories.agency(sector=Sector.SCHOOL),
            "C": factories.agency(sector=Sector.PHBU_BUP),
            "D": factories.agency(sector=Sector.NAV),
        }
        letter = {"holder": "A", "b": "B", "c": "C", "mover": "B", "d": "D", "lead": "A", "zholder": "B"}
        self.users = {
            person: factories.staff(agency=self.agencies[agency], is_team_lead=person == "lead")
            for person, agency in letter.items()
        }
        born = TODAY.replace(year=TODAY.year - spec["age"]) - datetime.timedelta(days=30)
        # Each youth's first name carries a token: wherever it is printed, the oracle must allow it.
        names = {"y": Text(self.token(), "y", "name", "general", "A", OTHER)}
        names["z"] = Text(self.token(), "z", "name", "general", "B", OTHER)
        self.youths = {
            key: factories.youth(holder=self.users[holder], birth_date=born, first_name=names[key].token)
            for key, holder in (("y", "holder"), ("z", "zholder"))
        }
        self.world = World(
            agency_of=dict(letter),
            team={"y": {"holder"}, "z": {"zholder", "holder"}},
            holder={"y": "holder", "z": "zholder"},
            origin={"y": "A", "z": "B"},
            youth_age=spec["age"],
        )
        self.names = names
        self.world.texts += names.values()
        factories.add_member(self.youths["z"], self.users["holder"])
        for person in sorted(spec["members"]):
            factories.add_member(self.youths["y"], self.users[person])
            self.world.team["y"].add(person)
        self.entries: list[tuple[object, Text, str]] = []  # (LogEntry, Text, author)
        self.actions: list = []

    def token(self) -> str:
        return next(self.tokens)

    def text(self, youth: str, kind: str, category: str, author: str, part: str, **extra) -> Text:
        text = Text(self.token(), youth, kind, category, self.world.agency_of[author], part, **extra)
        self.world.texts.append(text)
        return text

    def build(self) -> World:
        for spec in self.spec["consents"]:
            self.consent(spec)
        for spec in self.spec["content"]:
            author = spec["author"] if spec["author"] in self.world.team["y"] else "holder"
            getattr(self, f"write_{spec['kind']}")(author, spec["category"], spec["withheld"])
        self.write_entry("zholder", "general", False, youth="z")
        self.write_goal("zholder", "general", False, youth="z")
        self.after()
        self.log_count = LogEntry.objects.filter(youth=self.youths["y"]).count()
        return self.world

    # consents ------------------------------------------------------------------------------------

    def consent(self, spec: dict) -> None:
        start = TODAY + datetime.timedelta(days=spec["start"])
        end = None if spec["length"] is None else start + datetime.timedelta(days=spec["length"])
        opening = spec["then"] if spec["then"] in ("discussed", "refused") else "given"
        purpose = self.text("y", "purpose", "general", "holder", CONSENT)
        scope = {(self.agencies[agency].pk, category) for agency, category in spec["scope"]}
        consent = consent_record(
            actor=self.users["holder"],
            youth=self.youths["y"],
            event_kind=opening,
            basis="consent",
            given_by="both",
            purpose=f"Samarbeid {purpose.token}",
            form="written",
            valid_from=start,
            review_on=None,
            expires_on=end,
            scope=scope,
            youth_view="Greit for meg.",
        )
        then = spec["then"]
        if then == "partly_given" and len(scope) > 1:
            consent_event_record(
                actor=self.users["holder"], consent=consent, kind="narrowed", scope=set(sorted(scope)[1:])
            )
            spec["scope"] = {
                (agency, category)
                for agency, category in spec["scope"]
                if (self.agencies[agency].pk, category) in set(sorted(scope)[1:])
            }
        elif then in ("withdrawn", "expired"):
            consent_event_record(actor=self.users["holder"], consent=consent, kind=then)
        sharing = then in ("given", "partly_given")
        self.world.consents.append(ConsentFact("y", set(spec["scope"]), start, end, sharing))

    # content -------------------------------------------------------------------------------------

    def write_entry(self, author, category, withheld, youth="y"):
        text = self.text(youth, "entry", category, author, LOG, withheld=withheld and youth == "y")
        entry = log_entry_append(
            actor=self.users[author],
            youth=self.youths[youth],
            kind="contact",
            text=f"Samtale {text.token}",
            occurred_at=NOW - datetime.timedelta(hours=len(self.entries) + 1),
            category=category,
        )
        if text.withheld:
            entry_withhold(actor=self.users[author], entry=entry, reason="third_party")
        self.entries.append((entry, text, author))

    def write_correction(self, author, category, withheld):
        if not self.entries or self.entries[-1][1].youth != "y":
            return self.write_entry(author, category, withheld)
        entry, original, writer = self.entries[-1]
        # A correction is written for the agency of what it corrects, in its category.
        text = Text(
            self.token(), "y", "entry", original.category, original.agency, LOG, withheld=original.withheld
        )
        self.world.texts.append(text)
        log_entry_correct(actor=self.users[writer], original=entry, text=f"Rettet {text.token}")

    def write_goal(self, author, category, withheld, youth="y"):
        goal_text = self.text(youth, "goal", category, author, PLAN)
        goal = goal_create(
            actor=self.users[author],
            youth=self.youths[youth],
            kind="school_work",
            description=f"Mål {goal_text.token}",
            category=category,
        )
        if youth == "z":
            return
        # An action of another category under it, by the same writer.
        action_category = CATEGORIES[(CATEGORIES.index(category) + 1) % len(CATEGORIES)]
        action_text = self.text("y", "action", action_category, author, PLAN, goal=goal_text)
        action = action_create(
            actor=self.users[author],
            goal=goal,
            description=f"Tiltak {action_text.token}",
            responsible=self.users[author],
            evaluator=self.users[author],
            start_date=TODAY - datetime.timedelta(days=20),
            evaluation_date=TODAY + datetime.timedelta(days=5),
            category=action_category,
        )
        self.actions.append((action, action_text))

    def write_evaluation(self, author, category, withheld):
        if not self.actions:
            return self.write_goal(author, category, withheld)
        action, action_text = self.actions[-1]
        # An evaluation has its action's category; written for the evaluator's agency.
        assessment = self.text("y", "evaluation", action_text.category, author, PLAN)
        view = self.text("y", "evaluation", action_text.category, author, PLAN)
        evaluation_create(
            actor=self.users[author],
            action=action,
            outcome="partly",
            assessment=f"Vurdering {assessment.token}",
            youth_view=f"Syn {view.token}",
            next_step="continue",
            next_evaluation_date=TODAY + datetime.timedelta(days=30),
        )

    def write_meeting(self, author, category, withheld):
        title, place, agenda, minutes = (
            self.text("y", "meeting", category, author, MEETINGS) for _ in range(4)
        )
        minutes.kind, minutes.part = "minutes", LOG
        past = withheld  # a held meeting with minutes, or one ahead
        meeting = meeting_create(
            actor=self.users[author],
            youth=self.youths["y"],
            participants=[self.users[author]],
            relatives=[],
            title=f"Møte {title.token}",
            starts_at=NOW + datetime.timedelta(days=-2 if past else 3),
            location=f"Rom {place.token}",
            agenda=f"Agenda {agenda.token}",
            category=category,
        )
        if past:
            meeting_record_minutes(
                actor=self.users[author], meeting=meeting, minutes=f"Referat {minutes.token}"
            )
        else:
            self.world.texts.remove(minutes)

    def write_level(self, author, category, withheld):
        text = self.text("y", "level", category, author, OTHER)
        youth = self.youths["y"]
        youth.refresh_from_db()
        level_change(
            actor=self.users[author],
            youth=youth,
            to_level=(youth.bti_level + 1) % 4,
            reason=f"Grunn {text.token}",
            category=category,
        )

    def write_transition(self, author, category, withheld):
        source, target, note = (self.text("y", "transition", category, author, TRANSITIONS) for _ in range(3))
        transition_create(
            actor=self.users[author],
            youth=self.youths["y"],
            responsible=self.users[author],
            kind="admission",
            from_service=f"Fra {source.token}",
            to_service=f"Til {target.token}",
            note=f"Notat {note.token}",
            planned_date=TODAY + datetime.timedelta(days=10),
            category=category,
        )

    def write_relative(self, author, category, withheld):
        name, relation = (self.text("y", "relative", category, author, OTHER) for _ in range(2))
        relative_add(
            actor=self.users[author],
            youth=self.youths["y"],
            name=f"Navn {name.token}",
            relation=f"Rel {relation.token}",
            has_parental_responsibility=False,
            category=category,
        )

    def write_decision(self, author, category, withheld):
        """The stafettholder closes the case and opens it again: two case decisions of the drawn
        category, written for the holder's agency, each repeated in the log."""
        youth = self.youths["y"]
        close, view, reopen = (self.text("y", "decision", category, "holder", OTHER) for _ in range(3))
        case_close(
            actor=self.users["holder"],
            youth=youth,
            reason="goals_reached",
            explanation=f"Avslutning {close.token}",
            youth_view=f"Mitt syn {view.token}",
            category=category,
        )
        case_reopen(
            actor=self.users["holder"],
            youth=youth,
            explanation=f"Gjenåpning {reopen.token}",
            category=category,
        )

    # what happens after ----------------------------------------------------------------------------

    def after(self):
        spec, world = self.spec, self.world
        # A first sweep before anyone moves or leaves: their reminders must go with their access.
        sweep.run(now=NOW + datetime.timedelta(days=12))
        self.handover = None
        target = spec["handover_to"]
        if target is not None and target in world.team["y"]:
            # README rule 3: a handover note is seen by the two people it is between.
            note = self.text("y", "handover", "general", "holder", OTHER)
            self.handover = handover_request(
                actor=self.users["holder"],
                youth=self.youths["y"],
                to_user=self.users[target],
                note=f"Overlevering {note.token}",
            )
            world.handover_to = target
        if spec["mover_moves"]:
            mover = self.users["mover"]
            mover.agency = self.agencies["C"]
            mover.save()
            world.agency_of["mover"] = "C"
        if spec["c_leaves"] and "c" in world.team["y"]:
            membership = TeamMembership.objects.get(
                youth=self.youths["y"], user=self.users["c"], ended_on__isnull=True
            )
            team_member_end(actor=self.users["c"], youth=self.youths["y"], membership=membership)
            world.team["y"].discard("c")
        person = spec["emergency"]
        if person is not None and person in world.team["y"]:
            emergency_access_start(
                actor=self.users[person], youth=self.youths["y"], reason="Akutt bekymring for Sara"
            )
            world.emergency.add((person, "y"))
        # The reminder sweep, as it runs days and weeks on: evaluations fall due, contact lapses, and
        # reminders escalate to the stafettholder and the team leads (README rule 6). The pages are
        # read today; the inbox keeps what the reader may still see.
        for days in (40, 90):
            sweep.run(now=NOW + datetime.timedelta(days=days))
        # And a reminder about each youth to every staff member, as if sent while they could still see
        # it: the inbox must keep exactly those about youths the recipient sees today (rule 6).
        for youth in self.youths.values():
            lapse = Lapse.objects.create(
                rule=ReminderRule.NO_CONTACT,
                youth=youth,
                subject_id=youth.pk,
                reference_date=TODAY - datetime.timedelta(days=999),  # no occurrence the sweep has
                due_on=TODAY - datetime.timedelta(days=30),
            )
            for person in STAFF:
                Reminder.objects.get_or_create(
                    lapse=lapse, recipient=self.users[person], defaults={"step": ReminderStep.RESPONSIBLE}
                )
        youth = self.youths["y"]
        self.youth_user = youth_account(youth)
        self.guardian = Relative.objects.create(
            youth=youth,
            name="Mor Ung",
            relation="Mor",
            has_parental_responsibility=True,
            agency=self.agencies["A"],
            account=factories.staff(agency=None, kind="relative"),
        )
        world.guardian_kept = set(spec["kept"]) if spec["age"] < 16 else set()
        world.guardian_sharing = spec["sharing"] if spec["age"] >= 16 else None
        sharing = spec["sharing"] or {}
        if spec["age"] < 16 or spec["sharing"] is not None:
            RelativeSharing.objects.create(
                relative=self.guardian,
                plan=sharing.get(PLAN, False),
                meetings=sharing.get(MEETINGS, False),
                transitions=sharing.get(TRANSITIONS, False),
                include_health=sharing.get("health", False),
                kept_back=sorted(world.guardian_kept),
            )


# --- reading the pages ------------------------------------------------------------------------------

YOUTH_PAGES = ("", "plan/", "logg/", "moter/", "overganger/", "niva/", "team/", "samtykke/", "tilgangslogg/")
OWN_PAGES = ("/ungdommer/", "/min-dag/", "/innboks/", "/stafetter/", "/eskaleringer/", "/teamleder/")
BADGE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "unread-badge"}
CITIZEN_PAGES = ("/min/", "/min/logg/", "/min/samtykker/", "/min/innsyn/", "/min/skriv/")


def _tokens(response) -> set[str]:
    return set(TOKEN.findall(html.unescape(response.content.decode())))


def _expect(world: World, page: str, allowed: set[str], shown: set[str], who: str) -> None:
    leaked = shown - allowed
    assert not leaked, (
        f"{who} reads {sorted(leaked)} on {page}: {[t for t in world.texts if t.token in leaked]}"
    )


def _complete(world: World, page: str, shown: set[str], must: set[str], who: str) -> None:
    missing = must - shown
    assert not missing, (
        f"{who} misses {sorted(missing)} on {page}: {[t for t in world.texts if t.token in missing]}"
    )


def _staff_listed(world: World, path: str, person: str, youth: str, allowed: set[str]) -> set[str]:
    """What a page that lists a kind of content in full must show (README: be precise per page)."""
    texts = [t for t in world.texts if t.youth == youth and t.token in allowed]
    by_page = {
        "plan/": lambda t: t.kind == "goal" or (t.kind == "action" and t.goal.token in allowed),
        "logg/": lambda t: t.kind in ("entry", "minutes"),
        "moter/": lambda t: t.kind in ("meeting", "minutes"),
        "niva/": lambda t: t.kind == "level",
        "team/": lambda t: t.kind == "relative",
        "samtykke/": lambda t: t.kind == "purpose",
    }
    if path.startswith("stafett/"):
        # The answer page of a handover shows its note to the one asked (and answers 404 to the rest).
        return {t.token for t in texts if t.kind == "handover" and person == world.handover_to}
    if path == "overganger/":
        # The table shows where from and where to (the note is on the overview and the youth's page).
        ordered = [t for t in world.texts if t.kind == "transition" and t.youth == youth]
        return {t.token for i, t in enumerate(ordered) if i % 3 != 2 and t.token in allowed}
    rule = by_page.get(path)
    return {t.token for t in texts if rule(t)} if rule else set()


STAFF = ("holder", "b", "c", "mover", "d", "lead")
# In the suite each example reads a drawn share of the pages (all of them over the examples); the long
# run on demand reads every page for every person in every example.
EVERY_PAGE = "STAFETT_HYPOTHESIS_EXAMPLES" in os.environ
look_spec = st.fixed_dictionaries(
    {
        "people": st.lists(st.sampled_from(STAFF), min_size=3, max_size=3, unique=True),
        "pages": st.lists(st.sampled_from(YOUTH_PAGES[1:]), min_size=3, max_size=3, unique=True),
        "own": st.lists(st.sampled_from(OWN_PAGES), min_size=2, max_size=2, unique=True),
        "citizen": st.sampled_from(["the youth", "the guardian"]),
    }
)
EVERYTHING = {"people": STAFF, "pages": YOUTH_PAGES[1:], "own": OWN_PAGES, "citizen": None}


def check_world(builder: Builder, look: dict) -> None:
    world = builder.world
    client = Client()
    for person in look["people"]:
        user = builder.users[person]
        client.force_login(user)
        verify_second_factor(client, user)
        who = f"{person} ({world.agency_of[person]})"
        everything = {t.token for t in world.texts if staff_sees_text(world, person, t)}
        for youth_key, youth in builder.youths.items():
            allowed = {
                t.token for t in world.texts if t.youth == youth_key and staff_sees_text(world, person, t)
            }
            sees = staff_sees_youth(world, person, youth_key)
            paths = ("", *look["pages"]) if youth_key == "y" else ("", "logg/")
            if youth_key == "y" and builder.handover is not None:
                paths += (f"stafett/{builder.handover.pk}/svar/",)
            for path in paths:
                url = f"/ungdommer/{youth.pk}/{path}"
                response = client.get(url)
                assert response.status_code != 500
                if path == "":
                    assert (response.status_code == 200) == sees, f"{who} on {url}: {response.status_code}"
                if response.status_code != 200:
                    assert response.status_code in (403, 404), (url, response.status_code)
                    continue
                shown = _tokens(response)
                _expect(world, url, allowed, shown, who)
                if youth_key == "y" and not (path == "logg/" and builder.log_count > 30):
                    _complete(world, url, shown, _staff_listed(world, path, person, youth_key, allowed), who)
        # The team lead's pages are facts, never content: names at most.
        names = {t.token for t in world.texts if t.kind == "name" and staff_sees_text(world, person, t)}
        for url in dict.fromkeys(("/innboks/", *look["own"])):  # the inbox always: reminders are in it
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
            shown = _tokens(response)
            _expect(world, url, everything if url != "/teamleder/" else names, shown, who)
            if url == "/innboks/":
                # Completeness: a reminder about a youth the reader sees is in their inbox.
                for key, youth in builder.youths.items():
                    reminded = Reminder.objects.filter(recipient=user, lapse__youth=youth).exists()
                    if reminded and staff_sees_youth(world, person, key):
                        _complete(world, url, shown, {builder.names[key].token}, who)
            if url == "/teamleder/" and response.status_code == 200:
                for link in sorted(
                    set(re.findall(r'href="(/teamleder/liste/[^"]+)"', response.content.decode()))
                ):
                    listed = client.get(html.unescape(link))
                    assert listed.status_code in (200, 404)
                    _expect(world, link, names, _tokens(listed), who)
        _expect(world, "the badge", set(), _tokens(client.get("/innboks/", **BADGE)), who)
        client.logout()
    # The youth and their guardian on their own pages.
    for who, account, sees in (
        ("the youth", builder.youth_user, lambda t: youth_sees_text(world, t)),
        ("the guardian", builder.guardian.account, lambda t: guardian_sees_text(world, t)),
    ):
        if look["citizen"] not in (None, who):
            continue
        account.phone = account.phone or "+4790000001"
        account.language_chosen = True
        account.save()
        sign_in(client, account)
        allowed = {t.token for t in world.texts if sees(t)}
        for url in CITIZEN_PAGES:
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
            if response.status_code == 200:
                shown = _tokens(response)
                _expect(world, url, allowed, shown, who)
                if url == "/min/":
                    must = {t.token for t in world.texts if t.kind == "goal" and t.token in allowed}
                    _complete(world, url, shown, must, who)
                if url == "/min/logg/":  # the youth's own page (404 for a relative)
                    must = {t.token for t in world.texts if t.kind == "entry" and t.token in allowed}
                    _complete(world, url, shown, must, who)
        client.logout()


@pytest.mark.django_db(transaction=False)
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(spec=world_spec, look=st.just(EVERYTHING) if EVERY_PAGE else look_spec)
def test_every_page_shows_exactly_what_the_rules_allow(spec, look):
    with time_machine.travel(NOW, tick=False), transaction.atomic():
        builder = Builder(spec)
        builder.build()
        try:
            check_world(builder, look)
        finally:
            transaction.set_rollback(True)
