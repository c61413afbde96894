"""The individual plan (BTI level 3): the working plan on top of the stafettlogg, its adopted versions
with what changed, and each version as a printable page and a PDF."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.selectors.team import team_member_choices
from coordination.web.views import form_page, perform, render_page, submit
from pathways.documents.pdf import plan_version_label, plan_version_pdf
from pathways.forms.individual_plan import IndividualPlanEditForm, IndividualPlanForm, initial_dates
from pathways.selectors import individual_plan as selectors
from pathways.selectors.documents import plan_document
from pathways.selectors.plan import plan_for_youth
from pathways.services.individual_plan import (
    individual_plan_start,
    individual_plan_update,
    plan_version_adopt,
)
from pathways.views.documents import pdf_response


def _plan_url(access: YouthAccess) -> str:
    return reverse("individual_plan", args=[access.youth.pk])


@youth_access
@require_http_methods(["GET"])
def individual_plan(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    versions = selectors.versions(access)
    for version in versions:
        version.answer = selectors.latest_answer(version)
    context = {
        "youth": access.youth,
        "access": access,
        "plan": selectors.plan_get(access),
        "goals": plan_for_youth(access),
        "versions": versions,
    }
    return render_page(request, "pathways/individual_plan.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def individual_plan_edit(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    """Starts the plan (the stafettholder), or changes its coordinator, consent and evaluation dates."""
    plan = selectors.plan_get(access)
    choices = {
        "team": team_member_choices(access.youth),
        "consents": selectors.sharing_consents(access.youth),
    }
    if plan is None:
        require(access.may.start_individual_plan)
        form = IndividualPlanForm(
            request.POST or None, initial={"coordinator": access.youth.stafettholder}, **choices
        )
        service, kwargs, title = (
            individual_plan_start,
            {"youth": access.youth},
            _("Start the individual plan"),
        )
    else:
        require(access.may.keep_individual_plan(plan))
        initial = {"coordinator": plan.coordinator, "consent": plan.consent, "version": plan.version}
        form = IndividualPlanEditForm(request.POST or None, initial=initial | initial_dates(plan), **choices)
        service, kwargs, title = individual_plan_update, {"plan": plan}, _("Change the individual plan")
    done = submit(
        request,
        form,
        service,
        actor=request.user,
        success=_("The individual plan was saved."),
        then=_plan_url(access),
        **kwargs,
    )
    return done or form_page(request, form, access=access, title=title, cancel=_plan_url(access))


@youth_access
@require_http_methods(["POST"])
def individual_plan_adopt(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    plan = selectors.plan_get(access)
    require(plan is not None and access.may.keep_individual_plan(plan))
    return perform(
        request,
        plan_version_adopt,
        actor=request.user,
        plan=plan,
        success=lambda version: _("Version %(number)s of the plan is adopted.") % {"number": version.number},
        then=_plan_url(access),
    )


@youth_access
@require_http_methods(["GET"])
def plan_version(request: HttpRequest, access: YouthAccess, version_id: int) -> HttpResponse:
    """One adopted version as a page that prints as the document, with what changed since the last."""
    version = selectors.version_get(access, version_id)
    context = plan_document(access, version) | {
        "document_version": plan_version_label(version),
        "diff": selectors.version_diff(access, version),
    }
    return render_page(request, "pathways/plan_version.html", context)


@youth_access
@require_http_methods(["GET"])
def plan_version_download(request: HttpRequest, access: YouthAccess, version_id: int) -> HttpResponse:
    version = selectors.version_get(access, version_id)
    data = plan_version_pdf(access, version, request=request)
    return pdf_response(data, f"individuell-plan-{access.youth.pk}-v{version.number}.pdf")
