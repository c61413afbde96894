from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import selectors
from coordination.access import YouthAccess, can_decide_case, can_hand_over, own_data_only, youth_access
from coordination.forms import YouthFilterForm, YouthForm
from coordination.services.youths import youth_create
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors as pathway_selectors


@own_data_only
@require_http_methods(["GET"])
def my_youths(request: HttpRequest) -> HttpResponse:
    filters = YouthFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    youths = selectors.my_youths(
        request.user,
        search=values.get("q") or "",
        status=values.get("status") or "active",
        level=values.get("level"),
        holder_only=bool(values.get("mine")),
        order=values.get("order") or "name",
    )
    page = Paginator(youths, settings.YOUTHS_PER_PAGE).get_page(request.GET.get("page"))
    for youth in page:
        youth.days_since_contact = selectors.days_since(youth.last_contact_at)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    template = "coordination/my_youths.html#results" if request.htmx else "coordination/my_youths.html"
    return render(request, template, context)


@own_data_only
@require_http_methods(["GET", "POST"])
def youth_new(request: HttpRequest) -> HttpResponse:
    form = YouthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        youth = run_service(form, youth_create, actor=request.user, **form.cleaned_data)
        if youth is not None:
            messages.success(request, _("The youth is registered. You are the stafettholder."))
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    return render(request, "coordination/youth_form.html", {"form": form})


@youth_access
@require_http_methods(["GET"])
def youth_overview(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    context = {
        "youth": youth,
        "access": access,
        "team": selectors.team_for_youth(youth),
        "pending_handover": selectors.pending_handover(youth),
        "open_actions": pathway_selectors.open_actions(access),
        "recent_log": list(pathway_selectors.log_for_youth(access)[:8]),
        "meetings": pathway_selectors.upcoming_meetings(access),
        "transitions": pathway_selectors.open_transitions(access),
        "missed": pathway_selectors.missed_appointments_without_outreach(access),
        "days_since_contact": selectors.days_since(youth.last_contact_at),
        "today": timezone.localdate(),
        "can_hand_over": can_hand_over(access),
        "can_decide_case": can_decide_case(access),
    }
    return render(request, "coordination/youth_overview.html", context)
