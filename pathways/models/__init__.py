from coordination.models.append_only import AppendOnlyError
from pathways.models.levels import LevelChange
from pathways.models.log import CONTACT_KINDS, MANUAL_KINDS, LogEntry, LogEntryKind
from pathways.models.meetings import Meeting
from pathways.models.plan import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionStatus,
    Evaluation,
    EvaluationOutcome,
    Goal,
    GoalKind,
    GoalStatus,
    NextStep,
)
from pathways.models.transitions import Transition, TransitionKind, TransitionStatus

__all__ = [
    "CONTACT_KINDS",
    "MANUAL_KINDS",
    "OPEN_ACTION_STATUSES",
    "Action",
    "ActionStatus",
    "AppendOnlyError",
    "Evaluation",
    "EvaluationOutcome",
    "Goal",
    "GoalKind",
    "GoalStatus",
    "LevelChange",
    "LogEntry",
    "LogEntryKind",
    "Meeting",
    "NextStep",
    "Transition",
    "TransitionKind",
    "TransitionStatus",
]
