"""Reads of the individual plan: the working plan, its adopted versions (frozen items through the one
visibility rule, for staff and for the youth alike) and what changed from one version to the next."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Consent
from coordination.models.consents import SHARING_STATES
from pathways.models import IndividualPlan, PlanAgreement, PlanItemKind, PlanVersion, PlanVersionItem

# What makes an item "changed" in the diff, with the words the page uses for it.
COMPARED = {
    "text": _("wording"),
    "status": _("status"),
    "responsible_id": _("responsible"),
    "start_date": _("start date"),
    "evaluation_date": _("evaluation date"),
    "category": _("information category"),
}


def plan_get(access) -> IndividualPlan | None:
    return (
        IndividualPlan.objects.select_related("coordinator", "coordinator__agency", "consent")
        .filter(youth=access.youth)
        .first()
    )


def version_rows() -> QuerySet[PlanVersion]:
    agreements = PlanAgreement.objects.order_by("-recorded_at", "-id")
    return PlanVersion.objects.select_related(
        "coordinator", "coordinator__agency", "adopted_by", "consent"
    ).prefetch_related(Prefetch("agreements", queryset=agreements))


def versions(access) -> list[PlanVersion]:
    return list(version_rows().filter(youth=access.youth).order_by("-number"))


def version_get(access, version_id: int) -> PlanVersion:
    return access.get(version_rows(), version_id)


def newest_version(access) -> PlanVersion | None:
    return version_rows().filter(youth=access.youth).order_by("-number").first()


def latest_answer(version: PlanVersion) -> PlanAgreement | None:
    """The youth's answer that counts (agreements prefetched newest first)."""
    answers = list(version.agreements.all())
    return answers[0] if answers else None


def sharing_consents(youth) -> QuerySet[Consent]:
    """The consents that can cover the plan: the youth's, in force today."""
    today = timezone.localdate()
    return (
        Consent.objects.filter(youth=youth, state__in=SHARING_STATES, valid_from__lte=today)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .order_by("-valid_from", "-id")
    )


@dataclass
class GoalInPlan:
    goal: PlanVersionItem | None  # None: actions under a goal this reader may not see
    actions: list[PlanVersionItem] = field(default_factory=list)


def _visible_items(access, version: PlanVersion) -> list[PlanVersionItem]:
    return list(
        PlanVersionItem.objects.visible_to(access)
        .filter(version=version)
        .select_related("responsible", "responsible_agency")
        .order_by("position", "id")
    )


def version_goals(
    access, version: PlanVersion, items: list[PlanVersionItem] | None = None
) -> list[GoalInPlan]:
    """The version's goals, each with its actions, as far as the reader may see them."""
    items = _visible_items(access, version) if items is None else items
    goals: dict[int, GoalInPlan] = {}
    for item in items:
        if item.kind == PlanItemKind.GOAL:
            goals[item.goal_source_id] = GoalInPlan(goal=item)
    hidden = GoalInPlan(goal=None)
    for item in items:
        if item.kind == PlanItemKind.ACTION:
            goals.get(item.goal_source_id, hidden).actions.append(item)
    return [*goals.values(), *([hidden] if hidden.actions else [])]


@dataclass
class Change:
    what: str  # "added", "removed" or "changed"
    item: PlanVersionItem  # the new item; the old one when removed
    old: PlanVersionItem | None = None
    fields: list[str] = field(default_factory=list)
    text_changed: bool = False


@dataclass
class VersionDiff:
    previous: PlanVersion
    changes: list[Change]
    coordinator_changed: bool
    consent_changed: bool
    dates_changed: bool

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.coordinator_changed or self.consent_changed or self.dates_changed)


def version_diff(access, version: PlanVersion) -> VersionDiff | None:
    """What changed since the version before, among the items the reader may see (None for the first)."""
    previous = (
        PlanVersion.objects.select_related("coordinator", "consent")
        .filter(plan_id=version.plan_id, number=version.number - 1)
        .first()
    )
    if previous is None:
        return None
    key = lambda item: (item.kind, item.source_id)  # noqa: E731
    old = {key(item): item for item in _visible_items(access, previous)}
    changes = []
    for item in _visible_items(access, version):
        before = old.pop(key(item), None)
        if before is None:
            changes.append(Change("added", item))
            continue
        differs = [name for name in COMPARED if getattr(item, name) != getattr(before, name)]
        if differs:
            labels = [str(COMPARED[name]) for name in differs]
            changes.append(Change("changed", item, old=before, fields=labels, text_changed="text" in differs))
    changes += [Change("removed", item) for item in old.values()]
    return VersionDiff(
        previous=previous,
        changes=changes,
        coordinator_changed=previous.coordinator_id != version.coordinator_id,
        consent_changed=previous.consent_id != version.consent_id,
        dates_changed=previous.evaluation_dates != version.evaluation_dates,
    )
