"""The team lead's agency-wide figures: computed from the live selectors, stored, and read back while
fresh (pathways.models.AgencyFigures says why).

The sweep's task refreshes every agency with a team lead right after it has stored the lapses the
figures count, so the dashboard says what the reminders say; a lead can refresh their agency at once
("update now"), and their own actions on the dashboard (giving the baton on, moving a caseload) drop
the stored row so the next view counts anew. Filtered views (by staff member or level) are a part of
the agency and always counted live. A row older than DASHBOARD_FIGURES_MAX_AGE is never shown.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from coordination.models import Agency, ClosingReason, User
from coordination.selectors import access_log
from pathways.models import AgencyFigures
from pathways.selectors import team_lead as selectors


@dataclass(frozen=True)
class Dashboard:
    counts: list[tuple[selectors.Figure, int]]
    levels: list[int]
    trends: dict
    unusual: list[dict]
    computed_at: datetime.datetime
    stored: bool  # read from AgencyFigures rather than counted for this request

    def trends_over(self, months: int) -> dict:
        """The last `months` of the stored 12, closed cases keyed by the reason's label."""
        trends = self.trends
        return {
            **trends,
            "months": trends["months"][-months:],
            "new": trends["new"][-months:],
            "closed": {_reason_label(value): counts[-months:] for value, counts in trends["closed"].items()},
        }


def _reason_label(value: str) -> str:
    return ClosingReason(value).label if value in ClosingReason.values else value  # a reason since removed


def compute(agency_id: int, now: datetime.datetime, **filters) -> dict:
    """Every agency-wide figure of the dashboard, as JSON (the live selectors are the definition)."""
    trends = selectors.trends(agency_id, timezone.localdate(now))
    return {
        "counts": selectors.figure_counts(agency_id, **filters),
        "levels": selectors.level_distribution(agency_id, **filters),
        "trends": {**trends, "months": [month.isoformat() for month in trends["months"]]},
        "unusual": access_log.unusual_access(agency_id),
    }


def refresh(agency_id: int, *, now: datetime.datetime | None = None) -> AgencyFigures:
    now = now or timezone.now()
    row = AgencyFigures(agency_id=agency_id, computed_at=now, figures=compute(agency_id, now))
    # One statement whoever else refreshes the same agency at the same moment (no get-then-create race).
    AgencyFigures.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["agency"], update_fields=["computed_at", "figures"]
    )
    return row


def refresh_all(*, now: datetime.datetime | None = None) -> int:
    """Every agency that has an active team lead; the number refreshed."""
    now = now or timezone.now()
    agencies = Agency.objects.filter(staff__is_team_lead=True, staff__is_active=True).distinct()
    ids = list(agencies.values_list("pk", flat=True).order_by("pk"))
    for agency_id in ids:
        refresh(agency_id, now=now)
    return len(ids)


def forget(agency_id: int) -> None:
    """After a lead's action changes what the figures count: the next view counts anew."""
    AgencyFigures.objects.filter(agency_id=agency_id).delete()


def _dashboard(figures: dict, computed_at: datetime.datetime, stored: bool) -> Dashboard:
    trends = figures["trends"]
    return Dashboard(
        counts=[(figure, figures["counts"][figure.key]) for figure in selectors.FIGURES],
        levels=figures["levels"],
        trends={**trends, "months": [datetime.date.fromisoformat(month) for month in trends["months"]]},
        unusual=figures["unusual"],
        computed_at=computed_at,
        stored=stored,
    )


def dashboard_for(lead: User, **filters) -> Dashboard:
    """The stored figures when fresh and unfiltered; otherwise counted now (and stored if unfiltered)."""
    now = timezone.now()
    if any(value is not None for value in filters.values()):
        return _dashboard(compute(lead.agency_id, now, **filters), now, stored=False)
    fresh = now - settings.DASHBOARD_FIGURES_MAX_AGE
    row = AgencyFigures.objects.filter(agency_id=lead.agency_id, computed_at__gte=fresh).first()
    if row is None:
        row = refresh(lead.agency_id, now=now)
        return _dashboard(row.figures, row.computed_at, stored=False)
    return _dashboard(row.figures, row.computed_at, stored=True)
