"""The team lead's agency-wide figures, pre-aggregated.

At tens of thousands of youths every figure of the dashboard scans the agency's youths (a large
agency has ten thousand of them), so the unfiltered figures are computed by the sweep's task and by a
lead's "update now", and read here; pathways/services/dashboards.py says when a row is fresh enough.
The figures are counts about the agency, never content, and every lead of the agency sees the same.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.models import Agency


class AgencyFigures(models.Model):
    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, primary_key=True, related_name="+")
    computed_at = models.DateTimeField()
    # pathways.services.dashboards.compute(): counts per figure, levels, 12-month trends, unusual access.
    figures = models.JSONField()

    class Meta:
        verbose_name = _("agency figures")
        verbose_name_plural = _("agency figures")

    def __str__(self) -> str:
        return f"{self.agency_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
