from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import (
    YouthAccess,
    can_change_action,
    can_change_goals,
    can_evaluate_action,
    require,
    youth_access,
)
from coordination.selectors import team_member_choices
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import ActionEditForm, ActionForm, EvaluationForm, GoalEditForm, GoalForm
from pathways.services.plan import action_create, action_update, evaluation_create, goal_create, goal_update


def _plan_url(access: YouthAccess) -> str:
    return reverse("plan", args=[access.youth.pk])


def _form_page(request, access: YouthAccess, form, title, **extra) -> HttpResponse:
    context = {"youth": access.youth, "access": access, "form": form, "title": title, **extra}
    return render(request, "pathways/plan_form.html", context)


@youth_access
@require_http_methods(["GET"])
def plan(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    context = {
        "youth": access.youth,
        "access": access,
        "goals": selectors.plan_for_youth(access),
        "today": timezone.localdate(),
        "can_change_goals": can_change_goals(access),
    }
    return render(request, "pathways/plan.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(can_change_goals(access))
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(form, goal_create, actor=request.user, youth=access.youth, **form.cleaned_data):
            messages.success(request, _("The goal was added."))
            return redirect_after_post(request, _plan_url(access))
    return _form_page(request, access, form, _("New goal"))


@youth_access
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, access: YouthAccess, goal_id: int) -> HttpResponse:
    goal = selectors.goal_get(access, goal_id)
    require(can_change_goals(access))
    goal.youth = access.youth
    form = GoalEditForm(request.POST or None, instance=goal, initial={"version": goal.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if run_service(form, goal_update, actor=request.user, goal=goal, expected_version=version, **data):
            messages.success(request, _("The goal was saved."))
            return redirect_after_post(request, _plan_url(access))
    return _form_page(request, access, form, _("Edit goal"))


@youth_access
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, access: YouthAccess, goal_id: int) -> HttpResponse:
    goal = selectors.goal_get(access, goal_id)
    require(can_change_goals(access))
    goal.youth = access.youth
    form = ActionForm(
        request.POST or None,
        team=team_member_choices(access.youth),
        initial={"responsible": request.user, "evaluator": request.user, "start_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        if run_service(form, action_create, actor=request.user, goal=goal, **form.cleaned_data):
            messages.success(request, _("The action was added to the plan."))
            return redirect_after_post(request, _plan_url(access))
    return _form_page(request, access, form, _("New action"), goal=goal)


@youth_access
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, access: YouthAccess, action_id: int) -> HttpResponse:
    action = selectors.action_get(access, action_id)
    require(can_change_action(access, action))
    action.youth = access.youth
    form = ActionEditForm(
        request.POST or None,
        instance=action,
        team=team_member_choices(access.youth),
        initial={"version": action.version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if run_service(
            form, action_update, actor=request.user, action=action, expected_version=version, **data
        ):
            messages.success(request, _("The action was saved."))
            return redirect_after_post(request, _plan_url(access))
    return _form_page(request, access, form, _("Edit action"), goal=action.goal)


@youth_access
@require_http_methods(["GET", "POST"])
def evaluation_new(request: HttpRequest, access: YouthAccess, action_id: int) -> HttpResponse:
    action = selectors.action_get(access, action_id)
    require(can_evaluate_action(access, action))
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(form, evaluation_create, actor=request.user, action=action, **form.cleaned_data):
            messages.success(request, _("The evaluation was recorded."))
            return redirect_after_post(request, _plan_url(access))
    return _form_page(request, access, form, _("Evaluate action"), goal=action.goal, action=action)
