"""The one place that decides who may see and change what.

Rule for now (deny by default): only active members of a youth's team see or change anything about
that youth; everyone else gets 404, so a forbidden youth looks exactly like a missing one.
Every view that touches youth data reaches it through `youth_get_for_user` (or the decorator
below), and every list through `youths_visible_to`, which scopes in SQL.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from coordination.models import TeamMembership, User, Youth


def youths_visible_to(user: User) -> QuerySet[Youth]:
    if not user.is_authenticated or not user.is_active:
        return Youth.objects.none()
    on_team = TeamMembership.objects.filter(youth=OuterRef("pk"), user=user, ended_on__isnull=True)
    return Youth.objects.filter(Exists(on_team))


def youth_get_for_user(user: User, youth_id: int) -> Youth:
    youth = (
        youths_visible_to(user)
        .select_related("stafettholder", "stafettholder__agency", "originating_agency")
        .filter(pk=youth_id)
        .first()
    )
    if youth is None:
        raise Http404
    return youth


def is_stafettholder(user: User, youth: Youth) -> bool:
    return youth.stafettholder_id == user.pk


def can_hand_over(user: User, youth: Youth) -> bool:
    return youth.is_active and is_stafettholder(user, youth)


def can_decide_case(user: User, youth: Youth) -> bool:
    """Closing and reopening: the stafettholder (team leads get this with the dashboard issue)."""
    return is_stafettholder(user, youth)


def youth_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolves the `youth_id` URL argument into an access-checked `youth`, or 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, youth_id: int, *args, **kwargs) -> HttpResponse:
        youth = youth_get_for_user(request.user, youth_id)
        return view(request, youth, *args, **kwargs)

    wrapper.access_rule = "youth_team_member"  # read by the URLconf coverage test
    return wrapper


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
