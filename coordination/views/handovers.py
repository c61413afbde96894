from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import selectors
from coordination.access import YouthAccess, can_hand_over, own_data_only, require, youth_access
from coordination.forms import HandoverAnswerForm, HandoverRequestForm
from coordination.models import Handover, HandoverStatus
from coordination.services.team import handover_accept, handover_cancel, handover_decline, handover_request
from coordination.views.helpers import redirect_after_post, run_service


@youth_access
@require_http_methods(["GET", "POST"])
def handover_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    require(can_hand_over(access))
    candidates = selectors.team_member_choices(youth).exclude(pk=request.user.pk)
    form = HandoverRequestForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            handover_request,
            actor=request.user,
            youth=youth,
            to_user=data["to_user"],
            note=data["note"],
        ):
            messages.success(request, _("The handover is sent. You hold the baton until it is accepted."))
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    return render(
        request, "coordination/handover_form.html", {"youth": youth, "access": access, "form": form}
    )


@youth_access
@require_http_methods(["GET", "POST"])
def handover_answer(request: HttpRequest, access: YouthAccess, handover_id: int) -> HttpResponse:
    youth = access.youth
    handover = get_object_or_404(
        Handover.objects.select_related("from_user", "to_user"),
        youth=youth,
        pk=handover_id,
        to_user=request.user,
        status=HandoverStatus.PENDING,
    )
    form = HandoverAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if "accept" in request.POST:
            done = run_service(form, handover_accept, actor=request.user, handover=handover, note=note)
            done_message = _("You are now the stafettholder.")
        else:
            done = run_service(form, handover_decline, actor=request.user, handover=handover, note=note)
            done_message = _("You declined the handover.")
        if done is not None:
            messages.success(request, done_message)
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    context = {"youth": youth, "access": access, "handover": handover, "form": form}
    return render(request, "coordination/handover_answer.html", context)


@youth_access
@require_http_methods(["POST"])
def handover_withdraw(request: HttpRequest, access: YouthAccess, handover_id: int) -> HttpResponse:
    youth = access.youth
    handover = get_object_or_404(
        Handover, youth=youth, pk=handover_id, from_user=request.user, status=HandoverStatus.PENDING
    )
    form = HandoverAnswerForm()
    if run_service(form, handover_cancel, actor=request.user, handover=handover) is not None:
        messages.success(request, _("The handover request was withdrawn."))
    return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))


@own_data_only
@require_http_methods(["GET"])
def incoming(request: HttpRequest) -> HttpResponse:
    handovers = selectors.incoming_handovers(request.user)
    return render(request, "coordination/incoming_handovers.html", {"handovers": handovers})
