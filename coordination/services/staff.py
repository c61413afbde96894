"""Writes about staff users: moving to another agency, and delegated administration (agencies,
invitations, deactivation, team leads).

A member represents their agency on a youth's team, and consent is given per agency. When a user
moves, their memberships now represent the new agency and their permissions are recomputed in the
same transaction: they keep what the new agency may see and lose what only the old one could. What
they wrote stays with the agency it was written for (coordination.services.authorship).
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.accounts.models import StaffInvitation
from coordination.accounts.security import log_security_event
from coordination.accounts.sessions import sessions_end_for_user
from coordination.accounts.staff_invitations import staff_invitation_issue
from coordination.errors import BusinessRuleError
from coordination.models import AccountKind, Agency, TeamMembership, User, Youth
from coordination.selectors.staff import administers_agency, awaits_enrolment, municipality_admin_of
from coordination.services.permissions import youth_permissions_sync


@transaction.atomic
def staff_agency_changed(*, user: User) -> int:
    """Brings the user's active memberships and permissions in line with their agency now. Without an
    agency they represent nobody: their memberships end, except where they hold the baton (the team
    lead is reminded to pass it on: rule 5b of the sweep covers a holder who has left)."""
    memberships = TeamMembership.objects.active().filter(user=user)
    youth_ids = list(memberships.values_list("youth_id", flat=True))
    if user.agency_id is None:
        memberships.exclude(youth__stafettholder=user).update(ended_on=timezone.localdate())
    else:
        memberships.exclude(agency_id=user.agency_id).update(agency_id=user.agency_id)
    youth_permissions_sync(Youth.objects.filter(pk__in=youth_ids))
    return len(youth_ids)


def _remember_agency(sender, instance: User, update_fields=None, **kwargs) -> None:
    if instance.pk is None or (
        update_fields is not None and not {"agency", "agency_id"} & set(update_fields)
    ):
        instance._agency_before = instance.agency_id  # not changing here (e.g. the last-login stamp)
        return
    instance._agency_before = User.objects.filter(pk=instance.pk).values_list("agency_id", flat=True).first()


def _agency_changed(sender, instance: User, created: bool, **kwargs) -> None:
    # Saved by any path (the admin, the product's own pages, a shell): the rule follows the fact.
    if not created and getattr(instance, "_agency_before", instance.agency_id) != instance.agency_id:
        staff_agency_changed(user=instance)


def connect() -> None:
    pre_save.connect(_remember_agency, sender=User, dispatch_uid="stafett_remember_agency")
    post_save.connect(_agency_changed, sender=User, dispatch_uid="stafett_agency_changed")


# Delegated administration: a municipality administrator creates agencies in their municipality and
# invites their team leads; a team lead invites and deactivates their agency's staff and appoints team
# leads. The pages check the role first (coordination.selectors.staff, 404 for anyone else); the
# services check it again, and keep the rules: an agency with active staff keeps an active team lead,
# nobody deactivates themselves, and accounts with wider rights (superusers, municipality
# administrators) are changed only by a superuser in the Django admin.


def _require_administers(actor: User, user: User) -> None:
    if user.kind != AccountKind.STAFF or user.agency is None or not administers_agency(actor, user.agency):
        raise BusinessRuleError(_("You cannot administer this account."))
    if user.is_superuser or user.is_municipality_admin:
        raise BusinessRuleError(_("Only an administrator can change this account."))


def _keep_a_team_lead(agency: Agency, *, without: User) -> None:
    """Active staff always have an active team lead of their own agency."""
    others = User.objects.filter(agency=agency, kind=AccountKind.STAFF, is_active=True).exclude(pk=without.pk)
    if others.exists() and not others.filter(is_team_lead=True).exists():
        raise BusinessRuleError(
            _("%(agency)s must keep at least one team lead. Make someone else team lead first.")
            % {"agency": agency}
        )


def _lock(agency: Agency) -> Agency:
    # Changes to who leads an agency, and who is active in it, happen one at a time per agency.
    return Agency.objects.select_for_update().get(pk=agency.pk)


@transaction.atomic
def agency_create(*, actor: User, name: str, sector: str, level: str) -> Agency:
    """A municipality administrator creates an agency in their municipality."""
    municipality = municipality_admin_of(actor)
    if municipality is None:
        raise BusinessRuleError(_("Only a municipality administrator can create agencies."))
    name = " ".join(name.split())
    if Agency.objects.filter(name__iexact=name).exists():
        raise BusinessRuleError(_("There is already an agency called %(name)s.") % {"name": name})
    agency = Agency.objects.create(name=name, sector=sector, level=level, municipality=municipality)
    log_security_event("agency_created", actor_id=actor.pk, agency_id=agency.pk)
    return agency


@transaction.atomic
def staff_invite(
    *,
    actor: User,
    agency: Agency,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str = "",
    is_team_lead: bool = False,
) -> User:
    """An inactive account with an unusable password, and an invitation by e-mail to take it into use
    (coordination.accounts.staff_invitations). The e-mail address is the username."""
    if not administers_agency(actor, agency):
        raise BusinessRuleError(_("You cannot invite staff to this agency."))
    email = email.strip().lower()
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise BusinessRuleError(
            _("There is already a user account with the e-mail address %(email)s.") % {"email": email}
        )
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_title=job_title.strip(),
        agency=agency,
        kind=AccountKind.STAFF,
        is_team_lead=is_team_lead,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    staff_invitation_issue(actor=actor, user=user)
    return user


@transaction.atomic
def staff_invitation_resend(*, actor: User, user: User) -> User:
    """A new link; the old one stops working."""
    _require_administers(actor, user)
    if not awaits_enrolment(user):
        raise BusinessRuleError(_("%(name)s has already taken the account into use.") % {"name": user})
    staff_invitation_issue(actor=actor, user=user)
    return user


@transaction.atomic
def staff_deactivate(*, actor: User, user: User) -> User:
    """The account is closed at once: every session ends, the user leaves the teams they are on except
    where they hold the baton (the sweep then tells the team lead to give it to someone else: rule
    5b, started at once by pathways.signals), and permissions are recomputed. An invitation not yet
    accepted is withdrawn."""
    _require_administers(actor, user)
    if user.pk == actor.pk:
        raise BusinessRuleError(_("You cannot deactivate your own account."))
    _lock(user.agency)
    user = User.objects.select_for_update(of=("self",)).select_related("agency").get(pk=user.pk)
    if awaits_enrolment(user):
        StaffInvitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        log_security_event("staff_invitation_withdrawn", user_id=user.pk, actor_id=actor.pk)
        return user
    if not user.is_active:
        raise BusinessRuleError(_("%(name)s is already deactivated.") % {"name": user})
    _keep_a_team_lead(user.agency, without=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_for_user(user=user, reason="deactivated")
    memberships = TeamMembership.objects.active().filter(user=user)
    youth_ids = list(memberships.values_list("youth_id", flat=True))
    ended = memberships.exclude(youth__stafettholder=user).update(ended_on=timezone.localdate())
    youth_permissions_sync(Youth.objects.filter(pk__in=youth_ids))
    log_security_event("account_deactivated", user_id=user.pk, actor_id=actor.pk, memberships_ended=ended)
    return user


@transaction.atomic
def staff_reactivate(*, actor: User, user: User) -> User:
    """A deactivated colleague comes back: they sign in as before; the teams they left stay left."""
    _require_administers(actor, user)
    if user.is_active:
        raise BusinessRuleError(_("%(name)s is already active.") % {"name": user})
    if awaits_enrolment(user):
        raise BusinessRuleError(
            _("%(name)s has not accepted the invitation yet. Send it again instead.") % {"name": user}
        )
    user.is_active = True
    user.save(update_fields=["is_active"])
    log_security_event("account_reactivated", user_id=user.pk, actor_id=actor.pk)
    return user


@transaction.atomic
def staff_team_lead_set(*, actor: User, user: User, is_team_lead: bool) -> User:
    """Appoints a team lead of the agency, or ends the role (not of the agency's last active lead)."""
    _require_administers(actor, user)
    _lock(user.agency)
    user = User.objects.select_for_update(of=("self",)).select_related("agency").get(pk=user.pk)
    if user.is_team_lead == is_team_lead:
        return user
    if not is_team_lead:
        _keep_a_team_lead(user.agency, without=user)
    user.is_team_lead = is_team_lead
    user.save(update_fields=["is_team_lead"])
    log_security_event("team_lead_set", user_id=user.pk, actor_id=actor.pk, is_team_lead=is_team_lead)
    return user
