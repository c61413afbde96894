"""Staff users. Sign-in mechanics (second factor, sessions) live in coordination/accounts/."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.models.agencies import Agency


class User(AbstractUser):
    """A staff user (caseworker, team lead, administrator). Youth logins come later."""

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
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # E-mails (reminders) are written in this language; they are sent outside any request.
    language = models.CharField(
        _("language for e-mail"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
