from coordination.models.append_only import AppendOnlyError
from pathways.models.levels import LevelChange
from pathways.models.log import (
    CONTACT_KINDS,
    FOLLOW_UP_KINDS,
    MANUAL_KINDS,
    LogEntry,
    LogEntryKind,
    PlannedOutreach,
)
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
from pathways.models.reminders import (
    EmailStatus,
    Lapse,
    LapseResolution,
    Reminder,
    ReminderRule,
    ReminderStep,
    SweepRun,
)
from pathways.models.transitions import Transition, TransitionKind, TransitionStatus

__all__ = [
    "CONTACT_KINDS",
    "FOLLOW_UP_KINDS",
    "MANUAL_KINDS",
    "OPEN_ACTION_STATUSES",
    "Action",
    "ActionStatus",
    "AppendOnlyError",
    "EmailStatus",
    "Evaluation",
    "EvaluationOutcome",
    "Goal",
    "GoalKind",
    "GoalStatus",
    "Lapse",
    "LapseResolution",
    "LevelChange",
    "LogEntry",
    "LogEntryKind",
    "Meeting",
    "NextStep",
    "PlannedOutreach",
    "Reminder",
    "ReminderRule",
    "ReminderStep",
    "SweepRun",
    "Transition",
    "TransitionKind",
    "TransitionStatus",
]
