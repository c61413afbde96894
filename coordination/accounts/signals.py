"""Authentication and account events: remember sessions, end them server-side, log security events."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from coordination.accounts.security import log_security_event
from coordination.accounts.sessions import session_forget, session_register, sessions_end_for_user
from coordination.models import User


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session_register(request=request, user=user)
    log_security_event("login", request, user_id=user.pk)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session_forget(session_key=request.session.session_key)
    log_security_event("logout", request, user_id=getattr(user, "pk", None))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The username is logged (to trace attacks on one account); the password never is.
    log_security_event("login_failed", request, username=str(credentials.get("username", ""))[:150])


@receiver(post_save, sender=User)
def _deactivated(sender, instance: User, **kwargs):
    if not instance.is_active:
        sessions_end_for_user(user=instance, reason="deactivated")


@receiver(pre_delete, sender=User)
def _deleted(sender, instance: User, **kwargs):
    sessions_end_for_user(user=instance, reason="deleted")
