"""Optimistic concurrency: an edit names the version it started from, or it is refused."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import ConcurrentEditError


def update_if_unchanged(instance: models.Model, *, expected_version: int, **fields) -> None:
    """Writes `fields` only if nobody saved the row since `expected_version`; bumps the version."""
    model = type(instance)
    now = timezone.now()
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, **fields
    )
    if updated == 0:
        raise ConcurrentEditError(
            _(
                "Someone else changed this while you were editing. Your changes were not saved: "
                "reload to see the latest version and make your change again."
            ),
            code="concurrent_edit",
        )
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.version = expected_version + 1
    instance.updated_at = now
