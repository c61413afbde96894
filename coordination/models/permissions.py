"""The derived object permissions (django-guardian) that decide who sees a youth and which categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.models.youths import Youth

SEE_YOUTH = "see_youth"


def category_codename(category: str) -> str:
    return f"see_{category}"


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
        # One row per period: consents with a gap between them grant for their periods, not the gap.
        unique_together = ()
        constraints = [
            models.UniqueConstraint(
                fields=["user", "permission", "content_object", "valid_from"],
                nulls_distinct=False,
                name="one_youth_permission_per_period",
            )
        ]
