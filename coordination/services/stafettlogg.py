"""The one seam between the apps: coordination writes to a youth's stafettlogg only through here.

The log belongs to pathways. Coordination's services (consent, team, handovers, case decisions)
record what they did in it as system entries, with LogEntryKind values, never raw strings.
"""

from pathways.models.log import LogEntryKind
from pathways.services.log import log_entry_record_system as record_in_log

__all__ = ["LogEntryKind", "record_in_log"]
