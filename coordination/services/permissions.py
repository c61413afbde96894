"""Derives guardian object permissions from team membership ∩ consent.

Each active team member of a youth gets:
- `see_youth` if they are the stafettholder, belong to the youth's originating agency, or their agency
  is covered by an active consent or legal basis for any category;
- `see_<category>` for every category an active consent/legal basis covers for their agency.
Everything an agency wrote itself is visible to that agency regardless (see access.YouthAccess).

Recomputed by every service that changes membership, the stafettholder or consent, inside the same
transaction, so the next request sees the new rights. Rows carry the consent's dates, so expiry takes
effect on the day without a recomputation.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.utils import timezone

from coordination.models import (
    SEE_YOUTH,
    SHARING_STATES,
    ConsentGrant,
    TeamMembership,
    Youth,
    YouthPermission,
    category_codename,
)

Window = tuple[datetime.date | None, datetime.date | None]
ALWAYS: Window = (None, None)


def _union(a: Window | None, b: Window) -> Window:
    """The smallest window covering both (None = unbounded). Gaps between consents are over-granted
    for at most the gap, which only happens when one consent ends and a later one starts."""
    if a is None:
        return b
    start = None if a[0] is None or b[0] is None else min(a[0], b[0])
    end = None if a[1] is None or b[1] is None else max(a[1], b[1])
    return start, end


def _desired(youths: list[Youth]) -> dict[tuple[int, int, str], Window]:
    """(youth_id, user_id, codename) -> validity window, for the given youths."""
    today = timezone.localdate()
    youth_by_id = {youth.pk: youth for youth in youths}
    grants: dict[tuple[int, int], dict[str, Window]] = defaultdict(dict)
    grant_rows = ConsentGrant.objects.filter(
        consent__youth_id__in=youth_by_id, consent__state__in=SHARING_STATES
    ).values_list("consent__youth_id", "agency_id", "category", "consent__valid_from", "consent__expires_on")
    for youth_id, agency_id, category, valid_from, expires_on in grant_rows:
        if expires_on is not None and expires_on < today:
            continue
        per_category = grants[(youth_id, agency_id)]
        per_category[category] = _union(per_category.get(category), (valid_from, expires_on))

    desired: dict[tuple[int, int, str], Window] = {}
    members = TeamMembership.objects.filter(youth_id__in=youth_by_id, ended_on__isnull=True).values_list(
        "youth_id", "user_id", "agency_id"
    )
    for youth_id, user_id, agency_id in members:
        youth = youth_by_id[youth_id]
        covered = grants.get((youth_id, agency_id), {})
        see_youth: Window | None = None
        if user_id == youth.stafettholder_id or agency_id == youth.originating_agency_id:
            see_youth = ALWAYS
        for category, window in covered.items():
            desired[(youth_id, user_id, category_codename(category))] = window
            see_youth = see_youth if see_youth == ALWAYS else _union(see_youth, window)
        if see_youth is not None:
            desired[(youth_id, user_id, SEE_YOUTH)] = see_youth
    return desired


def _permission_ids() -> dict[str, int]:
    return dict(
        Permission.objects.filter(content_type__app_label="coordination", content_type__model="youth")
        .filter(codename__startswith="see_")
        .values_list("codename", "id")
    )


def youth_permissions_sync(youths: Youth | Iterable[Youth]) -> None:
    """Brings the YouthPermission rows of these youths in line with membership ∩ consent."""
    youths = [youths] if isinstance(youths, Youth) else list(youths)
    if not youths:
        return
    permission_ids = _permission_ids()
    codenames = {pk: codename for codename, pk in permission_ids.items()}
    desired = _desired(youths)
    existing = {
        (row.content_object_id, row.user_id, codenames[row.permission_id]): row
        for row in YouthPermission.objects.filter(content_object__in=youths)
    }
    stale = [row.pk for key, row in existing.items() if key not in desired]
    changed = []
    for key, row in existing.items():
        window = desired.get(key)
        if window is not None and (row.valid_from, row.valid_until) != window:
            row.valid_from, row.valid_until = window
            changed.append(row)
    missing = [
        YouthPermission(
            content_object_id=youth_id,
            user_id=user_id,
            permission_id=permission_ids[codename],
            valid_from=window[0],
            valid_until=window[1],
        )
        for (youth_id, user_id, codename), window in desired.items()
        if (youth_id, user_id, codename) not in existing
    ]
    if stale:
        YouthPermission.objects.filter(pk__in=stale).delete()
    if changed:
        YouthPermission.objects.bulk_update(changed, ["valid_from", "valid_until"])
    if missing:
        YouthPermission.objects.bulk_create(missing, batch_size=2000)


def youth_permissions_sync_all(batch_size: int = 1000) -> None:
    """Recomputes every youth's permissions in batches (demo data, repairs)."""
    ids = list(Youth.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        youth_permissions_sync(Youth.objects.filter(pk__in=ids[start : start + batch_size]))
