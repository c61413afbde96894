"""The signed-in user's reminder inbox (with the header's unread badge) and the team lead's escalations."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import (
    is_team_lead,
    own_data_only,
    record_listed,
    require_team_lead,
)
from coordination.models import AccessAction
from coordination.web.views import paginate, perform, render_page
from pathways.forms.reminders import ReminderHandledForm
from pathways.selectors import reminders as selectors
from pathways.services import dashboards
from pathways.services.reminders import reminder_mark_handled, reminders_mark_read


@own_data_only
@require_http_methods(["GET"])
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox; the header badge asks the same URL for its partial (#unread-badge)."""
    if request.htmx and request.htmx.target == "unread-badge":
        context = {"unread": selectors.unread_reminder_count(request.user)}
        return render_page(request, "pathways/inbox.html", context)
    settled = request.GET.get("vis") == "ferdige"
    page = paginate(request, selectors.reminders_for_user(request.user, settled=settled), "reminders")
    # Shown once as new, then read: the badge counts what the user has not seen yet.
    new_ids = {reminder.pk for reminder in page if reminder.read_at is None}
    reminders_mark_read(actor=request.user, reminder_ids=list(new_ids))
    record_listed(request, [reminder.lapse.youth_id for reminder in page])
    context = {
        "page": page,
        "settled": settled,
        "new_ids": new_ids,
        "unread": 0,
        "query": "vis=ferdige" if settled else "",
        "form": ReminderHandledForm(),
    }
    return render_page(request, "pathways/inbox.html", context)


@own_data_only
@require_http_methods(["POST"])
def reminder_handled(request: HttpRequest, reminder_id: int) -> HttpResponse:
    # Only a reminder still in the user's inbox (they may still see the youth, or lead the agency of an
    # escalated one). Writing what was done in the youth's log is a change: it is in the access log.
    reminder = get_object_or_404(selectors.reminders_for_user(request.user), pk=reminder_id)
    record_listed(request, [reminder.lapse.youth_id], action=AccessAction.CHANGE)
    if is_team_lead(request.user):  # answering an escalation: the lead's dashboard counts it at once
        dashboards.forget(request.user.agency_id)
    return perform(
        request,
        reminder_mark_handled,
        form=ReminderHandledForm(request.POST),
        actor=request.user,
        reminder=reminder,
        success=_("Marked as handled. The others on the reminder can see your note."),
        then=reverse("reminder_inbox"),
    )


@own_data_only
@require_http_methods(["GET"])
def escalations(request: HttpRequest) -> HttpResponse:
    """A team lead's open escalations in their own agency. Everyone else: 404, like a missing page."""
    require_team_lead(request.user)
    page = paginate(request, selectors.open_escalations_for_lead(request.user), "reminders")
    record_listed(request, [lapse.youth_id for lapse in page])
    return render_page(request, "pathways/escalations.html", {"page": page, "query": ""})
