"""The who and the may: one module per topic; everything is importable from coordination.models."""

from coordination.models.content import ContentModel  # noqa: I001 - first: it guards content fields
from coordination.accounts.models import UserSession
from coordination.models.access_log import AccessAction, AccessLogEntry
from coordination.models.agencies import Agency
from coordination.models.append_only import AppendOnlyError, AppendOnlyModel
from coordination.models.choices import BtiLevel, InformationCategory, Language, Sector, ServiceLevel
from coordination.models.consents import (
    SCOPE_EVENTS,
    SHARING_STATES,
    STATE_AFTER_EVENT,
    STATE_OPENED_BY,
    Consent,
    ConsentChangeRequest,
    ConsentBasis,
    ConsentEvent,
    ConsentEventKind,
    ConsentEventScope,
    ConsentForm,
    ConsentGiver,
    ConsentGrant,
    ConsentState,
    RelativeSharing,
)
from coordination.models.emergency import EmergencyAccess
from coordination.models.handovers import Handover, HandoverStatus, StafettholderPeriod
from coordination.models.health import Heartbeat
from coordination.models.permissions import SEE_YOUTH, YouthPermission, category_codename
from coordination.models.team import Relative, TeamMembership, is_active_member
from coordination.models.users import AccountKind, User
from coordination.models.youths import (
    CaseDecision,
    CaseDecisionKind,
    ClosingReason,
    RegistrationAttempt,
    Youth,
    YouthStatus,
    age_on,
    years_after,
    validate_national_id,
)

__all__ = [
    "SCOPE_EVENTS",
    "SEE_YOUTH",
    "SHARING_STATES",
    "STATE_AFTER_EVENT",
    "STATE_OPENED_BY",
    "AccessAction",
    "AccessLogEntry",
    "AccountKind",
    "Agency",
    "AppendOnlyError",
    "AppendOnlyModel",
    "BtiLevel",
    "CaseDecision",
    "CaseDecisionKind",
    "ClosingReason",
    "Consent",
    "ConsentBasis",
    "ConsentChangeRequest",
    "ConsentEvent",
    "ConsentEventKind",
    "ConsentEventScope",
    "ConsentForm",
    "ConsentGiver",
    "ConsentGrant",
    "ConsentState",
    "ContentModel",
    "EmergencyAccess",
    "Handover",
    "HandoverStatus",
    "Heartbeat",
    "InformationCategory",
    "Language",
    "RegistrationAttempt",
    "Relative",
    "RelativeSharing",
    "Sector",
    "ServiceLevel",
    "StafettholderPeriod",
    "TeamMembership",
    "User",
    "UserSession",
    "Youth",
    "YouthPermission",
    "YouthStatus",
    "age_on",
    "category_codename",
    "is_active_member",
    "validate_national_id",
    "years_after",
]
