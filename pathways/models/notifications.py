"""Telling youths and relatives that there is something new (a meeting, a changed meeting, a new step
in the plan, a new version of the individual plan) by SMS or e-mail as they chose: never at night,
never with content in the message."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Youth


class NotificationKind(models.TextChoices):
    MEETING_NEW = "meeting_new", _("A new meeting")
    MEETING_CHANGED = "meeting_changed", _("A meeting was changed")
    STEP_NEW = "step_new", _("A new step in the plan")
    INVITED_TO_MEETING = "meeting_invite", _("You are invited to a meeting")
    PLAN_VERSION_NEW = "plan_version", _("A new version of the individual plan")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Quiet hours: not before this moment.
    send_after = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=5, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["send_after"], condition=models.Q(sent_at__isnull=True), name="notifications_due"
            )
        ]
