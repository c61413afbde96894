"""Writes about login sessions: remembering them at login, ending them server-side."""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from coordination.accounts.models import UserSession
from coordination.accounts.security import log_security_event
from coordination.models import User

# Session keys: when the user logged in, and when they were last seen (idle timeout).
AUTH_AT = "stafett_auth_at"
SEEN_AT = "stafett_seen_at"


def _store() -> type[SessionBase]:
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_register(*, request: HttpRequest, user: User) -> None:
    """Called at login (Django has already given the session a new key): starts both clocks."""
    now = timezone.now().timestamp()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.update_or_create(session_key=request.session.session_key, defaults={"user": user})


def session_cycle(*, request: HttpRequest) -> None:
    """A new session key after a privilege change (the second factor), keeping the data."""
    old_key = request.session.session_key
    request.session.cycle_key()
    UserSession.objects.filter(session_key=old_key).update(session_key=request.session.session_key)


def session_forget(*, session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def sessions_end_for_user(*, user: User, reason: str) -> int:
    """Deletes every session of the user from the session store: they are logged out at once."""
    store = _store()()
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store.delete(key)
    UserSession.objects.filter(user=user).delete()
    if keys:
        log_security_event("sessions_ended", user_id=user.pk, reason=reason, count=len(keys))
    return len(keys)


def sessions_clear_expired() -> int:
    """Drops expired sessions from the store and the rows that pointed to them (database sessions)."""
    _store().clear_expired()
    deleted, _by_model = UserSession.objects.exclude(
        session_key__in=Session.objects.values("session_key")
    ).delete()
    return deleted
