from coordination.models.append_only import AppendOnlyError
from pathways.models.levels import LevelChange
from pathways.models.log import (
    CONTACT_KINDS,
    FOLLOW_UP_KINDS,
    MANUAL_KINDS,
    YOUTH_KINDS,
    LogEntry,
    LogEntryKind,
    Lysglimt,
    PlannedOutreach,
    Withholding,
    WithholdingReason,
)
from pathways.models.meetings import Meeting
from pathways.models.notifications import Notification, NotificationKind
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
    "YOUTH_KINDS",
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
    "Lysglimt",
    "Meeting",
    "NextStep",
    "Notification",
    "NotificationKind",
    "PlannedOutreach",
    "Reminder",
    "ReminderRule",
    "ReminderStep",
    "SweepRun",
    "Transition",
    "TransitionKind",
    "TransitionStatus",
    "Withholding",
    "WithholdingReason",
]
