"""Django's model backend, loading the signed-in user the way every page needs them."""

import datetime

from django.contrib.auth import backends
from django.db.models import Exists, OuterRef
from django.utils import timezone

from coordination.models import EmergencyAccess, User
from coordination.prepared import prepared

# The dotted path sessions store (settings.AUTHENTICATION_BACKENDS names it) for logins without one.
MODEL_BACKEND = "coordination.accounts.backends.ModelBackend"


@prepared
def _signed_in_user(user_id: int, now: datetime.datetime):
    # Every request sends it: compiled once (coordination/prepared.py).
    active = EmergencyAccess.objects.filter(user=OuterRef("pk"), expires_at__gt=now)
    return (
        User._default_manager.select_related("agency")
        .annotate(has_active_emergency=Exists(active))
        .filter(pk=user_id)
    )


class ModelBackend(backends.ModelBackend):
    """Every page shows the user's agency in its header and, while one lasts, the emergency-access
    banner: the user is read with the agency joined and whether an emergency access is active, so
    neither costs a query of its own (the banner reads its rows only when there are any,
    coordination.web.context_processors). Read fresh on every request, like Django's."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = next(iter(_signed_in_user(user_id=user_id, now=timezone.now())), None)
        return user if user is not None and self.user_can_authenticate(user) else None
