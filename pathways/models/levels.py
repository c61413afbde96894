from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import BtiLevel, Youth
from coordination.models.append_only import AppendOnlyModel


class LevelChange(AppendOnlyModel):
    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="level_changes")
    from_level = models.PositiveSmallIntegerField(choices=BtiLevel.choices)
    to_level = models.PositiveSmallIntegerField(_("new level"), choices=BtiLevel.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]
