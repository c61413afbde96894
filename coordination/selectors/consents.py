"""Reads about a youth's consents, their current scope and their history."""

from django.db.models import Case, DateField, F, Prefetch, Q, When
from django.utils import timezone

from coordination.models import (
    SHARING_STATES,
    Agency,
    Consent,
    ConsentEvent,
    ConsentGrant,
    InformationCategory,
    Youth,
)


def consents_for_youth(access) -> list[Consent]:
    """Every consent of the youth with its history; their texts are marked for consent managers only."""
    events = (
        ConsentEvent.objects.visible_to(access)
        .select_related("recorded_by")
        .prefetch_related("scope__agency")
    )
    return list(
        Consent.objects.visible_to(access)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("events", queryset=events), Prefetch("grants", queryset=ConsentGrant.objects.all())
        )
        .order_by("-valid_from", "-id")
    )


def consent_get(access, consent_id: int) -> Consent:
    return access.get(Consent.objects.visible_to(access), consent_id)


def scope_table(youth: Youth, consents: list[Consent]) -> dict:
    """The current sharing as an agency × category table: which consent or legal basis covers each cell."""
    today = timezone.localdate()
    team_agencies = Agency.objects.filter(
        pk__in=youth.team_memberships.filter(ended_on__isnull=True).values("agency_id")
    ).order_by("name")
    cells: dict[tuple[int, str], list[Consent]] = {}
    for consent in consents:
        if not consent.is_sharing_on(today):
            continue
        for grant in consent.grants.all():
            cells.setdefault((grant.agency_id, grant.category), []).append(consent)
    rows = []
    for agency in team_agencies:
        is_origin = agency.pk == youth.originating_agency_id
        rows.append(
            (
                agency,
                is_origin,
                [(category, cells.get((agency.pk, category.value), [])) for category in InformationCategory],
            )
        )
    return {"categories": list(InformationCategory), "rows": rows}


def team_agencies(youth: Youth) -> list[Agency]:
    return list(
        Agency.objects.filter(
            pk__in=youth.team_memberships.filter(ended_on__isnull=True).values("agency_id")
        ).order_by("name")
    )


def consent_deadlines(*, today, until):
    """The reminder sweep's source for rule 4 (pathways.sweep.ConsentDeadlines): sharing consents whose
    review is due by `until` (also when the review date has already passed without a review), or
    that expire between `today` and `until`. The reference date is the review date when there is one
    due, otherwise the expiry."""
    review_due = Q(review_on__lte=until)
    expiring = Q(expires_on__range=(today, until))
    return (
        Consent.objects.filter(state__in=SHARING_STATES)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .filter(review_due | expiring)
        .annotate(
            lapse_subject=F("pk"),
            lapse_youth=F("youth_id"),
            lapse_reference=Case(
                When(review_due, then=F("review_on")), default=F("expires_on"), output_field=DateField()
            ),
        )
    )
