"""Cooperation meetings: planning (and changing) them with participants and interpreter, and minutes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.models import Relative
from coordination.selectors.team import team_member_choices
from coordination.web.views import form_page, submit
from pathways.forms.meetings import MeetingEditForm, MeetingForm, MinutesForm
from pathways.selectors import meetings as selectors
from pathways.services.meetings import meeting_create, meeting_record_minutes, meeting_update


def _meetings_url(access: YouthAccess) -> str:
    return reverse("meetings", args=[access.youth.pk])


def _choices(access: YouthAccess) -> dict:
    """Who can be invited: the team, and the relatives the planner may see."""
    relatives = Relative.objects.visible_to(access).order_by("name")
    return {"youth": access.youth, "team": team_member_choices(access.youth), "relatives": relatives}


def _form_page(request: HttpRequest, access: YouthAccess, form, title: str) -> HttpResponse:
    return form_page(request, form, access=access, title=title, cancel=_meetings_url(access))


@youth_access
@require_http_methods(["GET"])
def meetings(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    context = {"youth": access.youth, "access": access, "meetings": selectors.meetings_for_youth(access)}
    return render(request, "pathways/meetings.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.plan_meetings)
    form = MeetingForm(request.POST or None, **_choices(access))
    done = submit(
        request,
        form,
        meeting_create,
        actor=request.user,
        youth=access.youth,
        success=_("The meeting was planned."),
        then=_meetings_url(access),
    )
    return done or _form_page(request, access, form, _("Plan a meeting"))


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, access: YouthAccess, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(access, meeting_id)
    require(access.may.edit_meeting(meeting))
    form = MeetingEditForm(
        request.POST or None,
        instance=meeting,
        initial={"version": meeting.version},
        **_choices(access),
    )
    done = submit(
        request,
        form,
        meeting_update,
        actor=request.user,
        meeting=meeting,
        success=_("The meeting was saved."),
        then=_meetings_url(access),
    )
    return done or _form_page(request, access, form, _("Change the meeting"))


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, access: YouthAccess, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(access, meeting_id)
    require(access.may.record_minutes(meeting))
    form = MinutesForm(request.POST or None)
    done = submit(
        request,
        form,
        meeting_record_minutes,
        actor=request.user,
        meeting=meeting,
        success=_("The minutes were added to the log."),
        then=_meetings_url(access),
    )
    return done or _form_page(request, access, form, _("Minutes: %(title)s") % {"title": meeting.title})
