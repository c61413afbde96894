from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency, BtiLevel, InformationCategory, Youth
from coordination.models.content import AppendOnlyContentModel


class LevelChange(AppendOnlyContentModel):
    """A change of BTI level with its reason. The reason is content: the writer picks its category."""

    CONTENT_FIELDS = ("reason",)

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="level_changes")
    from_level = models.PositiveSmallIntegerField(choices=BtiLevel.choices)
    to_level = models.PositiveSmallIntegerField(_("new level"), choices=BtiLevel.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
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
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]
