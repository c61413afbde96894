"""Delegated administration in the product: the team lead's staff pages (/teamleder/ansatte/) and the
municipality administrator's pages (/kommune/). Names, roles and account states only, never anything
about a youth. Everyone else, and every agency or account outside the role's reach, gets 404
(coordination.selectors.staff); the services check the role again."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from coordination.access import own_data_only, require_team_lead
from coordination.accounts.staff_invitations import invitation_hours
from coordination.forms.staff import AgencyForm, ConfirmForm, StaffInviteForm, TeamLeadForm
from coordination.models import Agency, User
from coordination.selectors import staff as selectors
from coordination.services.staff import (
    agency_create,
    staff_deactivate,
    staff_invitation_resend,
    staff_invite,
    staff_reactivate,
    staff_team_lead_set,
)
from coordination.web.views import form_page, paginate, perform, render_page, submit


def _lead_agency(request: HttpRequest) -> Agency:
    require_team_lead(request.user)
    return request.user.agency


# The URL names of the buttons on a staff member, for each role's pages.
LEAD_URLS = {
    "deactivate": "staff_deactivate",
    "reactivate": "staff_reactivate",
    "resend": "staff_resend",
    "team_lead": "staff_team_lead",
}
MUNICIPALITY_URLS = {name: f"municipality_{url}" for name, url in LEAD_URLS.items()}


def _staff_page(request: HttpRequest, agency: Agency, *, urls: dict[str, str], **context) -> HttpResponse:
    context = {
        "agency": agency,
        "page": paginate(request, selectors.staff_of(agency), "team_lead"),
        "urls": urls,
        **context,
    }
    return render_page(request, context.pop("template"), context)


# The team lead: their own agency's staff ------------------------------------------------------------


@own_data_only
@require_http_methods(["GET"])
def staff_list(request: HttpRequest) -> HttpResponse:
    agency = _lead_agency(request)
    return _staff_page(request, agency, urls=LEAD_URLS, template="coordination/staff_list.html")


@own_data_only
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest) -> HttpResponse:
    agency = _lead_agency(request)
    return _invite(request, agency, choose_role=True, back=reverse("staff_list"))


# The municipality administrator: the municipality's agencies and their team leads --------------------


@own_data_only
@require_http_methods(["GET"])
def municipality(request: HttpRequest) -> HttpResponse:
    place = selectors.require_municipality_admin(request.user)
    context = {
        "municipality": place,
        "page": paginate(request, selectors.agencies_of(place), "team_lead"),
        "serving": list(selectors.agencies_serving(place)),
    }
    return render_page(request, "coordination/municipality.html", context)


@own_data_only
@require_http_methods(["GET", "POST"])
def municipality_agency_new(request: HttpRequest) -> HttpResponse:
    place = selectors.require_municipality_admin(request.user)
    form = AgencyForm(request.POST or None)
    done = submit(
        request,
        form,
        agency_create,
        actor=request.user,
        success=lambda agency: _("%(agency)s was created. Invite its team lead.") % {"agency": agency},
        then=lambda agency: reverse("municipality_agency", args=[agency.pk]),
    )
    title = _("New agency in %(municipality)s") % {"municipality": place}
    return done or form_page(request, form, title=title, cancel=reverse("municipality"))


@own_data_only
@require_http_methods(["GET"])
def municipality_agency(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = selectors.agency_for_municipality_admin(request.user, agency_id)
    return _staff_page(
        request, agency, urls=MUNICIPALITY_URLS, template="coordination/municipality_agency.html"
    )


@own_data_only
@require_http_methods(["GET", "POST"])
def municipality_lead_new(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = selectors.agency_for_municipality_admin(request.user, agency_id)
    back = reverse("municipality_agency", args=[agency.pk])
    return _invite(request, agency, choose_role=False, back=back)


# Inviting, and the buttons on a staff member (both roles) ---------------------------------------------


def _invite(request: HttpRequest, agency: Agency, *, choose_role: bool, back: str) -> HttpResponse:
    form = StaffInviteForm(request.POST or None, choose_role=choose_role)
    extra = {} if choose_role else {"is_team_lead": True}
    done = submit(
        request,
        form,
        staff_invite,
        actor=request.user,
        agency=agency,
        success=lambda user: _("An invitation was sent to %(email)s.") % {"email": user.email},
        then=back,
        **extra,
    )
    title = _("Invite staff to %(agency)s") if choose_role else _("Invite a team lead to %(agency)s")
    return done or form_page(
        request,
        form,
        title=title % {"agency": agency},
        cancel=back,
        submit=_("Send invitation"),
        hours=invitation_hours(),
        template="coordination/staff_invite.html",
    )


# (lookup of the staff member within the role's reach, the page to return to)
Scope = Callable[[HttpRequest, int], tuple[User, str]]


def _as_lead(request: HttpRequest, staff_id: int) -> tuple[User, str]:
    return selectors.staff_member_for_lead(request.user, staff_id), reverse("staff_list")


def _as_municipality_admin(request: HttpRequest, staff_id: int) -> tuple[User, str]:
    member = selectors.staff_member_for_municipality_admin(request.user, staff_id)
    return member, reverse("municipality_agency", args=[member.agency_id])


def _deactivate(scope: Scope):
    @own_data_only
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, staff_id: int) -> HttpResponse:
        """Asks first: deactivation ends sessions and team memberships at once."""
        member, back = scope(request, staff_id)
        withdraw = selectors.awaits_enrolment(member)
        form = ConfirmForm(request.POST if request.method == "POST" else None)  # nothing to fill in
        done = submit(
            request,
            form,
            staff_deactivate,
            actor=request.user,
            user=member,
            success=(
                _("The invitation to %(name)s was withdrawn.")
                if withdraw
                else _("%(name)s can no longer sign in.")
            )
            % {"name": member},
            then=back,
        )
        title = _("Withdraw the invitation to %(name)s") if withdraw else _("Deactivate %(name)s")
        return done or form_page(
            request,
            form,
            title=title % {"name": member},
            cancel=back,
            submit=_("Withdraw the invitation") if withdraw else _("Deactivate"),
            danger=True,
            member=member,
            withdraw=withdraw,
            template="coordination/staff_deactivate.html",
        )

    return view


def _button(scope: Scope, service, success, form_class=None):
    @own_data_only
    @require_http_methods(["POST"])
    def view(request: HttpRequest, staff_id: int) -> HttpResponse:
        member, back = scope(request, staff_id)
        form = form_class(request.POST) if form_class else None
        message = success % {"name": member}
        return perform(
            request, service, actor=request.user, user=member, success=message, then=back, form=form
        )

    return view


def _staff_views(scope: Scope) -> dict[str, Callable]:
    return {
        "deactivate": _deactivate(scope),
        "reactivate": _button(scope, staff_reactivate, gettext_lazy("%(name)s can sign in again.")),
        "resend": _button(
            scope, staff_invitation_resend, gettext_lazy("A new invitation was sent to %(name)s.")
        ),
        "team_lead": _button(
            scope,
            staff_team_lead_set,
            gettext_lazy("The team lead role of %(name)s was changed."),
            TeamLeadForm,
        ),
    }


lead_staff = _staff_views(_as_lead)
municipality_staff = _staff_views(_as_municipality_admin)
