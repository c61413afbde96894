"""BTI level, meetings and transitions."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import youth_access
from coordination.models import Youth
from coordination.selectors import team_member_choices
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import LevelChangeForm, MeetingForm, MinutesForm, TransitionEditForm, TransitionForm
from pathways.models import Meeting, Transition
from pathways.services.levels import level_change
from pathways.services.meetings import meeting_create, meeting_record_minutes
from pathways.services.transitions import transition_create, transition_update


@youth_access
@require_http_methods(["GET", "POST"])
def level(request: HttpRequest, youth: Youth) -> HttpResponse:
    form = LevelChangeForm(request.POST or None, initial={"to_level": youth.bti_level})
    if request.method == "POST" and form.is_valid():
        if run_service(form, level_change, actor=request.user, youth=youth, **form.cleaned_data) is not None:
            messages.success(request, _("The BTI level was changed."))
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    history = youth.level_changes.select_related("changed_by")
    return render(request, "pathways/level_form.html", {"youth": youth, "form": form, "history": history})


@youth_access
@require_http_methods(["GET"])
def meetings(request: HttpRequest, youth: Youth) -> HttpResponse:
    return render(
        request, "pathways/meetings.html", {"youth": youth, "meetings": selectors.meetings_for_youth(youth)}
    )


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, youth: Youth) -> HttpResponse:
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
    return render(
        request, "pathways/care_form.html", {"youth": youth, "form": form, "title": _("Plan a meeting")}
    )


@youth_access
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, youth: Youth, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, youth=youth, pk=meeting_id)
    form = MinutesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        minutes = form.cleaned_data["minutes"]
        if (
            run_service(form, meeting_record_minutes, actor=request.user, meeting=meeting, minutes=minutes)
            is not None
        ):
            messages.success(request, _("The minutes were added to the log."))
            return redirect_after_post(request, reverse("meetings", args=[youth.pk]))
    title = _("Minutes: %(title)s") % {"title": meeting.title}
    return render(request, "pathways/care_form.html", {"youth": youth, "form": form, "title": title})


@youth_access
@require_http_methods(["GET"])
def transitions(request: HttpRequest, youth: Youth) -> HttpResponse:
    context = {"youth": youth, "transitions": selectors.transitions_for_youth(youth)}
    return render(request, "pathways/transitions.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def transition_new(request: HttpRequest, youth: Youth) -> HttpResponse:
    form = TransitionForm(request.POST or None, team=team_member_choices(youth))
    if request.method == "POST" and form.is_valid():
        if (
            run_service(form, transition_create, actor=request.user, youth=youth, **form.cleaned_data)
            is not None
        ):
            messages.success(request, _("The transition was planned."))
            return redirect_after_post(request, reverse("transitions", args=[youth.pk]))
    return render(
        request, "pathways/care_form.html", {"youth": youth, "form": form, "title": _("Plan a transition")}
    )


@youth_access
@require_http_methods(["GET", "POST"])
def transition_edit(request: HttpRequest, youth: Youth, transition_id: int) -> HttpResponse:
    transition = get_object_or_404(Transition, youth=youth, pk=transition_id)
    transition.youth = youth
    form = TransitionEditForm(
        request.POST or None,
        instance=transition,
        team=team_member_choices(youth),
        initial={"version": transition.version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if (
            run_service(
                form,
                transition_update,
                actor=request.user,
                transition=transition,
                expected_version=version,
                **data,
            )
            is not None
        ):
            messages.success(request, _("The transition was saved."))
            return redirect_after_post(request, reverse("transitions", args=[youth.pk]))
    return render(
        request, "pathways/care_form.html", {"youth": youth, "form": form, "title": _("Edit transition")}
    )
