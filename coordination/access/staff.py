"""Staff access to one youth: YouthAccess (what a user may see, resolved once per request), the one
permission vocabulary (`May`), and the team-lead rule."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Q, QuerySet, StringAgg, Subquery, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordination.models import (
    SEE_YOUTH,
    EmergencyAccess,
    Handover,
    HandoverStatus,
    InformationCategory,
    Relative,
    TeamMembership,
    User,
    Youth,
    YouthPermission,
    category_codename,
    is_active_member,
)
from coordination.prepared import prepared

ALL_CATEGORIES = frozenset(InformationCategory.values)


def _valid_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def sees_youth(user, youth, day: datetime.date | None = None) -> Exists:
    """In SQL: the user (a user, a user id, or a reference to a user id column) may see the youth (a
    reference to a youth id column) on the day (today unless given: a prepared query passes its own).
    The one test behind every list, the inbox and the reminder sweep."""
    return Exists(
        YouthPermission.objects.filter(
            _valid_on(day or timezone.localdate()),
            content_object=youth,
            user=user,
            user__is_active=True,
            permission__codename=SEE_YOUTH,
        )
    )


def youths_visible_to(user: User) -> QuerySet[Youth]:
    if not user.is_authenticated or not user.is_active:
        return Youth.objects.none()
    return Youth.objects.filter(sees_youth(user, OuterRef("pk")))


@dataclass(frozen=True)
class YouthAccess:
    """What one user may see of one youth, resolved once per request."""

    youth: Youth
    user: User
    categories: frozenset[str]
    emergency: EmergencyAccess | None = None

    @property
    def is_stafettholder(self) -> bool:
        return self.youth.stafettholder_id == self.user.pk

    @property
    def role(self) -> str:
        if self.emergency is not None:
            return "emergency"
        return "stafettholder" if self.is_stafettholder else "team_member"

    @cached_property
    def may(self) -> "May":
        return May(self)

    @property
    def sees_everything(self) -> bool:
        return self.categories >= ALL_CATEGORIES

    def content(self, agency_field: str = "agency", category_field: str = "category") -> Q:
        """Filter for content rows: a covered category, or written by the user's own agency. The same
        SQL for every user (the categories are one parameter, all of them under emergency access), so
        the queries using it can be prepared (coordination/prepared.py)."""
        categories = Q(**{f"{category_field}__any_of": sorted(self.categories)})
        return categories | Q(**{agency_field: self.user.agency_id})

    def sql_arguments(self) -> dict:
        """What the SQL of a content query reads of this access: the arguments of a prepared query
        that rebuilds it with `for_sql`."""
        return {
            "youth_id": self.youth.pk,
            "user_id": self.user.pk,
            "agency_id": self.user.agency_id,
            "categories": sorted(self.categories),
        }

    @classmethod
    def for_sql(cls, youth_id: int, user_id: int, agency_id: int, categories: list[str]) -> "YouthAccess":
        """An access with no more than `sql_arguments` holds, for a prepared content query to build
        its SQL with (`content()`, `visible_to()`); not for deciding anything in Python."""
        user = User(pk=user_id, agency_id=agency_id)
        return cls(youth=Youth(pk=youth_id), user=user, categories=frozenset(categories))

    def get(self, queryset: QuerySet, pk: int):
        """One of this youth's objects: 404 when missing, hidden or another youth's. Its youth is
        this one (no second query when a service reads it)."""
        obj = get_object_or_404(queryset, youth=self.youth, pk=pk)
        obj.youth = self.youth
        return obj

    def may_see(self, category: str, agency_id: int | None) -> bool:
        return category in self.categories or agency_id == self.user.agency_id


@prepared
def _youth_with_access(user_id: int, youth_id: int, today: datetime.date, now: datetime.datetime):
    """The youth with the user's permission codenames on them and the id of an active emergency
    access. Every youth page sends it: compiled once (coordination/prepared.py)."""
    codenames_of_user = (
        YouthPermission.objects.filter(_valid_on(today), user=user_id)
        .filter(content_object_id=OuterRef("pk"))
        .order_by()
        .values("content_object_id")
        .annotate(codenames=StringAgg("permission__codename", Value(",")))
        .values("codenames")
    )
    emergency_of_user = (
        EmergencyAccess.objects.filter(user=user_id, youth_id=OuterRef("pk"), expires_at__gt=now)
        .order_by("-expires_at")
        .values("pk")[:1]
    )
    # Whether a handover is pending (the overview and team pages read it only then; a unique index).
    pending = Handover.objects.filter(youth=OuterRef("pk"), status=HandoverStatus.PENDING).values("pk")[:1]
    return (
        Youth.objects.select_related("stafettholder", "stafettholder__agency", "originating_agency")
        .annotate(
            access_codenames=Subquery(codenames_of_user),
            access_emergency_id=Subquery(emergency_of_user),
            pending_handover_id=Subquery(pending),
        )
        .filter(pk=youth_id)
    )


def youth_access_for_user(user: User, youth_id: int) -> YouthAccess:
    """One query in the common case (the emergency access is read only when there is one)."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    rows = _youth_with_access(
        user_id=user.pk, youth_id=youth_id, today=timezone.localdate(), now=timezone.now()
    )
    youth = rows[0] if rows else None
    if youth is None:
        raise Http404
    codenames = set((youth.access_codenames or "").split(","))
    emergency = None
    # Only while still on the team: one who left since breaking the glass has no emergency access.
    if youth.access_emergency_id is not None and _is_team_member(user, youth_id):
        emergency = EmergencyAccess.objects.get(pk=youth.access_emergency_id)
    if SEE_YOUTH not in codenames and emergency is None:
        raise Http404
    categories = (
        ALL_CATEGORIES
        if emergency
        else frozenset(
            category for category in InformationCategory.values if category_codename(category) in codenames
        )
    )
    return YouthAccess(youth=youth, user=user, categories=categories, emergency=emergency)


