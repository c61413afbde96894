"""Reads for delegated administration: who administers what, and the staff and agencies they see.

Two roles administer in the product, not in the Django admin:

- a team lead (coordination.access.is_team_lead) administers the staff of their own agency;
- a municipality administrator (`User.is_municipality_admin`) administers the municipality of their
  own agency (`user.agency.municipality`): its agencies and their team leads.

Both see names, titles, roles and the state of accounts, never anything about a youth. Everybody else,
and every object outside the role's reach, is missing (404).
"""

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordination.access import is_team_lead, require_team_lead
from coordination.accounts.models import StaffInvitation
from coordination.models import AccountKind, Agency, User
from coordination.models.agencies import Municipality


def municipality_admin_of(user: User) -> Municipality | None:
    """The one municipality-administrator rule: an active staff user marked as administrator whose own
    agency belongs to a municipality administers that municipality; nobody else administers any."""
    if not (
        user.is_authenticated
        and user.is_active
        and user.is_municipality_admin
        and user.kind == AccountKind.STAFF
        and user.agency_id
    ):
        return None
    return user.agency.municipality  # None for an agency that serves several municipalities


def require_municipality_admin(user: User) -> Municipality:
    """The municipality administrator's pages look missing (404) to everyone else."""
    municipality = municipality_admin_of(user)
    if municipality is None:
        raise Http404
    return municipality


def administers_agency(user: User, agency: Agency) -> bool:
    """The user may invite, deactivate and appoint team leads among the agency's staff."""
    if is_team_lead(user) and user.agency_id == agency.pk:
        return True
    municipality = municipality_admin_of(user)
    return municipality is not None and agency.municipality_id == municipality.pk


def agencies_of(municipality: Municipality) -> QuerySet[Agency]:
    """The municipality's agencies with how many active staff and team leads each has."""
    active = Q(staff__is_active=True, staff__kind=AccountKind.STAFF)
    return (
        Agency.objects.filter(municipality=municipality)
        .annotate(
            active_staff=Count("staff", filter=active),
            team_leads=Count("staff", filter=active & Q(staff__is_team_lead=True)),
        )
        .order_by("name")
    )


def agencies_serving(municipality: Municipality) -> QuerySet[Agency]:
    """Specialist and state services that serve the municipality (administered elsewhere)."""
    return Agency.objects.filter(serves=municipality).order_by("name")


def agency_for_municipality_admin(user: User, agency_id: int) -> Agency:
    municipality = require_municipality_admin(user)
    return get_object_or_404(
        Agency.objects.select_related("municipality"), pk=agency_id, municipality=municipality
    )


def staff_of(agency: Agency) -> QuerySet[User]:
    """The agency's staff, active first, each with the state of their account: `active`, `invited`
    (an open invitation), `expired` (the invitation lapsed unused) or `deactivated`."""
    invitations = StaffInvitation.objects.filter(user=OuterRef("pk"))
    open_until = invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).order_by("-created_at")
    return (
        User.objects.filter(agency=agency, kind=AccountKind.STAFF)
        .annotate(
            was_invited=Exists(invitations),
            has_accepted=Exists(invitations.filter(accepted_at__isnull=False)),
            invitation_expires_at=Subquery(open_until.values("expires_at")[:1]),
        )
        .annotate(
            state=Case(
                When(is_active=True, then=Value("active")),
                When(
                    Q(was_invited=True, has_accepted=False, invitation_expires_at__gt=timezone.now()),
                    then=Value("invited"),
                ),
                When(was_invited=True, has_accepted=False, then=Value("expired")),
                default=Value("deactivated"),
            )
        )
        .order_by("-is_active", "last_name", "first_name", "pk")
    )


def awaits_enrolment(user: User) -> bool:
    """Invited and never taken the account into use: a new invitation, not reactivation, is the way in."""
    invitations = StaffInvitation.objects.filter(user=user)
    return (
        not user.is_active
        and invitations.exists()
        and not invitations.filter(accepted_at__isnull=False).exists()
    )


def staff_member_for_lead(lead: User, staff_id: int) -> User:
    require_team_lead(lead)
    return get_object_or_404(
        User.objects.select_related("agency"), pk=staff_id, agency_id=lead.agency_id, kind=AccountKind.STAFF
    )


def staff_member_for_municipality_admin(admin: User, staff_id: int) -> User:
    municipality = require_municipality_admin(admin)
    return get_object_or_404(
        User.objects.select_related("agency"),
        pk=staff_id,
        agency__municipality=municipality,
        kind=AccountKind.STAFF,
    )
