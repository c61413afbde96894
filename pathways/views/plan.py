from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import youth_access
from coordination.models import Youth
from coordination.selectors import team_member_choices
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import ActionEditForm, ActionForm, EvaluationForm, GoalEditForm, GoalForm
from pathways.models import Action, Goal
from pathways.services.plan import action_create, action_update, evaluation_create, goal_create, goal_update


def _plan_url(youth: Youth) -> str:
    return reverse("plan", args=[youth.pk])


@youth_access
@require_http_methods(["GET"])
def plan(request: HttpRequest, youth: Youth) -> HttpResponse:
    context = {"youth": youth, "goals": selectors.plan_for_youth(youth), "today": timezone.localdate()}
    return render(request, "pathways/plan.html", context)


def _form_page(request, youth, form, title, **extra) -> HttpResponse:
    return render(request, "pathways/plan_form.html", {"youth": youth, "form": form, "title": title, **extra})


@youth_access
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, youth: Youth) -> HttpResponse:
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(form, goal_create, actor=request.user, youth=youth, **form.cleaned_data) is not None:
            messages.success(request, _("The goal was added."))
            return redirect_after_post(request, _plan_url(youth))
    return _form_page(request, youth, form, _("New goal"))


@youth_access
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, youth: Youth, goal_id: int) -> HttpResponse:
    goal = get_object_or_404(Goal, youth=youth, pk=goal_id)
    goal.youth = youth
    form = GoalEditForm(request.POST or None, instance=goal, initial={"version": goal.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if (
            run_service(form, goal_update, actor=request.user, goal=goal, expected_version=version, **data)
            is not None
        ):
            messages.success(request, _("The goal was saved."))
            return redirect_after_post(request, _plan_url(youth))
    return _form_page(request, youth, form, _("Edit goal"))


@youth_access
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, youth: Youth, goal_id: int) -> HttpResponse:
    goal = get_object_or_404(Goal, youth=youth, pk=goal_id)
    goal.youth = youth
    today = timezone.localdate()
    form = ActionForm(
        request.POST or None,
        team=team_member_choices(youth),
        initial={"responsible": request.user, "evaluator": request.user, "start_date": today},
    )
    if request.method == "POST" and form.is_valid():
        if run_service(form, action_create, actor=request.user, goal=goal, **form.cleaned_data) is not None:
            messages.success(request, _("The action was added to the plan."))
            return redirect_after_post(request, _plan_url(youth))
    return _form_page(request, youth, form, _("New action"), goal=goal)


@youth_access
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, youth: Youth, action_id: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("goal"), youth=youth, pk=action_id)
    action.youth = youth
    form = ActionEditForm(
        request.POST or None,
        instance=action,
        team=team_member_choices(youth),
        initial={"version": action.version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if (
            run_service(
                form, action_update, actor=request.user, action=action, expected_version=version, **data
            )
            is not None
        ):
            messages.success(request, _("The action was saved."))
            return redirect_after_post(request, _plan_url(youth))
    return _form_page(request, youth, form, _("Edit action"), goal=action.goal)


@youth_access
@require_http_methods(["GET", "POST"])
def evaluation_new(request: HttpRequest, youth: Youth, action_id: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("goal"), youth=youth, pk=action_id)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (
            run_service(form, evaluation_create, actor=request.user, action=action, **form.cleaned_data)
            is not None
        ):
            messages.success(request, _("The evaluation was recorded."))
            return redirect_after_post(request, _plan_url(youth))
    return _form_page(request, youth, form, _("Evaluate action"), goal=action.goal, action=action)
