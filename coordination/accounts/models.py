"""Sign-in records. Registered with the coordination app through coordination.models."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class UserSession(models.Model):
    """Which sessions belong to which user, so they can be ended server-side (deactivation, reset)
    without decoding every session in the store. Written at login, removed at logout."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user"], name="usersession_user")]
