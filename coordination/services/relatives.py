from django.db import transaction
from django.utils.translation import gettext as _

from coordination.models import Relative, User, Youth


@transaction.atomic
def relative_add(*, actor: User, youth: Youth, **fields) -> Relative:
    from pathways.services.log import log_entry_record_system

    relative = Relative.objects.create(youth=youth, **fields)
    log_entry_record_system(
        youth=youth, actor=actor, kind="note", text=_("Relative added: %(relative)s") % {"relative": relative}
    )
    return relative
