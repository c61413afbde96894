"""BTI level, meetings and transitions."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, youth_access
from coordination.selectors import team_member_choices
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import LevelChangeForm, MeetingForm, MinutesForm, TransitionEditForm, TransitionForm
from pathways.services.levels import level_change
from pathways.services.meetings import meeting_create, meeting_record_minutes
from pathways.services.transitions import transition_create, transition_update


def _form_page(request, access: YouthAccess, form, title) -> HttpResponse:
    context = {"youth": access.youth, "access": access, "form": form, "title": title}
    return render(request, "pathways/care_form.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def level(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    form = LevelChangeForm(request.POST or None, initial={"to_level": youth.bti_level})
    if request.method == "POST" and form.is_valid():
        if run_service(form, level_change, actor=request.user, youth=youth, **form.cleaned_data):
            messages.success(request, _("The BTI level was changed."))
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    history = youth.level_changes.select_related("changed_by")
    context = {"youth": youth, "access": access, "form": form, "history": history}
    return render(request, "pathways/level_form.html", context)


@youth_access
@require_http_methods(["GET"])
def meetings(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    context = {"youth": access.youth, "access": access, "meetings": selectors.meetings_for_youth(access)}
    return render(request, "pathways/meetings.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    form = MeetingForm(request.POST or None, youth=youth, team=team_member_choices(youth))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        participants, relatives = list(data.pop("participants")), list(data.pop("relatives"))
        meeting = run_service(
            form,
            meeting_create,
            actor=request.user,
            youth=youth,
            participants=participants,
            relatives=relatives,
            **data,
        )
        if meeting is not None:
            messages.success(request, _("The meeting was planned."))
            return redirect_after_post(request, reverse("meetings", args=[youth.pk]))
    return _form_page(request, access, form, _("Plan a meeting"))


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, access: YouthAccess, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(access, meeting_id)
    form = MinutesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        minutes = form.cleaned_data["minutes"]
        if run_service(form, meeting_record_minutes, actor=request.user, meeting=meeting, minutes=minutes):
            messages.success(request, _("The minutes were added to the log."))
            return redirect_after_post(request, reverse("meetings", args=[access.youth.pk]))
    return _form_page(request, access, form, _("Minutes: %(title)s") % {"title": meeting.title})


@youth_access
@require_http_methods(["GET"])
def transitions(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    context = {
        "youth": access.youth,
        "access": access,
        "transitions": selectors.transitions_for_youth(access),
    }
    return render(request, "pathways/transitions.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def transition_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    form = TransitionForm(request.POST or None, team=team_member_choices(youth))
    if request.method == "POST" and form.is_valid():
        if run_service(form, transition_create, actor=request.user, youth=youth, **form.cleaned_data):
            messages.success(request, _("The transition was planned."))
            return redirect_after_post(request, reverse("transitions", args=[youth.pk]))
    return _form_page(request, access, form, _("Plan a transition"))


@youth_access
@require_http_methods(["GET", "POST"])
def transition_edit(request: HttpRequest, access: YouthAccess, transition_id: int) -> HttpResponse:
    transition = selectors.transition_get(access, transition_id)
    transition.youth = access.youth
    form = TransitionEditForm(
        request.POST or None,
        instance=transition,
        team=team_member_choices(access.youth),
        initial={"version": transition.version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if run_service(
            form,
            transition_update,
            actor=request.user,
            transition=transition,
            expected_version=version,
            **data,
        ):
            messages.success(request, _("The transition was saved."))
            return redirect_after_post(request, reverse("transitions", args=[access.youth.pk]))
    return _form_page(request, access, form, _("Edit transition"))
