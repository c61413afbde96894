"""Consent as a process: the consents page, a new consent (or legal basis), and each later event."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.consent_rules import consent_rule_for_age
from coordination.forms.consents import ConsentEventForm, ConsentRecordForm
from coordination.selectors import consents as selectors
from coordination.services.consents import consent_event_record, consent_record, consent_scope
from coordination.web.views import form_page, submit


def _consents_url(access: YouthAccess) -> str:
    return reverse("consents", args=[access.youth.pk])


@youth_access
@require_http_methods(["GET"])
def consents(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    youth = access.youth
    consent_list = selectors.consents_for_youth(access)
    context = {
        "youth": youth,
        "access": access,
        "consents": consent_list,
        "table": selectors.scope_table(youth, consent_list),
        "rule": consent_rule_for_age(youth.age),
        "today": timezone.localdate(),
    }
    return render(request, "coordination/consents.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.manage_consent)
    form = ConsentRecordForm(request.POST or None, agencies=selectors.team_agencies(access.youth))
    done = submit(
        request,
        form,
        consent_record,
        actor=request.user,
        youth=access.youth,
        success=_("The consent was recorded. Access follows it from now on."),
        then=_consents_url(access),
    )
    return done or form_page(
        request,
        form,
        access=access,
        title=_("Record consent"),
        cancel=_consents_url(access),
        template="coordination/consent_form.html",
        rule=consent_rule_for_age(access.youth.age),
    )


@youth_access
@require_http_methods(["GET", "POST"])
def consent_event_new(request: HttpRequest, access: YouthAccess, consent_id: int) -> HttpResponse:
    require(access.may.manage_consent)
    consent = selectors.consent_get(access, consent_id)
    form = ConsentEventForm(
        request.POST or None,
        agencies=selectors.team_agencies(access.youth),
        initial={
            "kind": request.GET.get("kind", "reviewed"),
            "scope": [f"{agency}:{category}" for agency, category in consent_scope(consent)],
        },
    )
    done = submit(
        request,
        form,
        consent_event_record,
        actor=request.user,
        consent=consent,
        success=_("The change to the consent was recorded."),
        then=_consents_url(access),
    )
    return done or form_page(
        request,
        form,
        access=access,
        consent=consent,
        title=_("Record a change to the consent"),
        cancel=_consents_url(access),
        template="coordination/consent_event_form.html",
        rule=consent_rule_for_age(access.youth.age),
    )
