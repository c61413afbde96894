"""Overview pages that read both apps: "Mine ungdommer", one youth's overview, the team lead's page."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, own_data_only, record_listed, require_team_lead, youth_access
from coordination.selectors import access_log, emergency, handovers, team, youths
from coordination.web.views import paginate, render_page
from pathways.forms.dashboards import YouthFilterForm
from pathways.models import Withholding
from pathways.selectors import dashboards, log, meetings, plan, transitions


@own_data_only
@require_http_methods(["GET"])
def my_youths(request: HttpRequest) -> HttpResponse:
    filters = YouthFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    youths = dashboards.my_youths(
        request.user,
        search=values.get("q") or "",
        status=values.get("status") or "active",
        level=values.get("level"),
        holder_only=bool(values.get("mine")),
        order=values.get("order") or "name",
    )
    page = paginate(request, youths, "youths")
    for youth in page:
        youth.days_since_contact = dashboards.days_since(youth.last_contact_at)
    record_listed(request, [youth.pk for youth in page])
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render_page(request, "coordination/my_youths.html", context)


@youth_access
@require_http_methods(["GET"])
def youth_overview(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    context = {
        "youth": youth,
        "access": access,
        "team": team.team_for_youth(youth),
        "pending_handover": handovers.pending_handover(access),
        "open_actions": plan.open_actions(access),
        "recent_log": list(log.log_for_youth(access)[:8]),
        "meetings": meetings.upcoming_meetings(access),
        "transitions": transitions.open_transitions(access),
        "missed": log.missed_appointments_without_outreach(access),
        "days_since_contact": dashboards.days_since(youth.last_contact_at),
        "closing": youths.closing_decision(access),
        "today": timezone.localdate(),
    }
    return render(request, "coordination/youth_overview.html", context)


@own_data_only
@require_http_methods(["GET"])
def team_lead(request: HttpRequest) -> HttpResponse:
    """Caseload metadata of the lead's agency, emergency accesses to review, unusual access, and the
    entries kept from youths whose stafettholder is in the agency."""
    require_team_lead(request.user)
    lead = request.user
    page = paginate(request, dashboards.agency_youths(lead), "team_lead")
    for youth in page:
        youth.days_since_contact = dashboards.days_since(youth.last_contact_at)
    kept = paginate(request, _kept_from_youths(lead), "team_lead", param="skjult")
    record_listed(request, [youth.pk for youth in page] + [marking.entry.youth_id for marking in kept])
    context = {
        "page": page,
        "kept": kept,
        "staff": paginate(request, dashboards.staff_caseloads(lead), "team_lead", param="ansatte"),
        "to_review": emergency.emergency_accesses_to_review(lead),
        "unusual": access_log.unusual_access(lead),
        "threshold": settings.UNUSUAL_ACCESS_YOUTHS_PER_WEEK,
    }
    return render(request, "coordination/team_lead.html", context)


def _kept_from_youths(lead):
    """Log entries kept from the youth, for youths whose stafettholder is in the lead's agency: who,
    why and when, never the entry's text (not even read from the database)."""
    return (
        Withholding.objects.filter(entry__youth__stafettholder__agency_id=lead.agency_id)
        .select_related("entry__youth", "by", "agency")
        .defer("entry__text")
        .order_by("-at", "-pk")
    )
