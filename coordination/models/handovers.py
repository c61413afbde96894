"""The baton: who held it when, and requests to pass it on."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.youths import Youth


class StafettholderPeriod(models.Model):
    """History of who held the baton, and when."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="stafettholder_periods")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"], condition=Q(ended_at__isnull=True), name="one_open_stafettholder_period"
            ),
        ]


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Withdrawn")


class Handover(models.Model):
    """A request to pass the baton. Until the receiver accepts, the old holder stays responsible."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incoming_handovers"
    )
    note = models.TextField(_("note to the receiver"), blank=True)
    status = models.CharField(max_length=10, choices=HandoverStatus.choices, default=HandoverStatus.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    response_note = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth"], condition=Q(status="pending"), name="one_pending_handover_per_youth"
            ),
        ]

    @property
    def is_pending(self) -> bool:
        return self.status == HandoverStatus.PENDING