def _is_team_member(user: User, youth_id: int) -> bool:
    return is_active_member(youth_id, user.pk)


def team_member_youth_for_emergency(user: User, youth_id: int) -> Youth:
    """Break the glass is open to active team members only (also those without consent)."""
    if not user.is_authenticated or user.agency_id is None or not _is_team_member(user, youth_id):
        raise Http404
    return Youth.objects.select_related("stafettholder").get(pk=youth_id)


class May:
    """What the user may do with this youth: the one permission vocabulary.

    Each action is one predicate, computed once per request. Views `require(access.may.<action>)`;
    templates show a control only `{% if access.may.<action> %}` (or, for one object,
    `{% may "<action>" object as allowed %}` from the `access` template library), so a page never
    offers what would answer 403. Seeing content is decided apart from this, by categories.
    """

    def __init__(self, access: "YouthAccess"):
        self._access = access
        self._user_id = access.user.pk
        youth = access.youth
        holder = access.is_stafettholder
        active = youth.is_active
        self.hand_over = active and holder
        self.close_case = active and holder
        self.reopen_case = not active and holder
        self.manage_consent = holder
        self.read_access_log = holder
        self.change_goals = active and holder
        self.manage_team = active and holder
        self.write_log = active
        self.change_level = active
        self.plan_meetings = active
        self.plan_transitions = active
        # Inviting the youth or a relative to their own Stafett (coordination/services/invitations.py).
        self.invite = active and holder
        # Marking an entry, or writing a short note, as a lysglimt (a moment that went well).
        self.mark_lysglimt = active
        # The individual plan (BTI level 3) is started by the stafettholder.
        self.start_individual_plan = active and holder
        # The archive export of a closed case (pathways/services/exports.py): what it holds follows
        # the exporter's own access, category by category.
        self.export_archive = not active
        # The youth's own data export, made by the stafettholder when the youth asks for it.
        self.export_for_youth = holder

    @cached_property
    def _active_citizen_accounts(self) -> frozenset[int]:
        """The youth's and the relatives' accounts that are in use (one query, only when asked)."""
        youth_id = self._access.youth.pk
        # Two indexed lookups in one query (an OR across the two joins read every account).
        of_youth = Youth.objects.filter(pk=youth_id, account__isnull=False).values("account_id")
        accounts = Relative.objects.filter(youth_id=youth_id, account__isnull=False).values("account_id")
        accounts = accounts.union(of_youth)
        return frozenset(User.objects.filter(is_active=True, pk__in=accounts).values_list("pk", flat=True))

    def invite_person(self, person) -> bool:
        """The youth or one of their relatives, who has no Stafett of their own in use yet (a pending
        or expired invitation may be sent again)."""
        if not self.invite:
            return False
        return person.account_id is None or person.account_id not in self._active_citizen_accounts

    def withhold(self, entry) -> bool:
        """Keeping one log entry from the youth, with a reason from the fixed list. Also on a closed
        case: protecting someone else cannot wait for a reopening. Never what the youth wrote."""
        if self._access.user.agency_id is None or entry.by_youth:
            return False
        return entry.withheld_reason is None  # annotated on the page's entries (pathways.selectors.log)

    def keep_individual_plan(self, plan) -> bool:
        """Changing the individual plan and adopting a version: the stafettholder and the coordinator."""
        youth = self._access.youth
        return youth.is_active and (self._access.is_stafettholder or plan.coordinator_id == self._user_id)

    def change_action(self, action) -> bool:
        return self.change_goals or (self._access.youth.is_active and action.responsible_id == self._user_id)

    def evaluate_action(self, action) -> bool:
        return action.is_open and (self.change_action(action) or action.evaluator_id == self._user_id)

    def correct_entry(self, entry) -> bool:
        return entry.author_id == self._user_id

    def record_minutes(self, meeting) -> bool:
        return not meeting.has_minutes

    def edit_meeting(self, meeting) -> bool:
        return self._access.youth.is_active and not meeting.has_minutes

    def edit_transition(self, transition) -> bool:
        return self._access.youth.is_active

    def end_membership(self, membership) -> bool:
        # The stafettholder manages the team; anyone may take themselves off it. The holder stays.
        if membership.user_id == self._access.youth.stafettholder_id:
            return False
        return self._access.is_stafettholder or membership.user_id == self._user_id

    def answer_handover(self, handover) -> bool:
        return handover.is_pending and handover.to_user_id == self._user_id

    def withdraw_handover(self, handover) -> bool:
        return handover.is_pending and handover.from_user_id == self._user_id


def is_team_lead(user: User) -> bool:
    """The one team-lead rule: an active user marked as lead of the agency they belong to."""
    return bool(user.is_authenticated and user.is_active and user.is_team_lead and user.agency_id)


def require_team_lead(user: User) -> None:
    """Team-lead pages look missing (404) to everyone else."""
    if not is_team_lead(user):
        raise Http404


def staff_start_page(user: User) -> str:
    """Where a staff member starts after signing in: their youths, unless their work is elsewhere
    (on no team: the lead's dashboard, the municipality's agencies, the statistics, the admin)."""
    if TeamMembership.objects.active().filter(user=user).exists():
        return "my_youths"
    if is_team_lead(user):
        return "team_lead"
    if user.is_municipality_admin:
        return "municipality"
    if user.is_planner:
        return "statistics"
    if user.is_superuser and not user.agency_id:
        return "admin:index"
    return "my_youths"
