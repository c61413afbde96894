"""Consent as a process (samtykke), and sharings that rest on a legal duty instead.

A Consent is the container; its life is a sequence of ConsentEvents that are never rewritten. The
current state and scope are *derived* from the events and kept on the consent (`state`) and in
ConsentGrant rows (agency × category) so access checks are a single indexed join.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models.agencies import Agency
from coordination.models.append_only import AppendOnlyModel
from coordination.models.choices import InformationCategory
from coordination.models.content import AppendOnlyContentQuerySet, ManagedByConsentRule
from coordination.models.youths import Youth


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Consent")
    LEGAL_DUTY = "legal_duty", _("Legal duty or authority (not consent)")


class ConsentGiver(models.TextChoices):
    YOUTH = "youth", _("The youth")
    GUARDIANS = "guardians", _("The guardians")
    BOTH = "both", _("The youth and the guardians")
    NOT_APPLICABLE = "n/a", _("Not applicable (legal basis)")


class ConsentForm(models.TextChoices):
    ORAL = "oral", _("Oral")
    WRITTEN = "written", _("Written")
    DIGITAL = "digital", _("Digital")


class ConsentState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    DISCUSSED = "discussed", _("Discussed")
    GIVEN = "given", _("Given")
    PARTLY_GIVEN = "partly_given", _("Partly given")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


# States in which the consent's scope is shared.
SHARING_STATES = (ConsentState.GIVEN, ConsentState.PARTLY_GIVEN)


class ConsentEventKind(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    DISCUSSED = "discussed", _("Discussed with the youth")
    GIVEN = "given", _("Given")
    PARTLY_GIVEN = "partly_given", _("Partly given")
    REFUSED = "refused", _("Refused")
    RENEWED = "renewed", _("Renewed")
    NARROWED = "narrowed", _("Narrowed")
    WIDENED = "widened", _("Widened")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    REVIEWED = "reviewed", _("Reviewed, unchanged")


# What each event does to the state (None: leaves it as it was).
STATE_AFTER_EVENT = {
    ConsentEventKind.REQUESTED: ConsentState.REQUESTED,
    ConsentEventKind.DISCUSSED: None,
    ConsentEventKind.GIVEN: ConsentState.GIVEN,
    ConsentEventKind.PARTLY_GIVEN: ConsentState.PARTLY_GIVEN,
    ConsentEventKind.REFUSED: ConsentState.REFUSED,
    ConsentEventKind.RENEWED: ConsentState.GIVEN,
    ConsentEventKind.NARROWED: ConsentState.PARTLY_GIVEN,
    ConsentEventKind.WIDENED: ConsentState.GIVEN,
    ConsentEventKind.WITHDRAWN: ConsentState.WITHDRAWN,
    ConsentEventKind.EXPIRED: ConsentState.EXPIRED,
    ConsentEventKind.REVIEWED: None,
}
# The state a consent starts in, by its opening event: as STATE_AFTER_EVENT, except that a consent
# opened by a conversation ("discussed") has no earlier state to keep and starts as discussed.
STATE_OPENED_BY = {
    **{kind: state for kind, state in STATE_AFTER_EVENT.items() if state is not None},
    ConsentEventKind.DISCUSSED: ConsentState.DISCUSSED,
}
# Events that set a new scope (the agency × category table) for the consent.
SCOPE_EVENTS = frozenset(
    {
        ConsentEventKind.GIVEN,
        ConsentEventKind.PARTLY_GIVEN,
        ConsentEventKind.RENEWED,
        ConsentEventKind.NARROWED,
        ConsentEventKind.WIDENED,
    }
)


class Consent(ManagedByConsentRule):
    CONTENT_FIELDS = ("purpose", "youth_view")

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="consents")
    basis = models.CharField(
        _("basis"), max_length=12, choices=ConsentBasis.choices, default=ConsentBasis.CONSENT
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_(
            "For sharing without consent: the statute and duty, e.g. the duty to report to child welfare."
        ),
    )
    given_by = models.CharField(_("given by"), max_length=10, choices=ConsentGiver.choices)
    purpose = models.TextField(_("purpose"))
    form = models.CharField(_("form"), max_length=8, choices=ConsentForm.choices)
    valid_from = models.DateField(_("valid from"))
    review_on = models.DateField(_("review date"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    # Derived from the events; only the consent services write it.
    state = models.CharField(_("state"), max_length=14, choices=ConsentState.choices)
    youth_view = models.TextField(_("the youth's own words"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("valid_from")),
                name="consent_expiry_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} {self.valid_from}"

    @property
    def is_sharing_now(self) -> bool:
        return self.is_sharing_on(timezone.localdate())

    def is_sharing_on(self, day) -> bool:
        return (
            self.state in SHARING_STATES
            and self.valid_from <= day
            and (self.expires_on is None or self.expires_on >= day)
        )


class ConsentEvent(AppendOnlyModel, ManagedByConsentRule):
    """One step in the consent's life. Appended, never changed."""

    CONTENT_FIELDS = ("note",)
    YOUTH_PATH = "consent__youth"
    objects = AppendOnlyContentQuerySet.as_manager()

    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("what happened"), max_length=14, choices=ConsentEventKind.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ConsentEventScope(AppendOnlyModel):
    """The scope an event set: which agency may receive which category. History of the scope."""

    event = models.ForeignKey(ConsentEvent, on_delete=models.PROTECT, related_name="scope")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=16, choices=InformationCategory.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "agency", "category"], name="unique_event_scope"),
        ]


class ConsentGrant(models.Model):
    """The consent's *current* scope, derived from its latest scope event (rewritten on each)."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="grants")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=16, choices=InformationCategory.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consent", "agency", "category"], name="unique_consent_grant"),
        ]
        indexes = [models.Index(fields=["agency", "consent"])]


class RelativeSharing(models.Model):
    """What a youth shares with one relative (from 16, or with anyone who is not a guardian of a
    youth under 16), and, for a guardian of a youth under 16, what the youth (from 12) keeps from them.
    The youth sets it on their own consent page; see coordination.access.citizens for the age rules."""

    relative = models.OneToOneField("coordination.Relative", on_delete=models.CASCADE, related_name="sharing")
    plan = models.BooleanField(_("the plan"), default=False)
    meetings = models.BooleanField(_("meetings"), default=False)
    transitions = models.BooleanField(_("transitions"), default=False)
    include_health = models.BooleanField(_("also health, mental health and substance use"), default=False)
    # Categories a youth from 12 keeps from their guardians while under 16 (a list of category values).
    kept_back = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)


class ConsentChangeRequest(ManagedByConsentRule):
    """The youth asks for a change to a consent (in their own words). It reaches the stafettholder as
    a reminder; it is settled when a consent event is recorded after it. The text is consent content."""

    CONTENT_FIELDS = ("text",)

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="consent_change_requests")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.TextField(_("what you would like to change"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-asked_at"]
