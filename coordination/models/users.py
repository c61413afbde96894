"""Staff users. Sign-in mechanics (second factor, sessions) live in coordination/accounts/."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordination.models.agencies import Agency


class AccountKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    YOUTH = "youth", _("Youth")
    RELATIVE = "relative", _("Relative or guardian")


class User(AbstractUser):
    """A person who signs in: staff (caseworker, team lead, administrator) with a password and an
    authenticator app, or a youth or relative with a one-time code (or ID-porten). The two never reach
    each other's pages (coordination.accounts.middleware.AudienceMiddleware)."""

    kind = models.CharField(_("kind of account"), max_length=8, choices=AccountKind.choices, default="staff")

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    is_team_lead = models.BooleanField(_("team lead of own agency"), default=False)
    # Reviews emergency access that no other team lead of the user's agency can review.
    is_privacy_officer = models.BooleanField(_("privacy officer"), default=False)
    # Sees the municipality's aggregated statistics (no names, no ids, small numbers suppressed).
    is_planner = models.BooleanField(_("planner (municipal statistics)"), default=False)
    # Administers the municipality of their own agency (user.agency.municipality): creates its agencies
    # and invites their team leads, in the product (coordination/views/staff.py). Sees no case content.
    is_municipality_admin = models.BooleanField(
        _("municipality administrator"), default=False, db_default=False
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # E-mails (reminders) are written in this language; they are sent outside any request.
    language = models.CharField(
        _("language for e-mail"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )
    # Youths and relatives choose their language at first login; staff keep the language switch.
    language_chosen = models.BooleanField(default=False)
    # How a youth or relative hears of a new meeting or step (never the content itself).
    notify_by = models.CharField(
        _("tell me about news by"),
        max_length=8,
        choices=[("sms", _("SMS")), ("email", _("E-mail")), ("none", _("Do not tell me"))],
        default="sms",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [
            # The team page's staff search shows the first 20 hits by name: read in name order, it
            # stops after them instead of matching every staff member and sorting (4.6 -> 0.7 ms).
            models.Index(
                fields=["last_name", "first_name"],
                condition=Q(is_active=True, agency__isnull=False),
                name="active_staff_by_name",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_citizen(self) -> bool:
        """A youth or relative: the people the record is about, not those who work on it."""
        return self.kind != AccountKind.STAFF
