"""Plain factory functions: each builds one valid object with sensible defaults."""

import datetime
import itertools

from django.utils import timezone

from coordination.models import Agency, Consent, Sector, ServiceLevel, TeamMembership, User, Youth
from coordination.services.consents import consent_record
from coordination.services.permissions import youth_permissions_sync
from coordination.services.youths import youth_create
from pathways.models import Action, Goal, LogEntry

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def agency(*, sector: str = Sector.CHILD_WELFARE, name: str | None = None) -> Agency:
    level = ServiceLevel.SPECIALIST if sector in (Sector.PHBU_BUP, Sector.TSB) else ServiceLevel.MUNICIPAL
    return Agency.objects.create(name=name or f"Etat {next(_counter)}", sector=sector, level=level)


def staff(*, agency: Agency | None, username: str | None = None, **fields) -> User:
    number = next(_counter)
    user = User(
        username=username or f"user{number}",
        first_name=fields.pop("first_name", f"Fornavn{number}"),
        last_name=fields.pop("last_name", f"Etternavn{number}"),
        agency=agency,
        **fields,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def youth(*, holder: User, birth_date: datetime.date | None = None, **fields) -> Youth:
    today = timezone.localdate()
    return youth_create(
        actor=holder,
        first_name=fields.pop("first_name", "Sara"),
        last_name=fields.pop("last_name", f"Ungdom{next(_counter)}"),
        birth_date=birth_date or today.replace(year=today.year - 16),
        municipality=fields.pop("municipality", "Trondheim"),
        **fields,
    )


def add_member(youth: Youth, user: User, role: str = "Kontaktperson") -> TeamMembership:
    membership = TeamMembership.objects.create(youth=youth, user=user, agency=user.agency, role=role)
    youth_permissions_sync(youth)
    return membership


def consent(youth: Youth, by: User, scope: set[tuple[int, str]], **fields) -> Consent:
    """A consent given by the youth and guardians for the scope, through the real service."""
    return consent_record(
        actor=by,
        youth=youth,
        event_kind=fields.pop("event_kind", "given"),
        basis=fields.pop("basis", "consent"),
        given_by=fields.pop("given_by", "both"),
        youth_view=fields.pop("youth_view", "Jeg vil at skolen og barnevernet snakker sammen."),
        purpose=fields.pop("purpose", "Samarbeid om skole og helse"),
        form=fields.pop("form", "written"),
        # Given well before today, so tests that move the clock back (reminder scenarios) are inside it.
        valid_from=fields.pop("valid_from", timezone.localdate() - datetime.timedelta(days=400)),
        review_on=fields.pop("review_on", None),
        expires_on=fields.pop("expires_on", None),
        scope=scope,
        **fields,
    )


def goal(youth: Youth, author: User, **fields) -> Goal:
    return Goal.objects.create(
        youth=youth,
        kind=fields.pop("kind", "school_work"),
        description=fields.pop("description", "Jeg vil gå på skolen tre dager i uka"),
        created_by=author,
        agency=author.agency,
        **fields,
    )


def action(goal: Goal, responsible: User, **fields) -> Action:
    today = timezone.localdate()
    return Action.objects.create(
        goal=goal,
        youth=goal.youth,
        description=fields.pop("description", "Ukentlig samtale med kontaktlærer"),
        responsible=responsible,
        responsible_agency=responsible.agency,
        evaluator=responsible,
        start_date=fields.pop("start_date", today - datetime.timedelta(days=30)),
        evaluation_date=fields.pop("evaluation_date", today + datetime.timedelta(days=14)),
        created_by=responsible,
        agency=fields.pop("agency", responsible.agency),
        **fields,
    )


def log_entry(youth: Youth, author: User, **fields) -> LogEntry:
    return LogEntry.objects.create(
        youth=youth,
        kind=fields.pop("kind", "contact"),
        text=fields.pop("text", "Samtale på kontoret om skolehverdagen."),
        occurred_at=fields.pop("occurred_at", timezone.now() - datetime.timedelta(days=1)),
        author=author,
        agency=author.agency,
        **fields,
    )
