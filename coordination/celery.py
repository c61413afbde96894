"""The Celery app, and `enqueue`, the one way code hands work to a worker.

Services enqueue tasks by name after their transaction commits, so they never import the task
modules (which import the services): no import cycle, and a rolled-back change sends nothing.
"""

import logging
import os

from celery import Celery
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordination.settings")

app = Celery("stafett")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args) -> None:
    """Sends one task. If the broker is down it is logged: the periodic sweep derives the same work
    from the database, so nothing is lost, only later."""
    try:
        app.send_task(task_name, args=args)
    except OperationalError:
        logger.warning("Could not enqueue %s%s; the next sweep will do it", task_name, args, exc_info=True)
