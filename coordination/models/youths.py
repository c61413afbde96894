"""The youth and the case: registration, status, and the explicit decisions that close or reopen it."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.no import fodselsnummer

from coordination.models.agencies import Agency
from coordination.models.choices import BtiLevel, ChoiceLabels, InformationCategory, Language
from coordination.models.content import ContentModel


def national_id_is_valid(value: str, *, synthetic: bool | None = None) -> bool:
    """A fødselsnummer or D-number with valid check digits and birth date (python-stdnum).

    Test environments use the tax authority's synthetic series (Tenor: month + 80), which can never
    belong to a real person; they are accepted only where `SYNTHETIC_NATIONAL_IDS` is on (demo, tests).
    """
    if synthetic is None:
        synthetic = settings.SYNTHETIC_NATIONAL_IDS
    if fodselsnummer.is_valid(value):
        return True
    if not (synthetic and len(value) == 11 and value.isdigit() and 81 <= int(value[2:4]) <= 92):
        return False
    checks_ok = value[9] == fodselsnummer.calc_check_digit1(value) and value[10] == (
        fodselsnummer.calc_check_digit2(value)
    )
    # The birth date is read from the same digits with the month moved back.
    try:
        born = fodselsnummer.get_birth_date(f"{value[:2]}{int(value[2:4]) - 80:02d}{value[4:]}")
    except ValueError:  # stdnum's InvalidComponent
        return False
    return checks_ok and born <= datetime.date.today()


def validate_national_id(value: str) -> None:
    if not national_id_is_valid(value):
        raise ValidationError(
            _("Enter a valid national identity number (11 digits with correct check digits)."),
            code="invalid_national_id",
        )


class YouthStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (earlier when negative); 29 February falls on the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Youth(ChoiceLabels, models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    national_id = models.CharField(
        _("national identity number"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_national_id],
    )
    municipality = models.CharField(_("municipality"), max_length=100)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.NORWEGIAN
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=8, choices=Language.choices, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=YouthStatus.choices, default=YouthStatus.ACTIVE
    )
    bti_level = models.PositiveSmallIntegerField(_("BTI level"), choices=BtiLevel.choices, default=0)
    # Longest time without contact before the stafettholder is reminded; empty: the BTI level's default
    # (settings.REMINDER_FOLLOW_UP_DAYS_BY_LEVEL).
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow-up interval (days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the default for the BTI level."),
    )
    originating_agency = models.ForeignKey(
        Agency, verbose_name=_("originating agency"), on_delete=models.PROTECT, related_name="+"
    )
    # The one professional holding the baton. Kept on the youth so "exactly one" is a column
    # constraint, not a hope; the history lives in StafettholderPeriod.
    stafettholder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("stafettholder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_youths",
    )
    # The youth's own login, once the stafettholder has invited them and they accepted.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="youth_record"
    )
    # Denormalised from the log for list pages and reminder sweeps (indexed, set-based).
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Records retention (pathways/services/retention.py): a case on legal hold keeps everything, whatever
    # the retention periods say; set and lifted by a team lead or the municipality administrator.
    legal_hold = models.BooleanField(_("legal hold"), default=False, db_default=False)
    legal_hold_reason = models.CharField(
        _("reason for the legal hold"), max_length=200, blank=True, db_default=""
    )
    # When retention anonymised the youth's identity (names, national id, contact details).
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("youth")
        verbose_name_plural = _("youths")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=YouthStatus.CLOSED) | Q(stafettholder__isnull=False),
                name="active_youth_has_stafettholder",
                violation_error_message=_("An active youth must have a stafettholder."),
            ),
            models.CheckConstraint(condition=Q(bti_level__lte=3), name="bti_level_0_to_3"),
            models.CheckConstraint(
                condition=Q(follow_up_days__isnull=True) | Q(follow_up_days__range=(1, 365)),
                name="follow_up_days_1_to_365",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "last_contact_at"]),
            models.Index(fields=["birth_date"]),
            # Active youths by id: merged with an agency's memberships without reading the table.
            models.Index(fields=["id"], condition=Q(status="active"), name="active_youth"),
            # Lists of active youths by name (a team lead's figure lists) stop after a page of them.
            models.Index(
                fields=["last_name", "first_name", "id"],
                condition=Q(status="active"),
                name="active_youth_by_name",
            ),
            # An agency's active youths by their stafettholder (escalations, the team lead's figures),
            # found without reading the table: otherwise all active youths are scanned.
            models.Index(
                fields=["stafettholder"],
                include=["id"],
                condition=Q(status="active"),
                name="active_youth_by_holder",
            ),
        ]
        # Object permissions granted per youth by coordination.permissions (guardian).
        permissions = [
            ("see_youth", _("See that the youth exists, the team and the stafettholder")),
            *[(f"see_{category.value}", category.label) for category in InformationCategory],
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def age(self) -> int:
        return age_on(self.birth_date, timezone.localdate())

    @property
    def is_active(self) -> bool:
        return self.status == YouthStatus.ACTIVE


class ClosingReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Goals reached, youth agrees")
    YOUTH_DECLINES = "youth_declines", _("Youth declines further help after an informed choice")
    MOVED = "moved", _("Moved to another municipality (handed over)")
    TRANSFERRED = "transferred", _("Transferred to another service with a new coordinator")
    AGED_OUT = "aged_out", _("Over 25, followed up by adult services")
    DECEASED = "deceased", _("Deceased")


class CaseDecisionKind(models.TextChoices):
    CLOSE = "close", _("Closed")
    REOPEN = "reopen", _("Reopened")


class CaseDecision(ContentModel):
    """The only way a case changes status: an explicit, reasoned decision with the youth's view."""

    CONTENT_FIELDS = ("explanation", "youth_view")

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="case_decisions")
    kind = models.CharField(max_length=8, choices=CaseDecisionKind.choices)
    reason = models.CharField(_("reason"), max_length=32, choices=ClosingReason.choices, blank=True)
    explanation = models.TextField(_("explanation"))
    youth_view = models.TextField(_("the youth's view"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The agency it was written for, fixed when written (not the author's agency of today).
    agency = models.ForeignKey(
        Agency, verbose_name=_("written for"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(
        _("information category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.GENERAL,
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]


class RegistrationAttempt(models.Model):
    """Someone tried to register a youth who is already registered. The one registering is told
    nothing that reveals it; the youth's stafettholder is reminded to get in touch (the sweep)."""

    youth = models.ForeignKey(Youth, on_delete=models.PROTECT, related_name="registration_attempts")
    attempted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["at"])]
