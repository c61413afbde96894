"""Celery tasks: thin wrappers that call one service. Scheduled in settings.CELERY_BEAT_SCHEDULE only.

Every task is idempotent, because with late acknowledgement a message can be delivered twice (a worker
died after the work but before the acknowledgement): the sweep derives everything from the database,
and an e-mail is sent only while its reminder row is pending and locked.
"""

from dataclasses import asdict

from celery import shared_task
from django.conf import settings

from pathways.services import dashboards, notifications, reminders, retention


@shared_task(name="pathways.sweep_reminders")
def sweep_reminders() -> dict:
    result = asdict(reminders.reminders_sweep())
    # The dashboards count the lapses just stored: refreshed in the same task, so they agree.
    result["dashboards"] = dashboards.refresh_all()
    return result


@shared_task(name="pathways.settle_lapses")
def settle_lapses(youth_id: int) -> int:
    return reminders.lapses_settle(youth_id=youth_id)


@shared_task(name="pathways.dispatch_reminder_emails")
def dispatch_reminder_emails() -> int:
    return len(reminders.reminder_emails_dispatch())


@shared_task(
    name="pathways.deliver_reminder_email",
    autoretry_for=(reminders.EmailNotSent,),
    max_retries=settings.REMINDER_EMAIL_MAX_RETRIES,
    retry_backoff=30,
    retry_backoff_max=settings.REMINDER_EMAIL_RETRY_BACKOFF_MAX,
    retry_jitter=True,
)
def deliver_reminder_email(reminder_id: int) -> str:
    # When the retries are used up the reminder stays pending; the dispatcher queues it again later.
    return reminders.reminder_email_deliver(reminder_id=reminder_id)


@shared_task(name="pathways.dispatch_notifications")
def dispatch_notifications() -> int:
    # Idempotent: a notification is sent only while its row is unsent and locked.
    return notifications.notifications_dispatch()


@shared_task(name="pathways.retention_sweep")
def retention_sweep() -> dict:
    """Once a day: the dry-run report first (in the retention log), then what it found is done, unless
    RETENTION_DRY_RUN_ONLY. Idempotent: what was deleted or anonymised is not found again."""
    report = retention.retention_run(dry_run=True)
    if settings.RETENTION_DRY_RUN_ONLY:
        return {"dry_run": report.pk}
    return {"dry_run": report.pk, "run": retention.retention_run(dry_run=False).pk}
