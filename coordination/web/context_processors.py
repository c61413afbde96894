"""What every page shows whatever it is: the active emergency accesses of the user."""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from coordination.models import EmergencyAccess


def emergency_banner(request: HttpRequest) -> dict:
    """Active break-the-glass accesses of the user, shown on every page while they last."""

    def active():
        user = getattr(request, "user", None)
        # Read with the user (coordination.accounts.backends); a user read otherwise is asked.
        if user is None or not user.is_authenticated or not getattr(user, "has_active_emergency", True):
            return []
        return list(
            EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).select_related("youth")
        )

    return {"active_emergencies": SimpleLazyObject(active)}
