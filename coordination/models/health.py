"""Operations: proof that the periodic jobs run, for the health endpoint."""

from django.db import models


class Heartbeat(models.Model):
    """The last time a periodic job ran, for the health endpoint (e.g. name="beat")."""

    name = models.CharField(max_length=50, primary_key=True)
    at = models.DateTimeField()
