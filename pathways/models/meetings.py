from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, InformationCategory, Language, Relative, Youth
from coordination.models.content import ContentModel
from pathways.models.log import LogEntry


class Meeting(ContentModel):
    """A samarbeidsmøte / ansvarsgruppemøte. Its minutes become an entry in the log."""

    CONTENT_FIELDS = ("title", "location", "agenda")

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("time"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    is_digital = models.BooleanField(_("digital meeting"), default=False)
    agenda = models.TextField(_("agenda"), blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("participants"), related_name="meetings", blank=True
    )
    youth_attends = models.BooleanField(_("the youth takes part"), default=True)
    relatives = models.ManyToManyField(Relative, verbose_name=_("relatives taking part"), blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=8, choices=Language.choices, blank=True
    )
    interpreter_booked = models.BooleanField(_("interpreter booked"), default=False)
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )
    minutes_entry = models.OneToOneField(
        LogEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The agency it was written for, fixed when written (not the author's agency of today).
    agency = models.ForeignKey(
        Agency, verbose_name=_("written for"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency: an edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["youth", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def has_minutes(self) -> bool:
        return self.minutes_entry_id is not None
