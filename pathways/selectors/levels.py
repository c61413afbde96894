"""Reads of one youth's BTI level history."""

from django.db.models import QuerySet

from coordination.access import YouthAccess
from pathways.models import LevelChange


def level_history(access: YouthAccess) -> QuerySet[LevelChange]:
    return LevelChange.objects.visible_to(access).select_related("changed_by")
