from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination import selectors_consent
from coordination.access import YouthAccess, can_manage_consent, require, youth_access
from coordination.consent_rules import consent_rule_for_age
from coordination.forms_consent import ConsentEventForm, ConsentRecordForm
from coordination.models import SCOPE_EVENTS, Consent
from coordination.services.consents import consent_event_record, consent_record, consent_scope
from coordination.views.helpers import redirect_after_post, run_service


@youth_access
@require_http_methods(["GET"])
def consents(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    consent_list = selectors_consent.consents_for_youth(youth)
    context = {
        "youth": youth,
        "access": access,
        "consents": consent_list,
        "table": selectors_consent.scope_table(youth, consent_list),
        "rule": consent_rule_for_age(youth.age),
        "today": timezone.localdate(),
        "can_manage": can_manage_consent(access),
    }
    return render(request, "coordination/consents.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    require(can_manage_consent(access))
    form = ConsentRecordForm(request.POST or None, agencies=selectors_consent.team_agencies(youth))
    if request.method == "POST" and form.is_valid():
        if run_service(form, consent_record, actor=request.user, youth=youth, **form.cleaned_data):
            messages.success(request, _("The consent was recorded. Access follows it from now on."))
            return redirect_after_post(request, reverse("consents", args=[youth.pk]))
    context = {"youth": youth, "access": access, "form": form, "rule": consent_rule_for_age(youth.age)}
    return render(request, "coordination/consent_form.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def consent_event_new(request: HttpRequest, access: YouthAccess, consent_id: int) -> HttpResponse:
    youth = access.youth
    require(can_manage_consent(access))
    consent = get_object_or_404(Consent, youth=youth, pk=consent_id)
    current = consent_scope(consent)
    form = ConsentEventForm(
        request.POST or None,
        agencies=selectors_consent.team_agencies(youth),
        initial={"kind": request.GET.get("kind", "reviewed"), "scope": [f"{a}:{c}" for a, c in current]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Only scope-setting events carry the table; for the others the checkboxes are ignored.
        scope = data["scope"] if data["kind"] in SCOPE_EVENTS else None
        if run_service(
            form,
            consent_event_record,
            actor=request.user,
            consent=consent,
            kind=data["kind"],
            note=data["note"],
            scope=scope,
            next_review_on=data["next_review_on"],
        ):
            messages.success(request, _("The change to the consent was recorded."))
            return redirect_after_post(request, reverse("consents", args=[youth.pk]))
    context = {
        "youth": youth,
        "access": access,
        "form": form,
        "consent": consent,
        "rule": consent_rule_for_age(youth.age),
    }
    return render(request, "coordination/consent_event_form.html", context)
