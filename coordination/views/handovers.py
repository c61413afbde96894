"""Passing the baton: asking a team member to take it, answering, withdrawing; handovers to me."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, own_data_only, require, youth_access
from coordination.forms.handovers import HandoverAnswerForm, HandoverRequestForm
from coordination.models import Handover
from coordination.selectors import handovers, team
from coordination.services.handovers import (
    handover_accept,
    handover_cancel,
    handover_decline,
    handover_request,
)
from coordination.web.views import form_page, perform, submit


def _overview(access: YouthAccess) -> str:
    return reverse("youth_overview", args=[access.youth.pk])


def _handover(access: YouthAccess, handover_id: int) -> Handover:
    return access.get(Handover.objects.visible_to(access).select_related("from_user", "to_user"), handover_id)


@youth_access
@require_http_methods(["GET", "POST"])
def handover_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.hand_over)
    candidates = team.team_member_choices(access.youth).exclude(pk=request.user.pk)
    form = HandoverRequestForm(request.POST or None, candidates=candidates)
    done = submit(
        request,
        form,
        handover_request,
        actor=request.user,
        youth=access.youth,
        success=_("The handover is sent. You hold the baton until it is accepted."),
        then=_overview(access),
    )
    return done or form_page(
        request,
        form,
        access=access,
        title=_("Hand over the baton"),
        cancel=_overview(access),
        template="coordination/handover_form.html",
    )


@youth_access
@require_http_methods(["GET", "POST"])
def handover_answer(request: HttpRequest, access: YouthAccess, handover_id: int) -> HttpResponse:
    handover = _handover(access, handover_id)
    if not access.may.answer_handover(handover):
        raise Http404  # not waiting for this user's answer: as if it did not exist
    form = HandoverAnswerForm(request.POST or None)
    accepting = "accept" in request.POST
    done = submit(
        request,
        form,
        handover_accept if accepting else handover_decline,
        actor=request.user,
        handover=handover,
        success=_("You are now the stafettholder.") if accepting else _("You declined the handover."),
        then=_overview(access),
    )
    return done or form_page(
        request,
        form,
        access=access,
        handover=handover,
        title=_("Answer the handover"),
        cancel=_overview(access),
        template="coordination/handover_answer.html",
    )


@youth_access
@require_http_methods(["POST"])
def handover_withdraw(request: HttpRequest, access: YouthAccess, handover_id: int) -> HttpResponse:
    handover = _handover(access, handover_id)
    require(access.may.withdraw_handover(handover))
    return perform(
        request,
        handover_cancel,
        actor=request.user,
        handover=handover,
        success=_("The handover request was withdrawn."),
        then=_overview(access),
    )


@own_data_only
@require_http_methods(["GET"])
def incoming(request: HttpRequest) -> HttpResponse:
    context = {
        "handovers": handovers.incoming_handovers(request.user),
        "reassigned": handovers.reassigned_to(request.user),
    }
    return render(request, "coordination/incoming_handovers.html", context)
