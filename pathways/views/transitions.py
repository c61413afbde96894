"""Transitions (overganger) planned ahead with a responsible person."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.selectors.team import team_member_choices
from coordination.web.views import form_page, submit
from pathways.forms.transitions import TransitionEditForm, TransitionForm
from pathways.selectors import transitions as selectors
from pathways.services.transitions import transition_create, transition_update


def _transitions_url(access: YouthAccess) -> str:
    return reverse("transitions", args=[access.youth.pk])


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
    require(access.may.plan_transitions)
    form = TransitionForm(request.POST or None, team=team_member_choices(access.youth))
    done = submit(
        request,
        form,
        transition_create,
        actor=request.user,
        youth=access.youth,
        success=_("The transition was planned."),
        then=_transitions_url(access),
    )
    return done or form_page(
        request, form, access=access, title=_("Plan a transition"), cancel=_transitions_url(access)
    )


@youth_access
@require_http_methods(["GET", "POST"])
def transition_edit(request: HttpRequest, access: YouthAccess, transition_id: int) -> HttpResponse:
    transition = selectors.transition_get(access, transition_id)
    require(access.may.edit_transition(transition))
    form = TransitionEditForm(
        request.POST or None,
        instance=transition,
        team=team_member_choices(access.youth),
        initial={"version": transition.version},
    )
    done = submit(
        request,
        form,
        transition_update,
        actor=request.user,
        transition=transition,
        success=_("The transition was saved."),
        then=_transitions_url(access),
    )
    return done or form_page(
        request, form, access=access, title=_("Edit transition"), cancel=_transitions_url(access)
    )
