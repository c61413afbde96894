"""Emergency access (break the glass) to one youth, and the team lead's review of it."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import (
    emergency_entry,
    is_team_lead,
    own_data_only,
    team_member_youth_for_emergency,
)
from coordination.forms.emergency import EmergencyAccessForm, EmergencyReviewForm
from coordination.selectors.emergency import emergency_accesses_to_review
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
@require_http_methods(["GET"])
def privacy_reviews(request: HttpRequest) -> HttpResponse:
    """A privacy officer's queue: emergency accesses no other team lead of the agency can review."""
    if not request.user.is_privacy_officer:
        raise Http404
    to_review = emergency_accesses_to_review(request.user)
    return render(request, "coordination/privacy_reviews.html", {"to_review": to_review})


@own_data_only
@require_http_methods(["GET", "POST"])
def emergency_review(request: HttpRequest, emergency_id: int) -> HttpResponse:
    emergency = get_object_or_404(emergency_accesses_to_review(request.user), pk=emergency_id)
    back = reverse("team_lead") if is_team_lead(request.user) else reverse("privacy_reviews")
    form = EmergencyReviewForm(request.POST or None)
    done = submit(
        request,
        form,
        emergency_access_review,
        actor=request.user,
        access=emergency,
        success=_("The review was recorded."),
        then=back,
    )
    return done or form_page(
        request,
        form,
        emergency=emergency,
        title=_("Review emergency access"),
        cancel=back,
        template="coordination/emergency_review.html",
    )
