"""The team around a youth (members from several agencies) and the youth's relatives."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.agencies import Agency
from coordination.models.choices import InformationCategory, Language
from coordination.models.content import ContentModel
from coordination.models.youths import Youth, validate_national_id


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
            models.Index(fields=["user", "youth"], condition=Q(ended_on__isnull=True), name="active_mem"),
            # An agency's youths (team-lead dashboard, statistics): read from the index alone.
            models.Index(
                fields=["agency", "youth"], condition=Q(ended_on__isnull=True), name="active_agency_mem"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.youth}"


def is_active_member(youth_id: int, user_id: int) -> bool:
    """The one definition of "on the youth's team right now", used by access checks and services."""
    return TeamMembership.objects.active().filter(youth_id=youth_id, user_id=user_id).exists()


class Relative(ContentModel):
    """Pårørende / foresatte. Their details are content like any other text about the youth."""

    CONTENT_FIELDS = ("name", "relation", "phone", "email")

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="relatives")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=100)
    has_parental_responsibility = models.BooleanField(_("parental responsibility"), default=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.NORWEGIAN
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    # Optional: lets the relative sign in with ID-porten (the `pid` claim is the national id).
    national_id = models.CharField(
        _("national identity number"), max_length=11, blank=True, validators=[validate_national_id]
    )
    # The relative's own login (one person may be the relative of several youths).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relative_records",
    )
    # The agency it was written for, fixed when written (not the author's agency of today).
    agency = models.ForeignKey(
        Agency, verbose_name=_("written for"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"
