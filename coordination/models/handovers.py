"""The baton: who held it when, and requests to pass it on."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.content import ContentModel
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
    # A team lead gave the baton to someone else (the holder had left or was away).
    REASSIGNED = "reassigned", _("Reassigned by the team lead")


class Handover(ContentModel):
    """A request to pass the baton. Until the receiver accepts, the old holder stays responsible.
    The team sees that a handover is pending; its notes are for the two people it is between."""

    CONTENT_FIELDS = ("note", "response_note")

    @classmethod
    def visibility(cls, access, prefix: str = "") -> Q:
        return Q()

    @classmethod
    def mark(cls, access):
        between = Q(from_user=access.user) | Q(to_user=access.user)
        return Case(
            When(between, then=Value(access.user.pk)), default=None, output_field=models.BigIntegerField()
        )

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
    reassigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

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
