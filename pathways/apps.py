from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from coordination.models import User
        from pathways.models import LogEntry
        from pathways.signals import settle_lapses_after_a_log_entry, sweep_when_a_holder_is_deactivated

        post_save.connect(
            sweep_when_a_holder_is_deactivated, sender=User, dispatch_uid="pathways_sweep_on_deactivation"
        )
        post_save.connect(
            settle_lapses_after_a_log_entry, sender=LogEntry, dispatch_uid="pathways_settle_on_log_entry"
        )
