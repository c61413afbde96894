"""Who the benchmark signs in as, and which pages it requests, each under a key stable across sizes."""

from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.accounts.backends import MODEL_BACKEND
from coordination.accounts.models import UserSession
from coordination.accounts.sessions import AUTH_AT, SEEN_AT
from coordination.models import AccountKind, Relative, User, Youth
from pathways.models import Action

# Targets from issue 12 (p95 in ms); every page is also held to MAX_RATIO × its raw SQL replay.
STAFF_YOUTH_PAGE_P95 = 25.0
MY_YOUTHS_P95 = 20.0
TEAM_LEAD_P95 = 100.0
CITIZEN_PAGE_P95 = 25.0
MAX_RATIO = 8.0
OVERVIEW_MAX_QUERIES = 10


@dataclass(frozen=True)
class Page:
    key: str  # stable across data sizes, e.g. "overview"
    who: str  # a key of Subjects.sessions
    url: str
    p95_target_ms: float | None = None
    max_queries: int | None = None


@dataclass
class Subjects:
    """The signed-in sessions (session keys, by role) and the pages to request."""

    description: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)


def signed_in_session(user: User) -> str:
    """A session as the login steps leave it: logged in, second factor passed, both clocks started.

    Built directly in the session store so the benchmark measures the pages, not the login (and so a
    load generator can send the cookie without a browser)."""
    device = next(iter(devices_for_user(user, confirmed=True)), None)
    if device is None and user.is_citizen:
        # A youth or relative signs in with a one-time code: their second factor is such a device.
        device = EmailDevice.objects.create(user=user, name="benchmark", confirmed=True, email=user.email)
    elif device is None:
        device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    now = timezone.now().timestamp()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = MODEL_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store[AUTH_AT] = now
    store[SEEN_AT] = now
    store.create()
    UserSession.objects.create(session_key=store.session_key, user=user)
    return store.session_key


def _citizen_account(person: Youth | Relative, kind: str, first_name: str, last_name: str) -> User:
    account = User(
        username=f"bench-{kind}-{person.pk}",
        kind=kind,
        first_name=first_name[:150],
        last_name=last_name[:150],
        email=f"bench-{kind}-{person.pk}@epost.example",
        language_chosen=True,
    )
    account.set_unusable_password()
    account.save()
    type(person).objects.filter(pk=person.pk).update(account=account)
    return account


def _busiest_caseworker() -> User:
    return (
        User.objects.filter(kind="staff", agency__isnull=False, is_active=True)
        .annotate(caseload=Count("memberships", filter=Q(memberships__ended_on__isnull=True)))
        .order_by("-caseload", "pk")
        .first()
    )


def _fullest_youth(queryset) -> Youth | None:
    return queryset.annotate(n=Count("log_entries")).order_by("-n", "pk").first()


