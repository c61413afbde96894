"""The demo's well-known logins: one for every kind of user, the same whatever the seed.

Staff sign in at /logg-inn/ with the demo password (the embedded demo has the second factor off).
Youths and relatives sign in at /min/logg-inn/ with a one-time code sent to their mobile number or
e-mail; in the demo the SMS or e-mail is printed in the server's console (the SMS and e-mail
backends of the embedded default), and the code is also shown on the page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from coordination.demo.agencies import AGENCY_BY_KEY

DEMO_PASSWORD = "stafett-demo"  # noqa: S105 - the documented password of fictional demo users


@dataclass(frozen=True)
class FixedUser:
    username: str
    first_name: str
    last_name: str
    agency_key: str | None
    job_title: str
    description: str
    is_team_lead: bool = False
    is_municipality_admin: bool = False
    is_planner: bool = False

    @property
    def is_caseworker(self) -> bool:
        """Works with youths (holds batons, sits on teams); administrators and planners do not."""
        return not (self.is_municipality_admin or self.is_planner) and self.agency_key is not None


FIXED_USERS = (
    FixedUser(
        "kari.nordmann",
        "Kari",
        "Nordmann",
        "bv_trd",
        "Barnevernspedagog",
        "Caseworker (child welfare): stafettholder for many youths, Amira's among them",
    ),
    FixedUser(
        "ola.hansen",
        "Ola",
        "Hansen",
        "ute",
        "Miljøarbeider",
        "Caseworker (outreach): on many teams, holds a few batons",
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
        "Team lead of child welfare: dashboards, staff, emergency-access review",
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
    # Both belong to a Trondheim agency: the agency's municipality is the one they administer/count.
    FixedUser(
        "kommune.admin",
        "Sigrid",
        "Hoel",
        "ungdomsteam",
        "Rådgiver, kommunedirektørens fagstab",
        "Municipality administrator of Trondheim (/kommune/): agencies and their team leads",
        is_municipality_admin=True,
    ),
    FixedUser(
        "planlegger",
        "Halvor",
        "Moen",
        "ungdomsteam",
        "Analyserådgiver",
        "Planner: statistics for Trondheim (/statistikk/), counts only",
        is_planner=True,
    ),
)
ADMIN = FixedUser(
    "admin",
    "Stafett",
    "Administrator",
    None,
    "Systemadministrator",
    "Superuser: the Django admin (/admin/), users and agencies, no case content",
)
STAFF_ORDER = (
    "admin",
    "kari.nordmann",
    "ola.hansen",
    "nora.lie",
    "jonas.berg",
    "emma.aune",
    "leder.barnevern",
    "leder.uteseksjonen",
    "kommune.admin",
    "planlegger",
)


@dataclass(frozen=True)
class CitizenLogin:
    """A youth's or relative's own Stafett: the mobile number to type, and whose record it is."""

    username: str
    phone: str  # as typed on /min/logg-inn/ (the account stores +47…)
    email: str
    description: str

    @property
    def account_phone(self) -> str:
        return "+47" + "".join(self.phone.split())


# Built by coordination/demo/showcase.py; the numbers are outside the range of generated phones.
YOUTH_LOGIN = CitizenLogin(
    "ungdom.amira",
    "900 10 001",
    "amira.haddad@epost.example",
    "Youth (15): Amira Haddad's own plan, consents, relatives' view and who has looked",
)
GUARDIAN_LOGIN = CitizenLogin(
    "foresatt.layla",
    "900 10 002",
    "layla.haddad@epost.example",
    "Guardian: Amira's mother (under 16: plan, meetings, transitions, not what Amira keeps back)",
)
RELATIVE_LOGIN = CitizenLogin(
    "parorende.omar",
    "900 10 003",
    "omar.haddad@epost.example",
    "Adult relative: Amira's brother (only what Amira shares with him: meetings)",
)
CITIZEN_LOGINS = (YOUTH_LOGIN, GUARDIAN_LOGIN, RELATIVE_LOGIN)


def demo_logins() -> list[tuple[str, str, str]]:
    """The staff demo logins as (username, role, agency name); password DEMO_PASSWORD."""
    by_name = {u.username: u for u in (*FIXED_USERS, ADMIN)}
    return [
        (
            name,
            by_name[name].description,
            AGENCY_BY_KEY[by_name[name].agency_key].name if by_name[name].agency_key else "(no agency)",
        )
        for name in STAFF_ORDER
    ]


def print_demo_logins(write: Callable[[str], object]) -> None:
    """What seed_demo and serve_demo print: every kind of login and how to sign in."""
    write(f"Staff: sign in at /logg-inn/ with the username and the password '{DEMO_PASSWORD}':")
    for username, role, agency in demo_logins():
        write(f"  {username:<20} {role} – {agency}")
    write(
        "Youths and relatives: sign in at /min/logg-inn/ with the mobile number (or e-mail) below. "
        "The one-time code is sent by SMS (or e-mail): in the demo it is printed in this console "
        "and shown on the code page."
    )
    for login in CITIZEN_LOGINS:
        write(f"  {login.phone:<20} {login.description} (or {login.email})")
