"""Emergency access (break the glass) to one youth, and the team lead's review of it."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import (
    emergency_entry,
    own_data_only,
    require_team_lead,
    team_member_youth_for_emergency,
)
from coordination.forms.emergency import EmergencyAccessForm, EmergencyReviewForm
from coordination.models import EmergencyAccess
from coordination.services.emergency import emergency_access_review, emergency_access_start
from coordination.web.views import form_page, submit


@emergency_entry
@require_http_methods(["GET", "POST"])
def emergency_access(request: HttpRequest, youth_id: int) -> HttpResponse:
    youth = team_member_youth_for_emergency(request.user, youth_id)
    overview = reverse("youth_overview", args=[youth.pk])
    form = EmergencyAccessForm(request.POST or None)
    done = submit(
        request,
        form,
        emergency_access_start,
        actor=request.user,
        youth=youth,
        success=_("Emergency access is active for %(hours)s hours. It is logged and will be reviewed.")
        % {"hours": settings.EMERGENCY_ACCESS_HOURS},
        then=overview,
    )
    return done or form_page(
        request,
        form,
        youth=youth,
        title=_("Emergency access"),
        cancel=reverse("my_youths"),
        template="coordination/emergency_form.html",
    )


@own_data_only
@require_http_methods(["GET", "POST"])
def emergency_review(request: HttpRequest, emergency_id: int) -> HttpResponse:
    require_team_lead(request.user)
    emergency = get_object_or_404(
        EmergencyAccess.objects.select_related("user", "youth"),
        pk=emergency_id,
        agency_id=request.user.agency_id,
        reviewed_at__isnull=True,
    )
    form = EmergencyReviewForm(request.POST or None)
    done = submit(
        request,
        form,
        emergency_access_review,
        actor=request.user,
        access=emergency,
        success=_("The review was recorded."),
        then=reverse("team_lead"),
    )
    return done or form_page(
        request,
        form,
        emergency=emergency,
        title=_("Review emergency access"),
        cancel=reverse("team_lead"),
        template="coordination/emergency_review.html",
    )
