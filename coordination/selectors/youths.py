"""Reads about the youth and the case."""

from coordination.models import CaseDecision, CaseDecisionKind


def closing_decision(access) -> CaseDecision | None:
    """The decision that closed the case (reason, explanation, the youth's view), while it is closed
    and if the user may see it."""
    if access.youth.is_active:
        return None
    return (
        CaseDecision.objects.visible_to(access)
        .filter(kind=CaseDecisionKind.CLOSE)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
        .first()
    )
