"""The record of one case as one reader may see it, for the archive export and the youth's own
export: every part through the one visibility rule (`visible_to(access)`), so what an export holds
follows the exporter's permissions. A youth's or relative's export follows the age rules of
coordination.access.citizens (the parts their access sees); staff exports hold every part."""

from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q

from coordination.models import CaseDecision, CaseDecisionKind, Consent, ConsentEvent, Relative
from pathways.models import Action, Evaluation, Goal, LevelChange, LogEntry, Meeting, Transition

# The parts of a record, and the citizen part (coordination.access.citizens.PARTS) each needs.
PART_OF = {
    "goals": "plan",
    "actions": "plan",
    "evaluations": "plan",
    "levels": "plan",
    "decisions": "plan",
    "log": "log",
    "meetings": "meetings",
    "transitions": "transitions",
    "consents": "consents",
    "relatives": "consents",  # contact details of relatives: the youth, not a guardian
}


@dataclass
class CaseRecord:
    access: object
    parts: dict[str, list] = field(default_factory=dict)

    @property
    def youth(self):
        return self.access.youth


def _sees(access, part: str) -> bool:
    sees = getattr(access, "sees", None)
    return sees is None or sees(PART_OF[part])


def case_record(access) -> CaseRecord:
    """Every part the reader may see, each in one query (two for consents and their history)."""
    readers = {
        "goals": lambda: (
            Goal.objects.visible_to(access).select_related("agency").order_by("created_at", "id")
        ),
        "actions": lambda: (
            Action.objects.visible_to(access)
            .select_related("responsible", "responsible_agency", "agency")
            .order_by("goal_id", "evaluation_date", "id")
        ),
        "evaluations": lambda: (
            Evaluation.objects.visible_to(access)
            .select_related("evaluated_by", "agency")
            .order_by("evaluated_at", "id")
        ),
        "log": lambda: (
            LogEntry.objects.visible_to(access)
            .select_related("author", "agency")
            .order_by("occurred_at", "id")
        ),
        "meetings": lambda: (
            Meeting.objects.visible_to(access).select_related("agency").order_by("starts_at", "id")
        ),
        "decisions": lambda: (
            CaseDecision.objects.visible_to(access)
            .select_related("decided_by", "agency")
            .order_by("decided_at", "id")
        ),
        "levels": lambda: (
            LevelChange.objects.visible_to(access)
            .select_related("changed_by", "agency")
            .order_by("changed_at", "id")
        ),
        "transitions": lambda: (
            Transition.objects.visible_to(access)
            .select_related("responsible", "agency")
            .order_by("planned_date", "id")
        ),
        "consents": lambda: Consent.objects.visible_to(access).prefetch_related(
            Prefetch(
                "events",
                queryset=ConsentEvent.objects.visible_to(access)
                .select_related("recorded_by")
                .prefetch_related("scope", "scope__agency")
                .order_by("recorded_at", "id"),
            )
        ),
        "relatives": lambda: Relative.objects.visible_to(access).order_by("name", "id"),
    }
    record = CaseRecord(access=access)
    for part, reader in readers.items():
        if _sees(access, part):
            record.parts[part] = list(reader())
    return record


def closed_on(youth):
    """When the case was last closed (None while open)."""
    return youth.case_decisions.filter(Q(kind=CaseDecisionKind.CLOSE)).aggregate(at=Max("decided_at"))["at"]
