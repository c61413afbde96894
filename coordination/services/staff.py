"""Writes about staff users that change what they may see: moving to another agency.

A member represents their agency on a youth's team, and consent is given per agency. When a user
moves, their memberships now represent the new agency and their permissions are recomputed in the
same transaction: they keep what the new agency may see and lose what only the old one could. What
they wrote stays with the agency it was written for (coordination.services.authorship).
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from coordination.models import TeamMembership, User, Youth
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
