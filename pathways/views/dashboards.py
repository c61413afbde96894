"""Overview pages that read both apps: "Mine ungdommer", one youth's overview, the team lead's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, own_data_only, record_listed, youth_access
from coordination.selectors import handovers, team, youths
from coordination.web.views import paginate, render_page
from pathways.forms.dashboards import YouthFilterForm
from pathways.selectors import dashboards, log, meetings, plan, transitions
from pathways.selectors import my_day as my_day_selectors
from pathways.selectors import reminders as reminder_selectors


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
    recent_log, missed = log.overview_log(access)
    context = {
        "youth": youth,
        "access": access,
        "team": team.team_for_youth(youth),
        "pending_handover": handovers.pending_handover(access),
        "open_actions": plan.open_actions(access),
        "recent_log": recent_log,
        "meetings": meetings.upcoming_meetings(access),
        "transitions": transitions.open_transitions(access),
        "missed": missed,
        "days_since_contact": dashboards.days_since(youth.last_contact_at),
        "closing": youths.closing_decision(access),
        "today": timezone.localdate(),
    }
    return render(request, "coordination/youth_overview.html", context)


@own_data_only
@require_http_methods(["GET"])
def my_day(request: HttpRequest) -> HttpResponse:
    """ "Min dag": evaluations, meetings and reminders due today and this week, and the youths I hold
    whom nobody has contacted within their follow-up interval — each one click from its page."""
    today = timezone.localdate()
    until = my_day_selectors.week_end(today)
    evaluations = list(my_day_selectors.evaluations_due(request.user, until)[:50])
    meetings = list(my_day_selectors.meetings_this_week(request.user, today)[:50])
    silent = list(my_day_selectors.held_without_contact(request.user)[:50])
    reminders = list(reminder_selectors.reminders_for_user(request.user)[:20])
    youth_ids = [row.youth_id for row in (*evaluations, *meetings)] + [youth.pk for youth in silent]
    record_listed(request, youth_ids + [reminder.lapse.youth_id for reminder in reminders])
    for youth in silent:
        youth.days_since_contact = dashboards.days_since(youth.last_contact_at)
    context = {
        "today": today,
        "week_end": until,
        "evaluations": evaluations,
        "meetings": meetings,
        "silent": silent,
        "reminders": reminders,
    }
    return render(request, "pathways/my_day.html", context)
