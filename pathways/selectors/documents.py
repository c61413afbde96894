"""What the printable documents hold, read through the one visibility rule of the reader: a reader
without consent for a category gets a document without it, as on the pages."""

from django.utils import timezone

from coordination.selectors.team import team_for_youth
from pathways.selectors import individual_plan as individual_plans
from pathways.selectors.log import log_for_youth
from pathways.selectors.meetings import meetings_for_youth
from pathways.selectors.plan import plan_for_youth
from pathways.selectors.transitions import transitions_for_youth

# The newest log entries in the case summary; the archive export asks for all (log_limit=None).
SUMMARY_LOG_ENTRIES = 50


def case_summary(access, *, log_limit: int | None = SUMMARY_LOG_ENTRIES) -> dict:
    """The context of the case summary: facts, team, plan, individual plan, meetings, transitions and
    the newest log entries, as far as the reader may see them."""
    log = log_for_youth(access)
    return {
        "youth": access.youth,
        "access": access,
        "user": access.user,
        "made_at": timezone.localtime(),
        "team": team_for_youth(access.youth),
        "goals": plan_for_youth(access),
        "individual_plan": individual_plans.plan_get(access),
        "plan_version": individual_plans.newest_version(access),
        "meetings": meetings_for_youth(access),
        "transitions": transitions_for_youth(access),
        "log": list(log if log_limit is None else log[:log_limit]),
        "log_limit": log_limit,
    }


def plan_document(access, version) -> dict:
    """The context of one adopted version of the individual plan."""
    return {
        "youth": access.youth,
        "access": access,
        "user": access.user,
        "version": version,
        "goals": individual_plans.version_goals(access, version),
        "answer": individual_plans.latest_answer(version),
    }
