"""Object permissions (django-guardian), emergency access and the access log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.models.agency import Agency
from coordination.models.append_only import AppendOnlyModel
from coordination.models.youth import Youth


class YouthPermission(UserObjectPermissionBase):
    """guardian's direct foreign-key permission table for youths (one indexed join, no generic FK).

    Rows are derived from team membership ∩ consent by coordination.permissions and never edited by
    hand. `valid_from`/`valid_until` carry the consent's dates so an expired consent stops granting
    on the day it expires, without waiting for a recomputation.
    """

    content_object = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="user_permissions")
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("youth permission")


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


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CHANGE = "change", _("Changed")


class AccessLogEntry(AppendOnlyModel):
    """Who looked at or changed a youth's record, when and in what role. Append-only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, related_name="+")
    role = models.CharField(_("role"), max_length=20)
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="access_log")
    action = models.CharField(max_length=6, choices=AccessAction.choices)
    what = models.CharField(_("what"), max_length=200)
    emergency = models.ForeignKey(EmergencyAccess, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["youth", "-at"]),
            models.Index(fields=["user", "-at"]),
            # The team lead's unusual-access report reads one agency's recent rows.
            models.Index(fields=["agency", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.youth_id} {self.at:%Y-%m-%d %H:%M}"
