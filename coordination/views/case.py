from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, can_decide_case, require, youth_access
from coordination.forms import CaseCloseForm, CaseReopenForm
from coordination.services.youths import case_close, case_reopen
from coordination.views.helpers import redirect_after_post, run_service


@youth_access
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    require(can_decide_case(access))
    form = CaseCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(form, case_close, actor=request.user, youth=youth, **form.cleaned_data) is not None:
            messages.success(request, _("The case is closed. It can be reopened at any time."))
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    context = {"youth": youth, "access": access, "form": form, "closing": True}
    return render(request, "coordination/case_decision.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    require(can_decide_case(access))
    form = CaseReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if run_service(form, case_reopen, actor=request.user, youth=youth, **form.cleaned_data) is not None:
            messages.success(request, _("The case is reopened."))
            return redirect_after_post(request, reverse("youth_overview", args=[youth.pk]))
    context = {"youth": youth, "access": access, "form": form, "closing": False}
    return render(request, "coordination/case_decision.html", context)
