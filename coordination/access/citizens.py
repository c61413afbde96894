"""What a youth or a relative sees of the youth's own record, by the age rules (DESIGN.md).

- The youth sees everything about themselves, except log entries staff withheld with a reason.
- A guardian (parental responsibility) of a youth under 16 sees the plan, meetings and transitions,
  but not the categories the youth (from 12) keeps from them.
- From 16, and for every relative who is not a guardian of a youth under 16 (a partner, an adult
  sibling, the parent of a youth over 18), only what the youth chooses to share with that relative;
  health, mental health and substance use only if the youth says so. From 18 that is also the only
  way for a guardian.
Relatives never see the log, consents or the access log.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from coordination.access.staff import ALL_CATEGORIES
from coordination.consent_rules import HEALTH_CATEGORIES
from coordination.models import Relative, RelativeSharing, User, Youth, YouthStatus
from coordination.prepared import prepared

PARTS = ("plan", "meetings", "transitions", "log", "consents", "access_log", "voice")
RELATIVE_PARTS = ("plan", "meetings", "transitions")


@dataclass(frozen=True)
class CitizenMay:
    # The youth reads their own consents' texts (purpose, their words, notes); relatives do not.
    manage_consent: bool = False
    withdraw_consent: bool = False
    ask_consent_change: bool = False
    write_to_team: bool = False
    suggest_goal: bool = False
    add_own_view: bool = False
    mark_lysglimt: bool = False
    set_sharing: bool = False
    # Saying yes, or asking for changes, to the adopted individual plan.
    answer_plan: bool = False
    # Downloading what this access sees (JSON and a readable PDF): the youth their own record, a
    # relative what the age rules let them see (pathways/services/exports.py).
    export_data: bool = False


@dataclass(frozen=True)
class CitizenAccess:
    """The same shape as a staff YouthAccess where content is read, so one visibility rule serves both."""

    youth: Youth
    user: User
    categories: frozenset[str]
    parts: frozenset[str]
    relative: Relative | None = None
    emergency: None = None
    hides_withheld: bool = True
    extra: dict = field(default_factory=dict)
    # The staff access of someone who reads the youth's view on the youth's behalf (the stafettholder
    # making the youth's own export): they get what the youth sees *and* they may see, never more.
    through: object | None = None

    @property
    def role(self) -> str:
        return "relative" if self.relative is not None else "youth"

    @property
    def is_stafettholder(self) -> bool:
        return False

    @property
    def sees_everything(self) -> bool:
        return self.categories >= ALL_CATEGORIES

    @cached_property
    def may(self) -> CitizenMay:
        if self.relative is not None:
            return CitizenMay(export_data=True)
        active = self.youth.status == YouthStatus.ACTIVE
        return CitizenMay(
            manage_consent=True,
            withdraw_consent=True,
            ask_consent_change=True,
            write_to_team=active,
            suggest_goal=active,
            add_own_view=active,
            mark_lysglimt=active,
            set_sharing=True,
            answer_plan=active,
            export_data=True,
        )

    def sees(self, part: str) -> bool:
        return part in self.parts

    def content(self, agency_field: str = "agency", category_field: str = "category") -> Q:
        # Not an agency: there is no "written for my own agency" here, only the categories (one
        # parameter, the same SQL for every youth and relative: coordination/prepared.py).
        own = Q(**{f"{category_field}__any_of": sorted(self.categories)})
        if self.through is not None:
            return own & self.through.content(agency_field=agency_field, category_field=category_field)
        return own

    def sql_arguments(self) -> dict | None:
        """What the SQL of a content query reads of this access, for a prepared query that rebuilds
        it with `for_sql`; None when it reads through a staff access too (the youth's own export)."""
        if self.through is not None:
            return None
        return {"youth_id": self.youth.pk, "user_id": self.user.pk, "categories": sorted(self.categories)}

    @classmethod
    def for_sql(cls, youth_id: int, user_id: int, categories: list[str]) -> "CitizenAccess":
        """An access with no more than `sql_arguments` holds, to build a content query's SQL with."""
        user = User(pk=user_id)
        return cls(youth=Youth(pk=youth_id), user=user, categories=frozenset(categories), parts=frozenset())

    def get(self, queryset: QuerySet, pk: int):
        obj = get_object_or_404(queryset, youth=self.youth, pk=pk)
        obj.youth = self.youth
        return obj


def _relative_view(youth: Youth, relative: Relative) -> tuple[frozenset[str], frozenset[str]]:
    sharing = RelativeSharing.objects.filter(relative=relative).first()
    if youth.age < 16 and relative.has_parental_responsibility:
        kept = frozenset(sharing.kept_back if sharing else ())
        return frozenset(RELATIVE_PARTS), ALL_CATEGORIES - kept
    if sharing is None:
        return frozenset(), frozenset()
    parts = frozenset(part for part in RELATIVE_PARTS if getattr(sharing, part))
    categories = ALL_CATEGORIES if sharing.include_health else ALL_CATEGORIES - HEALTH_CATEGORIES
    return parts, categories


def citizen_access_for_user(user: User, youth_id: int | None = None) -> CitizenAccess:
    """The youth's own record for a youth account; for a relative, the record of the youth they are a
    relative of (the one named, or their only one). 404 for anything else."""
    if not user.is_authenticated or not user.is_active or not user.is_citizen:
        raise Http404
    record = getattr(user, "youth_record", None) if user.kind == "youth" else None
    if record is not None and (youth_id is None or youth_id == record.pk):
        return CitizenAccess(youth=record, user=user, categories=ALL_CATEGORIES, parts=frozenset(PARTS))
    relatives = Relative.objects.filter(account=user).select_related("youth", "youth__stafettholder")
    if youth_id is not None:
        relatives = relatives.filter(youth_id=youth_id)
    relative = relatives.first()
    if relative is None:
        raise Http404
    parts, categories = _relative_view(relative.youth, relative)
    return CitizenAccess(
        youth=relative.youth,
        user=user,
        categories=categories,
        parts=parts,
        relative=relative,
        hides_withheld=True,
    )


def relatives_youths(user: User) -> list[Youth]:
    return [relative.youth for relative in Relative.objects.filter(account=user).select_related("youth")]


def youth_own_view(access) -> CitizenAccess:
    """What the youth sees of their own record, as far as the stafettholder who makes the youth's own
    data export on their request may see it too: the export passes through the holder's hands, so it
    holds nothing the holder's consent does not cover (the youth downloads the rest at /min/)."""
    parts = set(PARTS) if access.may.read_access_log else set(PARTS) - {"access_log"}
    return CitizenAccess(
        youth=access.youth,
        user=access.user,
        categories=ALL_CATEGORIES,
        parts=frozenset(parts),
        through=access,
    )


def citizen_read(build: Callable[[CitizenAccess], QuerySet]) -> Callable[[CitizenAccess], list]:
    """Decorator of a content read of a youth's or relative's own pages: `build(access)` is compiled
    once (coordination/prepared.py) for an access rebuilt from its SQL arguments, so it must read no
    more of the access than they hold; an access that reads through a staff access too (the youth's
    own export) builds it the ordinary way."""

    def compiled(youth_id: int, user_id: int, categories: list[str]):
        return build(CitizenAccess.for_sql(youth_id, user_id, categories))

    compiled.__name__ = build.__name__
    query = prepared(compiled)

    @wraps(build)
    def read(access: CitizenAccess) -> list:
        arguments = access.sql_arguments()
        return list(build(access)) if arguments is None else query(**arguments)

    return read
