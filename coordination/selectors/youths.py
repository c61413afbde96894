"""Reads about the youth and the case."""

from coordination.models import CaseDecision, CaseDecisionKind, Youth


def closing_decision(youth: Youth) -> CaseDecision | None:
    """The decision that closed the case (reason, explanation, the youth's view), while it is closed."""
    if youth.is_active:
        return None
    return (
        CaseDecision.objects.filter(youth=youth, kind=CaseDecisionKind.CLOSE)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
        .first()
    )
