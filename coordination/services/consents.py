"""Consent as a process: every step is an event; state and current scope are derived from them."""

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from coordination.consent_rules import consent_rule_for_age
from coordination.errors import BusinessRuleError
from coordination.models import (
    SCOPE_EVENTS,
    SHARING_STATES,
    STATE_AFTER_EVENT,
    STATE_OPENED_BY,
    Consent,
    ConsentBasis,
    ConsentChangeRequest,
    ConsentEvent,
    ConsentEventKind,
    ConsentEventScope,
    ConsentGiver,
    ConsentGrant,
    ConsentState,
    InformationCategory,
    Relative,
    RelativeSharing,
    User,
    Youth,
    age_on,
)
from coordination.services.permissions import youth_permissions_sync
from coordination.services.stafettlogg import LogEntryKind, record_in_log

Scope = set[tuple[int, str]]  # (agency_id, category)

# Events that may open a consent's life.
OPENING_EVENTS = (
    ConsentEventKind.REQUESTED,
    ConsentEventKind.DISCUSSED,
    ConsentEventKind.GIVEN,
    ConsentEventKind.PARTLY_GIVEN,
    ConsentEventKind.REFUSED,
)
# Which later events make sense in which state.
ALLOWED_EVENTS = {
    ConsentState.REQUESTED: {"discussed", "given", "partly_given", "refused", "withdrawn"},
    ConsentState.DISCUSSED: {"discussed", "given", "partly_given", "refused", "withdrawn"},
    ConsentState.GIVEN: {"discussed", "reviewed", "renewed", "narrowed", "widened", "withdrawn", "expired"},
    ConsentState.PARTLY_GIVEN: {
        "discussed",
        "reviewed",
        "renewed",
        "narrowed",
        "widened",
        "withdrawn",
        "expired",
    },
    ConsentState.REFUSED: {"discussed", "requested", "given", "partly_given"},
    ConsentState.WITHDRAWN: {"discussed", "requested", "given", "partly_given"},
    ConsentState.EXPIRED: {"discussed", "requested", "renewed"},
}


def _log(youth: Youth, actor: User, text: str) -> None:
    # Only that something happened to a consent: its purpose, the youth's words and the notes stay
    # with the consent, for those who manage consent (see models.content.ManagedByConsentRule).
    record_in_log(youth=youth, actor=actor, kind=LogEntryKind.NOTE, text=text)


def _check_dates(valid_from: datetime.date, review_on, expires_on) -> None:
    if expires_on is not None and expires_on < valid_from:
        raise BusinessRuleError(_("The expiry date cannot be before the consent starts."))
    if review_on is not None and review_on < valid_from:
        raise BusinessRuleError(_("The review date cannot be before the consent starts."))


def _check_giver(youth: Youth, *, basis: str, given_by: str, scope: Scope, youth_view: str, on) -> None:
    if basis == ConsentBasis.LEGAL_DUTY:
        return
    if given_by == ConsentGiver.NOT_APPLICABLE:
        raise BusinessRuleError(_("Say who gives the consent."))
    rule = consent_rule_for_age(age_on(youth.birth_date, on))
    categories = {category for _agency, category in scope}
    if given_by not in rule.allowed_givers(categories):
        raise BusinessRuleError(
            _("This consent cannot be given by %(giver)s. %(rule)s")
            % {"giver": ConsentGiver(given_by).label.lower(), "rule": rule.summary}
        )
    if rule.youth_must_be_heard and not youth_view.strip():
        raise BusinessRuleError(_("The youth must be heard: write down what the youth said."))


