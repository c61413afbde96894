"""How views declare their access rule (read by the URLconf coverage test and the audience middleware),
and the access-log rows every read and change of a youth's data writes."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from coordination.access.staff import YouthAccess, is_team_lead, youth_access_for_user
from coordination.models import AccessAction, AccessLogEntry, Youth


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def record_access(request: HttpRequest, access: YouthAccess) -> None:
    match = request.resolver_match
    details = ",".join(f"{key}={value}" for key, value in sorted(match.kwargs.items()) if key != "youth_id")
    AccessLogEntry.objects.record_many(
        user_id=access.user.pk,
        agency_id=access.user.agency_id,
        role=access.role,
        youth_ids=[access.youth.pk],
        action=AccessAction.VIEW if request.method in ("GET", "HEAD") else AccessAction.CHANGE,
        what=f"{match.url_name}{':' + details if details else ''}"[:200],
        emergency_id=access.emergency.pk if access.emergency else None,
    )


def record_listed(request: HttpRequest, youth_ids, *, action: str = AccessAction.VIEW) -> None:
    """Pages that show facts about several youths (the inbox, dashboards) write one access-log row for
    each youth on the page, as opening a youth's page does (one INSERT for the page); so do changes
    made from such a page (marking a reminder handled)."""
    user = request.user
    AccessLogEntry.objects.record_many(
        user_id=user.pk,
        agency_id=user.agency_id,
        role="list" if action == AccessAction.VIEW else "inbox",
        youth_ids=sorted(set(youth_ids)),
        action=action,
        what=request.resolver_match.url_name,
    )


def youth_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolves `youth_id` into a YouthAccess (or 404) and writes the access log row."""

    @wraps(view)
    def wrapper(request: HttpRequest, youth_id: int, *args, **kwargs) -> HttpResponse:
        access = youth_access_for_user(request.user, youth_id)
        record_access(request, access)
        return view(request, access, *args, **kwargs)

    wrapper.access_rule = "youth_team_member"  # read by the URLconf coverage test
    return wrapper


def emergency_entry(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks the break-the-glass view, which checks team membership itself."""
    view.access_rule = "youth_team_member_emergency"
    return view


def own_data_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view that shows only the signed-in user's own data (scoped in its selector)."""
    view.access_rule = "own_data"
    return view


def public(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a view that anonymous visitors may see (login, language switch, health).

    Everything else needs a login and the second factor (LoginRequiredMiddleware and
    SecondFactorRequiredMiddleware); the list of public views is locked in tests/test_url_access.py.
    """
    view = login_not_required(view)
    view.access_rule = "public"
    return view


def second_factor_not_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks the pages of the second-factor step: logged in with a password, not yet verified."""
    view.second_factor_required = False
    return view


def any_signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a page for every signed-in user whatever their kind (the start page sends each to theirs)."""
    view.access_rule = "own_data"
    view.audience = "any"
    return view


def citizen_pages(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks a page of a youth's or relative's own Stafett: only their own record, scoped in the
    view through coordination.access.citizens. Staff never reach these pages, nor citizens staff pages
    (coordination.accounts.middleware.AudienceMiddleware reads the mark)."""
    view.access_rule = "citizen_own"
    view.audience = "citizen"
    return view


def lead_youth_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A team lead's page about one youth of their agency (giving the baton to someone else): the
    youth's stafettholder belongs to the lead's agency, else 404. Facts only, and logged like any
    access to the youth."""

    @wraps(view)
    def wrapper(request: HttpRequest, youth_id: int, *args, **kwargs) -> HttpResponse:
        user = request.user
        youth = Youth.objects.select_related("stafettholder").filter(pk=youth_id).first()
        if youth is None or not is_team_lead(user) or youth.stafettholder.agency_id != user.agency_id:
            raise Http404
        AccessLogEntry.objects.create(
            user=user,
            agency_id=user.agency_id,
            role="team_lead",
            youth=youth,
            action=AccessAction.VIEW if request.method in ("GET", "HEAD") else AccessAction.CHANGE,
            what=request.resolver_match.url_name,
        )
        return view(request, youth, *args, **kwargs)

    wrapper.access_rule = "team_lead_youth"
    return wrapper
