from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import selectors
from coordination.access import can_hand_over, is_stafettholder, youth_access
from coordination.forms import RelativeForm, TeamMemberAddForm
from coordination.models import TeamMembership, Youth
from coordination.services.relatives import relative_add
from coordination.services.team import team_member_add, team_member_end
from coordination.views.helpers import redirect_after_post, run_service


def _team_page(request: HttpRequest, youth: Youth, **forms) -> HttpResponse:
    context = {
        "youth": youth,
        "team": selectors.team_for_youth(youth),
        "relatives": list(youth.relatives.all()),
        "history": selectors.stafettholder_history(youth),
        "pending_handover": selectors.pending_handover(youth),
        "member_form": forms.get("member_form") or TeamMemberAddForm(youth=youth),
        "relative_form": forms.get("relative_form") or RelativeForm(),
        "can_hand_over": can_hand_over(request.user, youth),
        "is_stafettholder": is_stafettholder(request.user, youth),
    }
    return render(request, "coordination/team.html", context)


@youth_access
@require_http_methods(["GET"])
def team(request: HttpRequest, youth: Youth) -> HttpResponse:
    return _team_page(request, youth)


@youth_access
@require_http_methods(["POST"])
def team_member_new(request: HttpRequest, youth: Youth) -> HttpResponse:
    form = TeamMemberAddForm(request.POST, youth=youth)
    if form.is_valid():
        data = form.cleaned_data
        if (
            run_service(
                form, team_member_add, actor=request.user, youth=youth, user=data["user"], role=data["role"]
            )
            is not None
        ):
            messages.success(request, _("%(name)s was added to the team.") % {"name": data["user"]})
            return redirect_after_post(request, reverse("team", args=[youth.pk]))
    return _team_page(request, youth, member_form=form)


@youth_access
@require_http_methods(["POST"])
def team_member_leave(request: HttpRequest, youth: Youth, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(TeamMembership, youth=youth, pk=membership_id, ended_on__isnull=True)
    form = TeamMemberAddForm(youth=youth)
    if run_service(form, team_member_end, actor=request.user, youth=youth, membership=membership) is not None:
        messages.success(request, _("%(name)s has left the team.") % {"name": membership.user})
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect_after_post(request, reverse("team", args=[youth.pk]))


@youth_access
@require_http_methods(["POST"])
def relative_new(request: HttpRequest, youth: Youth) -> HttpResponse:
    form = RelativeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if run_service(form, relative_add, actor=request.user, youth=youth, **data) is not None:
            messages.success(request, _("The relative was added."))
            return redirect_after_post(request, reverse("team", args=[youth.pk]))
    return _team_page(request, youth, relative_form=form)
