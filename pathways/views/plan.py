"""The action plan: goals in the youth's words, actions (tiltak) and their evaluations."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.selectors.team import team_member_choices
from coordination.web.views import form_page, submit
from pathways.forms.plan import ActionEditForm, ActionForm, EvaluationForm, GoalEditForm, GoalForm
from pathways.selectors import plan as selectors
from pathways.services.plan import action_create, action_update, evaluation_create, goal_create, goal_update


def _plan_url(access: YouthAccess) -> str:
    return reverse("plan", args=[access.youth.pk])


def _form_page(request: HttpRequest, access: YouthAccess, form, title: str, **context) -> HttpResponse:
    return form_page(request, form, access=access, title=title, cancel=_plan_url(access), **context)


@youth_access
@require_http_methods(["GET"])
def plan(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    context = {
        "youth": access.youth,
        "access": access,
        "goals": selectors.plan_for_youth(access),
        "today": timezone.localdate(),
    }
    return render(request, "pathways/plan.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.change_goals)
    form = GoalForm(request.POST or None)
    done = submit(
        request,
        form,
        goal_create,
        actor=request.user,
        youth=access.youth,
        success=_("The goal was added."),
        then=_plan_url(access),
    )
    return done or _form_page(request, access, form, _("New goal"))


@youth_access
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, access: YouthAccess, goal_id: int) -> HttpResponse:
    goal = selectors.goal_get(access, goal_id)
    require(access.may.change_goals)
    form = GoalEditForm(request.POST or None, instance=goal, initial={"version": goal.version})
    done = submit(
        request,
        form,
        goal_update,
        actor=request.user,
        goal=goal,
        success=_("The goal was saved."),
        then=_plan_url(access),
    )
    return done or _form_page(request, access, form, _("Edit goal"))


@youth_access
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, access: YouthAccess, goal_id: int) -> HttpResponse:
    goal = selectors.goal_get(access, goal_id)
    require(access.may.change_goals)
    form = ActionForm(
        request.POST or None,
        team=team_member_choices(access.youth),
        initial={"responsible": request.user, "evaluator": request.user, "start_date": timezone.localdate()},
    )
    done = submit(
        request,
        form,
        action_create,
        actor=request.user,
        goal=goal,
        success=_("The action was added to the plan."),
        then=_plan_url(access),
    )
    return done or _form_page(request, access, form, _("New action"), goal=goal)


@youth_access
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, access: YouthAccess, action_id: int) -> HttpResponse:
    action = selectors.action_get(access, action_id)
    require(access.may.change_action(action))
    form = ActionEditForm(
        request.POST or None,
        instance=action,
        team=team_member_choices(access.youth),
        initial={"version": action.version},
    )
    done = submit(
        request,
        form,
        action_update,
        actor=request.user,
        action=action,
        success=_("The action was saved."),
        then=_plan_url(access),
    )
    return done or _form_page(request, access, form, _("Edit action"), goal=action.visible_goal)


@youth_access
@require_http_methods(["GET", "POST"])
def evaluation_new(request: HttpRequest, access: YouthAccess, action_id: int) -> HttpResponse:
    action = selectors.action_get(access, action_id)
    require(access.may.evaluate_action(action))
    form = EvaluationForm(request.POST or None)
    done = submit(
        request,
        form,
        evaluation_create,
        actor=request.user,
        action=action,
        success=_("The evaluation was recorded."),
        then=_plan_url(access),
    )
    return done or _form_page(
        request, access, form, _("Evaluate action"), goal=action.visible_goal, action=action
    )
