"""The team page: members, relatives and the stafettholder history; adding and ending membership."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.forms.team import RelativeForm, TeamMemberAddForm
from coordination.models import TeamMembership
from coordination.selectors import handovers, team
from coordination.services.team import relative_add, team_member_add, team_member_end
from coordination.web.views import perform, render_page, submit


def _team_url(access: YouthAccess) -> str:
    return reverse("team", args=[access.youth.pk])


def _team_page(request: HttpRequest, access: YouthAccess, **forms) -> HttpResponse:
    youth = access.youth
    search = request.GET.get("sok", "")[:100]
    context = {
        "youth": youth,
        "access": access,
        "team": team.team_for_youth(youth),
        "relatives": team.relatives_of(access),
        "history": handovers.stafettholder_history(youth),
        "pending_handover": handovers.pending_handover(access),
        "member_form": forms.get("member_form") or TeamMemberAddForm(youth=youth, search=search),
        "search": search,
        "relative_form": forms.get("relative_form") or RelativeForm(),
    }
    return render_page(request, "coordination/team.html", context)


@youth_access
@require_http_methods(["GET"])
def team_page(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    return _team_page(request, access)


@youth_access
@require_http_methods(["POST"])
def team_member_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.manage_team)
    form = TeamMemberAddForm(request.POST, youth=access.youth)
    done = submit(
        request,
        form,
        team_member_add,
        actor=request.user,
        youth=access.youth,
        success=lambda membership: _("%(name)s was added to the team.") % {"name": membership.user},
        then=_team_url(access),
    )
    return done or _team_page(request, access, member_form=form)


@youth_access
@require_http_methods(["POST"])
def team_member_leave(request: HttpRequest, access: YouthAccess, membership_id: int) -> HttpResponse:
    membership = access.get(TeamMembership.objects.active().select_related("user"), membership_id)
    require(access.may.end_membership(membership))
    return perform(
        request,
        team_member_end,
        actor=request.user,
        youth=access.youth,
        membership=membership,
        success=_("%(name)s has left the team.") % {"name": membership.user},
        then=_team_url(access),
    )


@youth_access
@require_http_methods(["POST"])
def relative_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.manage_team)
    form = RelativeForm(request.POST)
    done = submit(
        request,
        form,
        relative_add,
        actor=request.user,
        youth=access.youth,
        success=_("The relative was added."),
        then=_team_url(access),
    )
    return done or _team_page(request, access, relative_form=form)
