from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from coordination.models import EmergencyAccess


def emergency_banner(request: HttpRequest) -> dict:
    """Active break-the-glass accesses of the user, shown on every page while they last."""

    def active():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return list(
            EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).select_related("youth")
        )

    return {"active_emergencies": SimpleLazyObject(active)}


def security(request):
    """Whether the second factor is off (the embedded demo), so every page can say so, and whether
    this session has passed it: menus and the polling inbox badge only appear once it has."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    verified = signed_in and (not settings.REQUIRE_SECOND_FACTOR or user.is_verified())
    return {"second_factor_off": not settings.REQUIRE_SECOND_FACTOR, "fully_signed_in": verified}