def _write_event(consent: Consent, *, actor: User, kind: str, note: str, scope: Scope | None) -> ConsentEvent:
    event = ConsentEvent.objects.create(consent=consent, kind=kind, note=note.strip(), recorded_by=actor)
    new_state = STATE_AFTER_EVENT[kind]
    if new_state is not None:
        consent.state = new_state
        consent.save(update_fields=["state"])
    if kind in SCOPE_EVENTS:
        ConsentEventScope.objects.bulk_create(
            ConsentEventScope(event=event, agency_id=agency_id, category=category)
            for agency_id, category in scope
        )
        consent.grants.all().delete()
        ConsentGrant.objects.bulk_create(
            ConsentGrant(consent=consent, agency_id=agency_id, category=category)
            for agency_id, category in scope
        )
    youth_permissions_sync(consent.youth)
    return event


@transaction.atomic
def consent_record(
    *,
    actor: User,
    youth: Youth,
    event_kind: str,
    basis: str,
    given_by: str,
    purpose: str,
    form: str,
    valid_from: datetime.date,
    review_on: datetime.date | None,
    expires_on: datetime.date | None,
    scope: Scope,
    legal_basis: str = "",
    youth_view: str = "",
    note: str = "",
) -> Consent:
    """Records a new consent (or a sharing on a legal basis) with its first event."""
    if event_kind not in OPENING_EVENTS:
        raise BusinessRuleError(
            _("A new consent starts as requested, discussed, given, partly given or refused.")
        )
    if not purpose.strip():
        raise BusinessRuleError(_("Describe the purpose of sharing."))
    _check_dates(valid_from, review_on, expires_on)
    if event_kind in SCOPE_EVENTS and not scope:
        raise BusinessRuleError(_("Choose at least one agency and information category."))
    if basis == ConsentBasis.LEGAL_DUTY:
        if not legal_basis.strip():
            raise BusinessRuleError(_("Name the legal basis for sharing without consent."))
        given_by = ConsentGiver.NOT_APPLICABLE
        if event_kind not in SCOPE_EVENTS:
            raise BusinessRuleError(_("A sharing on a legal basis is recorded with its scope."))
    _check_giver(youth, basis=basis, given_by=given_by, scope=scope, youth_view=youth_view, on=valid_from)
    consent = Consent.objects.create(
        youth=youth,
        basis=basis,
        legal_basis=legal_basis.strip(),
        given_by=given_by,
        purpose=purpose.strip(),
        form=form,
        valid_from=valid_from,
        review_on=review_on,
        expires_on=expires_on,
        state=STATE_OPENED_BY[event_kind],
        youth_view=youth_view.strip(),
        created_by=actor,
    )
    _write_event(consent, actor=actor, kind=event_kind, note=note, scope=scope)
    _log(
        youth,
        actor,
        _("Consent recorded: %(state)s. See the consent page.") % {"state": consent.get_state_display()},
    )
    return consent


def consent_scope(consent: Consent) -> Scope:
    return set(consent.grants.values_list("agency_id", "category"))


