"""Who a text about a youth is written for: the writer's agency at the time, stored with the text.

Content keeps that agency for good: a writer who later moves to another agency does not take it along,
and the agency keeps seeing what was written for it."""

from django.utils.translation import gettext as _

from coordination.errors import BusinessRuleError
from coordination.models import User


def written_for(actor: User) -> int:
    if actor.agency_id is None:
        raise BusinessRuleError(_("Only staff who belong to an agency can write about a youth."))
    return actor.agency_id
