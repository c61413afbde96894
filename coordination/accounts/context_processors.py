"""Sign-in state for every template."""

from django.conf import settings

from coordination.access import is_team_lead


def security(request):
    """Whether the second factor is off (the embedded demo), so every page can say so, and whether
    this session has passed it: menus and the polling inbox badge only appear once it has."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    verified = signed_in and (not settings.REQUIRE_SECOND_FACTOR or user.is_verified())
    return {
        "second_factor_off": not settings.REQUIRE_SECOND_FACTOR,
        "fully_signed_in": verified,
        "is_team_lead": bool(verified and is_team_lead(user)),
    }
