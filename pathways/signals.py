"""Two receivers that start reminder work early. The sweep stays the guarantee; these only save
waiting for the next one. Signals, not service calls, because the events come from many places:

- a stafettholder whose account is deactivated (in the Django admin) leaves youths without an active
  holder: the sweep is started at once, so the team lead hears now;
- every change to a case writes a log entry (an evaluation, a contact, an answered handover, a
  planned transition…): the youth's open lapses that it fixed are resolved straight after commit, so
  the reminder leaves the inbox at once.
Both only enqueue a task after commit; if the broker is down they log it and the next sweep catches up.
"""

from django.db import transaction

from coordination.celery import enqueue
from coordination.models import User, Youth, YouthStatus
from pathways.models import Lapse, LogEntry


def sweep_when_a_holder_is_deactivated(sender, instance: User, update_fields=None, **kwargs) -> None:
    if instance.is_active or (update_fields is not None and "is_active" not in update_fields):
        return
    if not Youth.objects.filter(stafettholder=instance, status=YouthStatus.ACTIVE).exists():
        return
    transaction.on_commit(lambda: enqueue("pathways.sweep_reminders"))


def settle_lapses_after_a_log_entry(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created or not Lapse.objects.filter(youth_id=instance.youth_id, resolved_at__isnull=True).exists():
        return
    youth_id = instance.youth_id
    transaction.on_commit(lambda: enqueue("pathways.settle_lapses", youth_id))
