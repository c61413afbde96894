"""The team lead's pages: the dashboard of what lapses and waits, the list behind each figure, and
acting on it (giving the baton to someone else, moving a leaving member's caseload). Facts only."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import lead_youth_access, own_data_only, record_listed, require_team_lead
from coordination.models import TeamMembership, User, Youth, YouthStatus
from coordination.selectors import emergency
from coordination.services.handovers import baton_reassign, caseload_move
from coordination.web.charts import bar_chart
from coordination.web.views import form_page, paginate, render_page, submit
from pathways.forms.team_lead import CaseloadMoveForm, DashboardFilterForm, ReassignForm
from pathways.selectors import dashboards as dashboard_selectors
from pathways.selectors import team_lead as selectors
from pathways.services import dashboards


def _counted_anew(service):
    """A lead's action changes what the dashboard counts: their agency's next view counts anew."""

    def run(*, actor: User, **kwargs):
        result = service(actor=actor, **kwargs)
        dashboards.forget(actor.agency_id)
        return result

    return run


def _filters(request: HttpRequest) -> tuple[DashboardFilterForm, dict, int]:
    staff = list(
        User.objects.filter(agency_id=request.user.agency_id, kind="staff")
        .only("first_name", "last_name", "username")
        .order_by("last_name", "first_name")
    )
    form = DashboardFilterForm(request.GET or None, staff=staff)
    values = form.cleaned_data if form.is_valid() else {}
    return form, {"holder": values.get("holder"), "level": values.get("level")}, values.get("period") or 12


@own_data_only
@require_http_methods(["GET"])
def team_lead(request: HttpRequest) -> HttpResponse:
    """What lapses and waits in the agency's youths; caseloads; reviews; unusual access."""
    require_team_lead(request.user)
    lead = request.user
    form, filters, months = _filters(request)
    dashboard = dashboards.dashboard_for(lead, **filters)
    trends = dashboard.trends_over(months)
    page = paginate(request, dashboard_selectors.agency_youths(lead), "dashboard")
    for youth in page:
        youth.days_since_contact = dashboard_selectors.days_since(youth.last_contact_at)
    kept = paginate(request, selectors.kept_from_youths(lead), "dashboard", param="skjult")
    record_listed(request, [youth.pk for youth in page] + [marking.entry.youth_id for marking in kept])
    context = {
        "kept": kept,
        "filters": form,
        "query": request.GET.urlencode(),
        "figures": dashboard.counts,
        "computed_at": dashboard.computed_at,
        "stored": dashboard.stored,
        "charts": [
            (
                "levels",
                bar_chart(
                    _("Youths by BTI level"),
                    _("Bars: youths at each level."),
                    ["0", "1", "2", "3"],
                    dashboard.levels,
                ),
            ),
            (
                "new",
                bar_chart(
                    _("New cases, last %(months)d months") % {"months": months},
                    _("Bars: new cases each month."),
                    [month.strftime("%m") for month in trends["months"]],
                    trends["new"],
                ),
            ),
        ],
        "trends": trends,
        "page": page,
        "staff": paginate(request, dashboard_selectors.staff_caseloads(lead), "dashboard", param="ansatte"),
        "to_review": emergency.emergency_accesses_to_review(lead),
        "unusual": dashboard.unusual,
        "threshold": settings.UNUSUAL_ACCESS_YOUTHS_PER_WEEK,
    }
    return render_page(request, "coordination/team_lead.html", context)


@own_data_only
@require_http_methods(["POST"])
def refresh(request: HttpRequest) -> HttpResponse:
    """ "Update now": the agency's figures counted anew, at once."""
    require_team_lead(request.user)
    dashboards.refresh(request.user.agency_id)
    messages.success(request, _("The figures are updated."))
    return redirect("team_lead")


@own_data_only
@require_http_methods(["GET"])
def figure_list(request: HttpRequest, key: str) -> HttpResponse:
    """The youths behind one figure of the dashboard."""
    require_team_lead(request.user)
    figure = selectors.FIGURE_BY_KEY.get(key)
    if figure is None:
        raise Http404
    _form, filters, _months = _filters(request)
    page = paginate(request, selectors.youths_for_figure(request.user, key, **filters), "team_lead")
    record_listed(request, [youth.pk for youth in page])
    context = {"figure": figure, "page": page, "query": request.GET.urlencode()}
    return render(request, "coordination/team_lead_list.html", context)


def _candidates(youth: Youth):
    return (
        User.objects.filter(
            memberships__youth=youth, memberships__ended_on__isnull=True, is_active=True, kind="staff"
        )
        .exclude(pk=youth.stafettholder_id)
        .order_by("last_name", "first_name")
    )


@lead_youth_access
@require_http_methods(["GET", "POST"])
def reassign(request: HttpRequest, youth: Youth) -> HttpResponse:
    form = ReassignForm(request.POST or None, candidates=_candidates(youth))
    done = submit(
        request,
        form,
        _counted_anew(baton_reassign),
        actor=request.user,
        youth=youth,
        success=lambda handover: _("%(name)s is now the stafettholder.") % {"name": handover.to_user},
        then=reverse("team_lead"),
    )
    return done or form_page(
        request,
        form,
        youth=youth,
        title=_("Give the baton to someone else"),
        cancel=reverse("team_lead"),
        template="coordination/reassign_form.html",
    )


@own_data_only
@require_http_methods(["GET", "POST"])
def caseload(request: HttpRequest, staff_id: int) -> HttpResponse:
    """Moves a leaving staff member's caseload in one reviewed step: choose, review, confirm."""
    require_team_lead(request.user)
    member = get_object_or_404(User, pk=staff_id, agency_id=request.user.agency_id, kind="staff")
    youths = list(
        Youth.objects.filter(stafettholder=member, status=YouthStatus.ACTIVE).order_by(
            "last_name", "first_name"
        )[:200]
    )
    candidates = {
        youth.pk: User.objects.filter(
            pk__in=TeamMembership.objects.active().filter(youth=youth).values("user_id"),
            is_active=True,
            kind="staff",
        ).exclude(pk=member.pk)
        for youth in youths
    }
    form = CaseloadMoveForm(request.POST or None, youths=youths, candidates_by_youth=candidates)
    reviewing = request.method == "POST" and form.is_valid() and not form.cleaned_data["confirm"]
    if reviewing:
        return render(
            request,
            "coordination/caseload_review.html",
            {"member": member, "form": form, "moves": form.assignments()},
        )
    done = submit(
        request,
        form,
        _counted_anew(caseload_move),
        actor=request.user,
        success=lambda handovers: _("%(count)d youths have a new stafettholder.") % {"count": len(handovers)},
        then=reverse("team_lead"),
    )
    context = {"member": member, "form": form, "cancel": reverse("team_lead")}
    return done or render(request, "coordination/caseload_form.html", context)
