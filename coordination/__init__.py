# Make the Celery app load with Django so shared_task uses it.
from coordination.celery import app as celery_app

__all__ = ["celery_app"]