@transaction.atomic
def consent_event_record(
    *,
    actor: User,
    consent: Consent,
    kind: str,
    note: str = "",
    scope: Scope | None = None,
    next_review_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> ConsentEvent:
    """Appends a step to a consent's life: renewed, narrowed, widened, withdrawn, reviewed…

    Reviewing or renewing sets the next review date, which also ends the review reminder. Renewing
    may set a new expiry date; renewing a consent whose expiry date has passed must, and its new
    period starts that day (the time between the old expiry and the renewal never shares anything)."""
    consent = Consent.objects.select_for_update().select_related("youth").get(pk=consent.pk)
    today = timezone.localdate()
    if expires_on is not None and kind != ConsentEventKind.RENEWED:
        raise BusinessRuleError(_("A new expiry date belongs to a renewal."))
    if expires_on is not None and expires_on <= today:
        raise BusinessRuleError(_("The new expiry date must be in the future."))
    lapsed = consent.expires_on is not None and consent.expires_on < today
    if next_review_on is not None:
        if kind not in (ConsentEventKind.REVIEWED, ConsentEventKind.RENEWED):
            raise BusinessRuleError(_("A next review date belongs to a review or a renewal."))
        if next_review_on <= timezone.localdate():
            raise BusinessRuleError(_("The next review date must be in the future."))
        consent.review_on = next_review_on
        consent.save(update_fields=["review_on"])
    if kind not in ALLOWED_EVENTS[consent.state]:
        raise BusinessRuleError(
            _("“%(event)s” is not possible when the consent is %(state)s.")
            % {"event": ConsentEventKind(kind).label.lower(), "state": consent.get_state_display().lower()}
        )
    if kind == ConsentEventKind.RENEWED and lapsed and expires_on is None:
        raise BusinessRuleError(
            _("The consent expired on %(date)s: renewing it needs a new expiry date.")
            % {"date": formats.date_format(consent.expires_on, "SHORT_DATE_FORMAT")}
        )
    current = consent_scope(consent)
    if kind in SCOPE_EVENTS:
        if kind == ConsentEventKind.RENEWED and not scope:
            scope = current
        if not scope:
            raise BusinessRuleError(_("Choose at least one agency and information category."))
        if kind == ConsentEventKind.NARROWED and not (scope < current):
            raise BusinessRuleError(_("A narrowed consent must cover less than it does now."))
        if kind == ConsentEventKind.WIDENED and not (scope > current):
            raise BusinessRuleError(_("A widened consent must cover more than it does now."))
        if kind == ConsentEventKind.WIDENED or consent.state not in SHARING_STATES:
            _check_giver(
                consent.youth,
                basis=consent.basis,
                given_by=consent.given_by,
                scope=scope,
                youth_view=consent.youth_view or note,
                on=timezone.localdate(),
            )
    elif scope:
        raise BusinessRuleError(_("Only giving, renewing, narrowing or widening changes the scope."))
    if kind == ConsentEventKind.WITHDRAWN:
        consent.grants.all().delete()
    if expires_on is not None:
        if lapsed:
            consent.valid_from = today
        _check_dates(consent.valid_from, None, expires_on)
        consent.expires_on = expires_on
        consent.save(update_fields=["valid_from", "expires_on"])
    event = _write_event(consent, actor=actor, kind=kind, note=note, scope=scope)
    _log(
        consent.youth,
        actor,
        _("Consent %(event)s. See the consent page.") % {"event": event.get_kind_display().lower()},
    )
    return event


@transaction.atomic
def consent_change_ask(
    *, actor: User, youth: Youth, text: str, consent: Consent | None = None
) -> ConsentChangeRequest:
    """The youth asks for a change to a consent; the stafettholder is reminded (the sweep) until a
    consent event is recorded after it."""
    if consent is not None and consent.youth_id != youth.pk:
        raise BusinessRuleError(_("That consent is not yours."))
    if not text.strip():
        raise BusinessRuleError(_("Write what you would like to change."))
    return ConsentChangeRequest.objects.create(
        youth=youth, consent=consent, text=text.strip()[:4000], asked_by=actor
    )


@transaction.atomic
def relative_sharing_set(
    *,
    actor: User,
    relative: Relative,
    plan: bool,
    meetings: bool,
    transitions: bool,
    include_health: bool,
    kept_back: list[str],
) -> RelativeSharing:
    """The youth decides what a relative sees (see coordination.access.citizens for the age rules)."""
    youth = relative.youth
    if getattr(actor, "youth_record", None) != youth:
        raise BusinessRuleError(_("Only the youth decides what relatives may see."))
    kept = sorted(set(kept_back) & set(InformationCategory.values))
    if kept and youth.age < 12:
        raise BusinessRuleError(_("From 12 years you can keep things from your guardians."))
    sharing, _created = RelativeSharing.objects.update_or_create(
        relative=relative,
        defaults={
            "plan": plan,
            "meetings": meetings,
            "transitions": transitions,
            "include_health": include_health,
            "kept_back": kept,
            "updated_at": timezone.now(),
        },
    )
    return sharing
