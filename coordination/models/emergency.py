"""Break the glass: time-limited access with a reason, reviewed afterwards."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.agencies import Agency
from coordination.models.youths import Youth


class EmergencyAccess(models.Model):
    """Break the glass: time-limited access to all categories, with a reason, reviewed by a team lead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="emergency_accesses")
    reason = models.TextField(_("reason"))
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["user", "youth", "expires_at"]),
            models.Index(fields=["agency", "reviewed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.youth} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()
