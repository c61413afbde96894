from coordination.models.agency import Agency, User
from coordination.models.choices import BtiLevel, InformationCategory, Language, Sector, ServiceLevel
from coordination.models.security import Heartbeat, UserSession
from coordination.models.team import Handover, HandoverStatus, StafettholderPeriod, TeamMembership
from coordination.models.youth import (
    CaseDecision,
    CaseDecisionKind,
    ClosingReason,
    Relative,
    Youth,
    YouthStatus,
    age_on,
)

__all__ = [
    "Agency",
    "BtiLevel",
    "CaseDecision",
    "CaseDecisionKind",
    "ClosingReason",
    "Handover",
    "HandoverStatus",
    "Heartbeat",
    "InformationCategory",
    "Language",
    "Relative",
    "Sector",
    "ServiceLevel",
    "StafettholderPeriod",
    "TeamMembership",
    "User",
    "UserSession",
    "Youth",
    "YouthStatus",
    "age_on",
]