def choose() -> Subjects:
    """The busiest caseworker and their youth with the longest log (the heaviest realistic pages), the
    team lead of that agency, the youth with an account and the longest log, a guardian, a planner."""
    subjects = Subjects()
    user = _busiest_caseworker()
    if user is None:
        raise LookupError("no active staff member: seed the database first")
    youth = _fullest_youth(Youth.objects.filter(stafettholder=user, status="active"))
    subjects.sessions["caseworker"] = signed_in_session(user)
    subjects.description["caseworker"] = f"{user.username}, on {user.caseload} teams"
    y = f"/ungdommer/{youth.pk}"
    staff_pages = [
        Page("my_youths", "caseworker", "/ungdommer/", MY_YOUTHS_P95),
        Page("my_youths_sorted_page3", "caseworker", "/ungdommer/?order=evaluation&page=3", MY_YOUTHS_P95),
        Page("my_youths_search", "caseworker", "/ungdommer/?q=an", MY_YOUTHS_P95),
        Page("overview", "caseworker", f"{y}/", STAFF_YOUTH_PAGE_P95, OVERVIEW_MAX_QUERIES),
        Page("plan", "caseworker", f"{y}/plan/", STAFF_YOUTH_PAGE_P95),
        Page("log", "caseworker", f"{y}/logg/", STAFF_YOUTH_PAGE_P95),
        Page("team", "caseworker", f"{y}/team/", STAFF_YOUTH_PAGE_P95),
        Page("team_search", "caseworker", f"{y}/team/?sok=an", STAFF_YOUTH_PAGE_P95),
        Page("meetings", "caseworker", f"{y}/moter/", STAFF_YOUTH_PAGE_P95),
        Page("transitions", "caseworker", f"{y}/overganger/", STAFF_YOUTH_PAGE_P95),
        Page("consents", "caseworker", f"{y}/samtykke/", STAFF_YOUTH_PAGE_P95),
        Page("access_log", "caseworker", f"{y}/tilgangslogg/"),
        Page("handovers", "caseworker", "/stafetter/"),
        Page("inbox", "caseworker", "/innboks/"),
        Page("my_day", "caseworker", "/min-dag/"),
    ]
    subjects.pages += staff_pages
    if action := Action.objects.filter(youth=youth).order_by("pk").first():
        subjects.pages.append(
            Page("action_edit", "caseworker", f"{y}/plan/tiltak/{action.pk}/endre/", STAFF_YOUTH_PAGE_P95)
        )
    lead = User.objects.filter(is_team_lead=True, is_active=True, agency=user.agency).order_by("pk").first()
    if lead:
        subjects.sessions["team_lead"] = signed_in_session(lead)
        subjects.description["team_lead"] = f"{lead.username}, team lead of {lead.agency}"
        subjects.pages += [
            Page("team_lead", "team_lead", "/teamleder/", TEAM_LEAD_P95),
            Page("team_lead_list", "team_lead", "/teamleder/liste/no-contact/", TEAM_LEAD_P95),
            Page("escalations", "team_lead", "/eskaleringer/"),
        ]
    # The demo data has no youth or relative accounts: give the caseworker's youth and a guardian of
    # theirs one, in the state an accepted invitation leaves (coordination.services.invitations).
    own = youth if youth.account_id is None or youth.account.is_active else None
    if own:
        account = own.account or _citizen_account(own, AccountKind.YOUTH, own.first_name, own.last_name)
        subjects.sessions["youth"] = signed_in_session(account)
        subjects.description["youth"] = f"{account.username}, the youth's own login (age {own.age})"
        subjects.pages += [
            Page("my_stafett", "youth", "/min/", CITIZEN_PAGE_P95),
            Page("my_log", "youth", "/min/logg/", CITIZEN_PAGE_P95),
            Page("my_consents", "youth", "/min/samtykker/", CITIZEN_PAGE_P95),
            Page("my_access_log", "youth", "/min/innsyn/", CITIZEN_PAGE_P95),
            Page("my_write", "youth", "/min/skriv/", CITIZEN_PAGE_P95),
        ]
    # The guardian of that youth, or (an adult has none) of the caseworker's fullest youth who has one.
    guardian = youth.relatives.filter(has_parental_responsibility=True).order_by("pk").first()
    if guardian is None:
        minor = _fullest_youth(
            Youth.objects.filter(stafettholder=user, status="active").filter(
                Exists(Relative.objects.filter(youth=OuterRef("pk"), has_parental_responsibility=True))
            )
        )
        guardian = minor and minor.relatives.filter(has_parental_responsibility=True).order_by("pk").first()
    if guardian and (guardian.account_id is None or guardian.account.is_active):
        account = guardian.account or _citizen_account(guardian, AccountKind.RELATIVE, guardian.name, "")
        subjects.sessions["guardian"] = signed_in_session(account)
        subjects.description["guardian"] = f"{account.username}, a guardian's login"
        subjects.pages.append(Page("guardian_stafett", "guardian", "/min/", CITIZEN_PAGE_P95))
    if planner := User.objects.filter(is_planner=True, is_active=True).order_by("pk").first():
        subjects.sessions["planner"] = signed_in_session(planner)
        subjects.description["planner"] = f"{planner.username}, a planner"
        subjects.pages.append(Page("statistics", "planner", "/statistikk/"))
    return subjects
