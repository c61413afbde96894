"""Registering a youth, and the explicit decisions that close or reopen the case."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, own_data_only, require, youth_access
from coordination.forms.youths import CaseCloseForm, CaseReopenForm, YouthForm
from coordination.services.youths import case_close, case_reopen, youth_create
from coordination.web.views import form_page, submit


def _overview(youth_id: int) -> str:
    return reverse("youth_overview", args=[youth_id])


@own_data_only
@require_http_methods(["GET", "POST"])
def youth_new(request: HttpRequest) -> HttpResponse:
    form = YouthForm(request.POST or None)
    done = submit(
        request,
        form,
        youth_create,
        actor=request.user,
        success=_("The youth is registered. You are the stafettholder."),
        then=lambda youth: _overview(youth.pk),
    )
    return done or form_page(
        request,
        form,
        title=_("Register a youth"),
        cancel=reverse("my_youths"),
        template="coordination/youth_form.html",
    )


@youth_access
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.close_case)
    form = CaseCloseForm(request.POST or None)
    done = submit(
        request,
        form,
        case_close,
        actor=request.user,
        youth=access.youth,
        success=_("The case is closed. It can be reopened at any time."),
        then=_overview(access.youth.pk),
    )
    return done or form_page(
        request,
        form,
        access=access,
        title=_("Close the case"),
        cancel=_overview(access.youth.pk),
        template="coordination/case_decision.html",
        closing=True,
    )


@youth_access
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.reopen_case)
    form = CaseReopenForm(request.POST or None)
    done = submit(
        request,
        form,
        case_reopen,
        actor=request.user,
        youth=access.youth,
        success=_("The case is reopened."),
        then=_overview(access.youth.pk),
    )
    return done or form_page(
        request,
        form,
        access=access,
        title=_("Reopen the case"),
        cancel=_overview(access.youth.pk),
        template="coordination/case_decision.html",
        closing=False,
    )
