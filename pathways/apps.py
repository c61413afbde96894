from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from coordination.models import User
        from pathways.signals import sweep_when_a_holder_is_deactivated

        post_save.connect(
            sweep_when_a_holder_is_deactivated, sender=User, dispatch_uid="pathways_sweep_on_deactivation"
        )
