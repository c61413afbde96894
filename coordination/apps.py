from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from django.db.models import fields

        from coordination.accounts import signals  # noqa: F401 - connects the receivers
        from coordination.services import staff

        staff.connect()

        # Django's own blank-choice label has no bokmål translation yet; use ours.
        fields.BLANK_CHOICE_LABEL = _("Choose…")
