"""The signed-in user's reminder inbox (with the header's unread badge) and the team lead's escalations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import own_data_only
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import ReminderHandledForm
from pathways.models import Reminder
from pathways.services.reminders import reminder_mark_handled, reminders_mark_read

REMINDERS_PER_PAGE = 25
BADGE_TARGET = "unread-badge"


@own_data_only
@require_http_methods(["GET"])
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox; for the header badge's htmx request, only the badge (same URL, its partial)."""
    if request.htmx and request.htmx.target == BADGE_TARGET:
        unread = selectors.unread_reminder_count(request.user)
        return render(request, "pathways/inbox.html#badge", {"unread": unread})
    settled = request.GET.get("vis") == "ferdige"
    reminders = selectors.reminders_for_user(request.user, settled=settled)
    page = Paginator(reminders, REMINDERS_PER_PAGE).get_page(request.GET.get("page"))
    # Shown once as new, then read: the badge counts what the user has not seen yet.
    new_ids = {reminder.pk for reminder in page if reminder.read_at is None}
    reminders_mark_read(actor=request.user, reminder_ids=list(new_ids))
    context = {
        "page": page,
        "settled": settled,
        "new_ids": new_ids,
        "unread": 0,
        "query": "vis=ferdige" if settled else "",
        "form": ReminderHandledForm(),
    }
    return render(request, "pathways/inbox.html", context)


@own_data_only
@require_http_methods(["POST"])
def reminder_handled(request: HttpRequest, reminder_id: int) -> HttpResponse:
    reminder = get_object_or_404(
        Reminder.objects.select_related("lapse"), pk=reminder_id, recipient=request.user
    )
    form = ReminderHandledForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        if (
            run_service(form, reminder_mark_handled, actor=request.user, reminder=reminder, note=note)
            is not None
        ):
            messages.success(request, _("Marked as handled. The others on the reminder can see your note."))
            return redirect_after_post(request, reverse("reminder_inbox"))
    for error in [*form.non_field_errors(), *form.errors.get("note", [])]:
        messages.error(request, error)
    return redirect_after_post(request, reverse("reminder_inbox"))


@own_data_only
@require_http_methods(["GET"])
def escalations(request: HttpRequest) -> HttpResponse:
    """A team lead's open escalations in their own agency. Everyone else: 404, like a missing page."""
    if not request.user.is_team_lead or request.user.agency_id is None:
        raise Http404
    lapses = selectors.open_escalations_for_lead(request.user)
    page = Paginator(lapses, REMINDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "pathways/escalations.html", {"page": page, "query": ""})
