"""The retention page (/oppbevaring/): an agency's retention periods, the dry-run report of what the
retention job would delete or anonymise now and why, legal holds, and the log of what it did. For
the agency's team lead and the municipality administrator; missing (404) for everybody else. Cases
are named by number only: nothing about a youth is shown here."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import own_data_only
from coordination.models import Agency
from coordination.web.views import form_page, paginate, perform, render_page, submit
from pathways.forms.retention import LegalHoldForm, RetentionPolicyForm
from pathways.models import RecordType
from pathways.selectors import retention as selectors
from pathways.services.retention import case_legal_hold_set, retention_policy_set


def _agency(request: HttpRequest, agency_id: int | None) -> tuple[Agency, list[Agency]]:
    agencies = list(selectors.retention_agencies(request.user))
    if not agencies:
        raise Http404
    agency = agencies[0] if agency_id is None else next((a for a in agencies if a.pk == agency_id), None)
    if agency is None:
        raise Http404
    return agency, agencies


def _page_url(agency: Agency) -> str:
    return f"{reverse('retention')}?etat={agency.pk}"


@own_data_only
@require_http_methods(["GET"])
def retention(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("etat", "")
    agency, agencies = _agency(request, int(chosen) if chosen.isdigit() else None)
    context = {
        "agency": agency,
        "agencies": agencies,
        "policies": selectors.policies_of(agency),
        "report": selectors.retention_report(agency_ids={agency.pk}),
        "page": paginate(request, selectors.retention_log(agency), "retention"),
        "query": f"etat={agency.pk}",
    }
    return render_page(request, "pathways/retention.html", context)


@own_data_only
@require_http_methods(["GET", "POST"])
def retention_policy(request: HttpRequest, agency_id: int, record_type: str) -> HttpResponse:
    agency, _agencies = _agency(request, agency_id)
    if record_type not in RecordType.values:
        raise Http404
    rule = selectors.rules_for([agency])[agency.pk, record_type]
    form = RetentionPolicyForm(
        request.POST or None,
        record_type=record_type,
        initial={"disposition": rule.disposition, "years": rule.years},
    )
    done = submit(
        request,
        form,
        retention_policy_set,
        actor=request.user,
        agency=agency,
        success=_("The retention period was saved."),
        then=_page_url(agency),
    )
    title = _("%(records)s – %(agency)s") % {"records": RecordType(record_type).label, "agency": agency}
    return done or form_page(request, form, title=title, cancel=_page_url(agency))


@own_data_only
@require_http_methods(["POST"])
def legal_hold(request: HttpRequest, case_id: int) -> HttpResponse:
    youth = selectors.closed_case_for(request.user, case_id)
    agency = youth.originating_agency
    form = LegalHoldForm(request.POST)
    return perform(
        request,
        case_legal_hold_set,
        form=form,
        actor=request.user,
        youth=youth,
        success=_("The legal hold was changed."),
        then=_page_url(agency),
    )
