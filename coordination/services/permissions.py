"""Derives guardian object permissions from team membership ∩ consent.

Each active team member of a youth gets:
- `see_youth` if they are the stafettholder, belong to the youth's originating agency, or their agency
  is covered by an active consent or legal basis for any category;
- `see_<category>` for every category an active consent/legal basis covers for their agency.
Everything an agency wrote itself is visible to that agency regardless (see access.YouthAccess).

Recomputed by every service that changes membership, the stafettholder, consent or a user's agency,
inside the same transaction, so the next request sees the new rights. Each row carries one period
(the consents' dates, overlapping ones joined): expiry takes effect on the day without a
recomputation, and a gap between two consents grants nothing.
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
_EARLIEST, _LATEST = datetime.date.min, datetime.date.max


def merged(windows: Iterable[Window]) -> list[Window]:
    """The periods covered by any of the windows (None = unbounded), overlapping or adjacent ones
    joined, gaps kept: a consent that ended and a later one grant for their own periods only."""
    spans = sorted((start or _EARLIEST, end or _LATEST) for start, end in windows)
    result: list[list[datetime.date]] = []
    for start, end in spans:
        if result and (result[-1][1] == _LATEST or start <= result[-1][1] + datetime.timedelta(days=1)):
            result[-1][1] = max(result[-1][1], end)
        else:
            result.append([start, end])
    return [(None if start == _EARLIEST else start, None if end == _LATEST else end) for start, end in result]


def desired_windows(
    youths: dict[int, tuple[int | None, int]], grant_rows, member_rows, today: datetime.date
) -> dict[tuple[int, int, str], list[Window]]:
    """The rule itself, on plain rows (also used by the demo data builders):
    youths: youth_id -> (stafettholder_id, originating_agency_id);
    grant_rows: (youth_id, agency_id, category, valid_from, expires_on) of sharing consents;
    member_rows: (youth_id, user_id, agency_id) of active memberships.
    Returns (youth_id, user_id, codename) -> the periods it is granted for."""
    grants: dict[tuple[int, int], dict[str, list[Window]]] = defaultdict(lambda: defaultdict(list))
    for youth_id, agency_id, category, valid_from, expires_on in grant_rows:
        if expires_on is not None and expires_on < today:
            continue
        grants[(youth_id, agency_id)][category].append((valid_from, expires_on))

    desired: dict[tuple[int, int, str], list[Window]] = {}
    for youth_id, user_id, agency_id in member_rows:
        stafettholder_id, originating_agency_id = youths[youth_id]
        covered = grants.get((youth_id, agency_id), {})
        see_youth: list[Window] = []
        if user_id == stafettholder_id or agency_id == originating_agency_id:
            see_youth.append(ALWAYS)
        for category, windows in covered.items():
            desired[(youth_id, user_id, category_codename(category))] = merged(windows)
            see_youth.extend(windows)
        if see_youth:
            desired[(youth_id, user_id, SEE_YOUTH)] = merged(see_youth)
    return desired


def _desired(youths: list[Youth]) -> dict[tuple[int, int, str], list[Window]]:
    """(youth_id, user_id, codename) -> the periods it is granted for, for the given youths."""
    info = {youth.pk: (youth.stafettholder_id, youth.originating_agency_id) for youth in youths}
    grant_rows = ConsentGrant.objects.filter(
        consent__youth_id__in=info, consent__state__in=SHARING_STATES
    ).values_list("consent__youth_id", "agency_id", "category", "consent__valid_from", "consent__expires_on")
    members = TeamMembership.objects.filter(youth_id__in=info, ended_on__isnull=True).values_list(
        "youth_id", "user_id", "agency_id"
    )
    return desired_windows(info, grant_rows, members, timezone.localdate())


def permission_ids() -> dict[str, int]:
    return dict(
        Permission.objects.filter(content_type__app_label="coordination", content_type__model="youth")
        .filter(codename__startswith="see_")
        .values_list("codename", "id")
    )


def youth_permissions_sync(youths: Youth | Iterable[Youth]) -> None:
    """Brings the YouthPermission rows of these youths in line with membership ∩ consent: one row per
    (user, youth, permission, period)."""
    youths = [youths] if isinstance(youths, Youth) else list(youths)
    if not youths:
        return
    ids = permission_ids()
    codenames = {pk: codename for codename, pk in ids.items()}
    desired = {
        (youth_id, user_id, codename, window)
        for (youth_id, user_id, codename), windows in _desired(youths).items()
        for window in windows
    }
    existing = {
        (
            row.content_object_id,
            row.user_id,
            codenames[row.permission_id],
            (row.valid_from, row.valid_until),
        ): row.pk
        for row in YouthPermission.objects.filter(content_object__in=youths)
    }
    stale = [pk for key, pk in existing.items() if key not in desired]
    missing = [
        YouthPermission(
            content_object_id=youth_id,
            user_id=user_id,
            permission_id=ids[codename],
            valid_from=window[0],
            valid_until=window[1],
        )
        for youth_id, user_id, codename, window in desired
        if (youth_id, user_id, codename, window) not in existing
    ]
    if stale:
        YouthPermission.objects.filter(pk__in=stale).delete()
    if missing:
        YouthPermission.objects.bulk_create(missing, batch_size=2000)


def youth_permissions_sync_all(batch_size: int = 1000) -> None:
    """Recomputes every youth's permissions in batches (demo data, repairs)."""
    ids = list(Youth.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        youth_permissions_sync(Youth.objects.filter(pk__in=ids[start : start + batch_size]))
