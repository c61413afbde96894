from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.agency import Agency
from coordination.models.youth import Youth


class TeamMembershipQuerySet(models.QuerySet):
    def active(self) -> "TeamMembershipQuerySet":
        return self.filter(ended_on__isnull=True)


class TeamMembership(models.Model):
    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="team_memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    # The agency the member represents on this team, fixed when they join.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role in the team"), max_length=100)
    started_on = models.DateField(_("from"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "user"], condition=Q(ended_on__isnull=True), name="one_open_membership"
            ),
        ]
        indexes = [
            models.Index(fields=["user", "youth"], condition=Q(ended_on__isnull=True), name="active_mem")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.youth}"


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


def is_active_member(youth_id: int, user_id: int) -> bool:
    """The one definition of "on the youth's team right now", used by access checks and services."""
    return TeamMembership.objects.active().filter(youth_id=youth_id, user_id=user_id).exists()
