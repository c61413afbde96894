"""The one place that decides who may see and change what. Deny by default.

Seeing a youth at all needs the `see_youth` object permission (derived from team membership ∩ consent
by coordination.services.permissions). Within the youth, content is visible when its information category is
covered for the user's agency, or when the user's agency wrote it. Emergency access (break the glass)
opens every category for a limited time, with a reason, and is logged and reviewed.

Every youth view reaches its youth through `youth_access` (a decorator giving the view a YouthAccess),
every list through `youths_visible_to`, which scopes in SQL. Forbidden and missing look the same: 404.
"""

from coordination.access.decorators import (
    any_signed_in,
    citizen_pages,
    emergency_entry,
    lead_youth_access,
    own_data_only,
    public,
    record_access,
    record_listed,
    require,
    second_factor_not_required,
    youth_access,
)
from coordination.access.staff import (
    ALL_CATEGORIES,
    May,
    YouthAccess,
    is_team_lead,
    require_team_lead,
    sees_youth,
    team_member_youth_for_emergency,
    youth_access_for_user,
    youths_visible_to,
)

__all__ = [
    "ALL_CATEGORIES",
    "May",
    "YouthAccess",
    "any_signed_in",
    "citizen_pages",
    "emergency_entry",
    "is_team_lead",
    "lead_youth_access",
    "own_data_only",
    "public",
    "record_access",
    "record_listed",
    "require",
    "require_team_lead",
    "second_factor_not_required",
    "sees_youth",
    "team_member_youth_for_emergency",
    "youth_access",
    "youth_access_for_user",
    "youths_visible_to",
]
