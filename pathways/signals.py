"""A stafettholder whose account is deactivated leaves youths without an active holder: the team lead
is told by the next sweep, which is started at once instead of waiting for the beat.

A signal, not a service call, because accounts are deactivated in the Django admin (and may be by
other code later); the receiver only enqueues the sweep, after commit, and the sweep decides.
"""

from django.db import transaction

from coordination.models import User, Youth, YouthStatus


def sweep_when_a_holder_is_deactivated(sender, instance: User, update_fields=None, **kwargs) -> None:
    if instance.is_active or (update_fields is not None and "is_active" not in update_fields):
        return
    if not Youth.objects.filter(stafettholder=instance, status=YouthStatus.ACTIVE).exists():
        return
    from pathways.tasks import sweep_reminders

    transaction.on_commit(sweep_reminders.delay)
