"""Access log (innsynslogg), emergency access (break the glass) and the team lead's review pages."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import team_lead_selectors
from coordination.access import (
    YouthAccess,
    can_read_access_log,
    emergency_entry,
    own_data_only,
    require,
    team_member_youth_for_emergency,
    youth_access,
)
from coordination.forms_consent import EmergencyAccessForm, EmergencyReviewForm
from coordination.models import AccessLogEntry, EmergencyAccess
from coordination.selectors import days_since
from coordination.services.emergency import emergency_access_review, emergency_access_start
from coordination.views.helpers import redirect_after_post, run_service


@youth_access
@require_http_methods(["GET"])
def access_log(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(can_read_access_log(access))
    entries = (
        AccessLogEntry.objects.filter(youth=access.youth)
        .select_related("user", "agency", "emergency")
        .order_by("-at", "-id")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request, "coordination/access_log.html", {"youth": access.youth, "access": access, "page": page}
    )


@emergency_entry
@require_http_methods(["GET", "POST"])
def emergency_access(request: HttpRequest, youth_id: int) -> HttpResponse:
    youth = team_member_youth_for_emergency(request.user, youth_id)
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if run_service(form, emergency_access_start, actor=request.user, youth=youth, reason=reason):
            messages.warning(
                request,
                _("Emergency access is active for %(hours)s hours. It is logged and will be reviewed.")
                % {"hours": settings.EMERGENCY_ACCESS_HOURS},
            )
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    return render(request, "coordination/emergency_form.html", {"youth": youth, "form": form})


def _require_team_lead(request: HttpRequest) -> None:
    if not (request.user.is_team_lead and request.user.agency_id):
        raise Http404


@own_data_only
@require_http_methods(["GET"])
def team_lead(request: HttpRequest) -> HttpResponse:
    """Caseload metadata of the lead's agency, emergency accesses to review and unusual access."""
    _require_team_lead(request)
    lead = request.user
    page = Paginator(team_lead_selectors.agency_youths(lead), 50).get_page(request.GET.get("page"))
    for youth in page:
        youth.days_since_contact = days_since(youth.last_contact_at)
    context = {
        "page": page,
        "staff": Paginator(team_lead_selectors.staff_caseloads(lead), 50).get_page(
            request.GET.get("ansatte")
        ),
        "to_review": team_lead_selectors.emergency_accesses_to_review(lead),
        "unusual": team_lead_selectors.unusual_access(lead),
        "threshold": settings.UNUSUAL_ACCESS_YOUTHS_PER_WEEK,
    }
    return render(request, "coordination/team_lead.html", context)


@own_data_only
@require_http_methods(["GET", "POST"])
def emergency_review(request: HttpRequest, emergency_id: int) -> HttpResponse:
    _require_team_lead(request)
    emergency = get_object_or_404(
        EmergencyAccess.objects.select_related("user", "youth"),
        pk=emergency_id,
        agency_id=request.user.agency_id,
        reviewed_at__isnull=True,
    )
    form = EmergencyReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if run_service(form, emergency_access_review, actor=request.user, access=emergency, note=note):
            messages.success(request, _("The review was recorded."))
            return redirect_after_post(request, reverse("team_lead"))
    return render(request, "coordination/emergency_review.html", {"emergency": emergency, "form": form})
