"""Periodic jobs of the coordination app. Thin: the work is in services."""

from celery import shared_task
from django.utils import timezone

from coordination.accounts.sessions import sessions_clear_expired
from coordination.models import Heartbeat


@shared_task
def heartbeat() -> None:
    """Scheduled by beat every minute; the health endpoint reads the time."""
    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})


@shared_task
def clear_expired_sessions() -> int:
    return sessions_clear_expired()
