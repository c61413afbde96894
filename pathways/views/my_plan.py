"""The youth's own view of their adopted individual plan (/min/plan/individuell/), and their answer."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import citizen_pages, require
from coordination.access.citizens import citizen_access_for_user
from coordination.web.views import perform, render_page
from pathways.forms.individual_plan import PlanAnswerForm
from pathways.models import PlanAnswer
from pathways.selectors import individual_plan as selectors
from pathways.services.individual_plan import plan_agreement_record


def _access(request: HttpRequest):
    raw = request.GET.get("ung", "")
    if raw and (not raw.isdigit() or len(raw) > 18):
        raise Http404
    access = citizen_access_for_user(request.user, int(raw) if raw else None)
    if not access.sees("plan"):
        raise Http404
    return access


@citizen_pages
@require_http_methods(["GET"])
def my_individual_plan(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    version = selectors.newest_version(access)
    context = {"access": access, "youth": access.youth, "version": version, "answers": PlanAnswer}
    if version is not None:
        context["goals"] = selectors.version_goals(access, version)
        context["answer"] = selectors.latest_answer(version)
    return render_page(request, "pathways/my_stafett/individual_plan.html", context)


@citizen_pages
@require_http_methods(["POST"])
def my_plan_answer(request: HttpRequest, version_id: int) -> HttpResponse:
    access = _access(request)
    version = access.get(selectors.version_rows(), version_id)
    require(access.may.answer_plan)
    return perform(
        request,
        plan_agreement_record,
        form=PlanAnswerForm(request.POST),
        actor=request.user,
        version=version,
        success=_("Thank you! Your team can see your answer."),
        then=reverse("my_individual_plan"),
    )
