from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import selectors
from coordination.access import YouthAccess, can_hand_over, require, youth_access
from coordination.forms import RelativeForm, TeamMemberAddForm
from coordination.models import TeamMembership
from coordination.services.relatives import relative_add
from coordination.services.team import team_member_add, team_member_end
from coordination.views.helpers import redirect_after_post, run_service


def _team_page(request: HttpRequest, access: YouthAccess, **forms) -> HttpResponse:
    youth = access.youth
    search = request.GET.get("sok", "")[:100]
    context = {
        "youth": youth,
        "access": access,
        "team": selectors.team_for_youth(youth),
        "relatives": list(youth.relatives.all()),
        "history": selectors.stafettholder_history(youth),
        "pending_handover": selectors.pending_handover(youth),
        "member_form": forms.get("member_form") or TeamMemberAddForm(youth=youth, search=search),
        "search": search,
        "relative_form": forms.get("relative_form") or RelativeForm(),
        "can_hand_over": can_hand_over(access),
        "can_manage_team": access.is_stafettholder,
    }
    template = (
        "coordination/team.html#candidates"
        if request.htmx and "sok" in request.GET
        else "coordination/team.html"
    )
    return render(request, template, context)


@youth_access
@require_http_methods(["GET"])
def team(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    return _team_page(request, access)


@youth_access
@require_http_methods(["POST"])
def team_member_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    require(access.is_stafettholder)
    form = TeamMemberAddForm(request.POST, youth=youth)
    if form.is_valid():
        data = form.cleaned_data
        if run_service(
            form, team_member_add, actor=request.user, youth=youth, user=data["user"], role=data["role"]
        ):
            messages.success(request, _("%(name)s was added to the team.") % {"name": data["user"]})
            return redirect_after_post(request, reverse("team", args=[youth.pk]))
    return _team_page(request, access, member_form=form)


@youth_access
@require_http_methods(["POST"])
def team_member_leave(request: HttpRequest, access: YouthAccess, membership_id: int) -> HttpResponse:
    youth = access.youth
    membership = get_object_or_404(TeamMembership, youth=youth, pk=membership_id, ended_on__isnull=True)
    # The stafettholder manages the team; anyone may take themselves off it.
    require(access.is_stafettholder or membership.user_id == request.user.pk)
    form = TeamMemberAddForm(youth=youth)
    if run_service(form, team_member_end, actor=request.user, youth=youth, membership=membership) is not None:
        messages.success(request, _("%(name)s has left the team.") % {"name": membership.user})
    else:
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect_after_post(request, reverse("team", args=[youth.pk]))


@youth_access
@require_http_methods(["POST"])
def relative_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    require(access.is_stafettholder)
    form = RelativeForm(request.POST)
    if form.is_valid():
        if run_service(form, relative_add, actor=request.user, youth=youth, **form.cleaned_data) is not None:
            messages.success(request, _("The relative was added."))
            return redirect_after_post(request, reverse("team", args=[youth.pk]))
    return _team_page(request, access, relative_form=form)
