"""Sign-in records. Registered with the coordination app through coordination.models."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import CooldownMixin, SideChannelDevice, ThrottlingMixin, TimestampMixin

from coordination.accounts.sms import send_code


class UserSession(models.Model):
    """Which sessions belong to which user, so they can be ended server-side (deactivation, reset)
    without decoding every session in the store. Written at login, removed at logout."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user"], name="usersession_user")]


class SMSDevice(TimestampMixin, CooldownMixin, ThrottlingMixin, SideChannelDevice):
    """A one-time code by SMS (django-otp's side-channel device, like its EmailDevice): short expiry,
    single use, throttled after wrong codes, a cooldown between codes. Sent through the pluggable
    backend in coordination.accounts.sms."""

    number = models.CharField(max_length=30)

    class Meta(SideChannelDevice.Meta):
        verbose_name = "SMS device"

    def generate_challenge(self) -> bool:
        allowed, _info = self.generate_is_allowed()
        if not allowed:
            return False
        self.cooldown_set(commit=False)
        self.generate_token(valid_secs=settings.ONE_TIME_CODE_VALIDITY_SECONDS, commit=False)
        # Stored only once the gateway took it: when it raises SMSNotSent, the code sent before stays
        # the valid one and asking again is not held by the cooldown.
        send_code(self.number, self.token)
        self.save()
        return True

    def get_cooldown_duration(self) -> int:
        return settings.ONE_TIME_CODE_COOLDOWN_SECONDS

    def get_throttle_factor(self) -> int:
        return settings.ONE_TIME_CODE_THROTTLE_FACTOR

    def verify_token(self, token) -> bool:
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        verified = super().verify_token(token)
        if verified:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return verified


class CodeRequest(models.Model):
    """Each request for a one-time code, by address and client: the rate limit per address and per
    client holds across processes, whether or not the address belongs to anybody."""

    address = models.CharField(max_length=254)
    client = models.CharField(max_length=45)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address", "at"]), models.Index(fields=["client", "at"])]


class Invitation(models.Model):
    """The stafettholder invites a youth or a relative to their own Stafett, by SMS or e-mail to the
    number or address in the record. The link expires; accepting needs a code sent to the same place."""

    youth = models.ForeignKey("coordination.Youth", on_delete=models.CASCADE, related_name="invitations")
    relative = models.ForeignKey(
        "coordination.Relative", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    channel = models.CharField(max_length=5, choices=[("sms", "SMS"), ("email", "E-mail")])
    address = models.CharField(max_length=254)
    # Only a hash is stored: the link itself is shown once, in the message.
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class StaffInvitation(models.Model):
    """A team lead or municipality administrator invites staff by e-mail. The account exists from the
    invitation on, inactive and without a usable password. The link (only its hash is stored) expires
    after STAFF_INVITATION_HOURS and works once: it opens the page to choose a password; the
    authenticator is enrolled next, in the same browser session, and only its first code makes the
    account active. Sending a new invitation revokes the open ones."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    password_set_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="staffinvitation_user")]

    @property
    def is_open(self) -> bool:
        """Neither used up, revoked nor expired."""
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def link_usable(self) -> bool:
        """The link in the e-mail opens the password page once: until a password is chosen with it."""
        return self.is_open and self.password_set_at is None

    @property
    def awaits_authenticator(self) -> bool:
        return self.is_open and self.password_set_at is not None
