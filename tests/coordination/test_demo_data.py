"""The demo data keeps the rules the services guarantee, and every demo login printed works.

Seeded through `seed_demo` itself (as `make run` does), then checked against the same rules the
services and the database enforce, recomputed independently where they are derived.
"""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, Max, Q

from coordination.models import (
    InformationCategory,
    StafettholderPeriod,
    TeamMembership,
    Youth,
    YouthPermission,
    YouthStatus,
)
from coordination.models.content import ContentModel
from coordination.models.youths import national_id_is_valid
from coordination.services.permissions import youth_permissions_sync_all
from pathways.models import CONTACT_KINDS, YOUTH_KINDS, LogEntry

YOUTHS = 20
SEED = 2024
# A username line of seed_demo's login list: two spaces, the username, then what the login is for.
LOGIN_LINE = re.compile(r"^  (?P<username>[a-z][a-z0-9._-]+)\s{2,}\S")
# Who wrote each kind of content: its agency must be the writer's.
WRITER_FIELD = {
    "LogEntry": "author",
    "Goal": "created_by",
    "Action": "created_by",
    "Evaluation": "evaluated_by",
    "LevelChange": "changed_by",
    "Meeting": "created_by",
    "Transition": "created_by",
    "CaseDecision": "decided_by",
}


@pytest.fixture
def demo(db, settings) -> str:
    """Seeds the demo as the embedded first look does; returns what seed_demo printed."""
    settings.SYNTHETIC_NATIONAL_IDS = True
    out = io.StringIO()
    call_command("seed_demo", youths=YOUTHS, seed=SEED, stdout=out)
    return out.getvalue()


def _printed_logins(output: str) -> list[str]:
    _counts, _sep, logins = output.partition("Demo logins")
    return [m["username"] for line in logins.splitlines() if (m := LOGIN_LINE.match(line))]


def test_every_active_youth_has_one_stafettholder_who_is_on_the_team(demo):
    active = Youth.objects.filter(status=YouthStatus.ACTIVE)
    assert active.count() > 0
    for youth in active:
        assert youth.stafettholder_id is not None, youth.pk
        open_periods = StafettholderPeriod.objects.filter(youth=youth, ended_at__isnull=True)
        assert [p.user_id for p in open_periods] == [youth.stafettholder_id], youth.pk
        assert TeamMembership.objects.active().filter(youth=youth, user=youth.stafettholder).exists()


def test_no_youth_is_without_a_team(demo):
    without = Youth.objects.annotate(
        members=Count("team_memberships", filter=Q(team_memberships__ended_on__isnull=True))
    ).filter(members=0)
    assert list(without.values_list("pk", flat=True)) == []
    # A member represents their own agency on the team.
    assert not TeamMembership.objects.exclude(agency_id=F("user__agency_id")).exists()


def test_object_permissions_are_team_membership_and_consent(demo):
    def rows():
        return set(
            YouthPermission.objects.values_list(
                "content_object_id", "user_id", "permission__codename", "valid_from", "valid_until"
            )
        )

    seeded = rows()
    assert seeded, "the demo grants nothing"
    youth_permissions_sync_all()  # the services' own derivation
    assert rows() == seeded
    # Only team members hold permissions at all.
    members = set(TeamMembership.objects.active().values_list("youth_id", "user_id"))
    assert {(youth_id, user_id) for youth_id, user_id, *_rest in seeded} <= members


def test_the_append_only_log_is_intact(demo):
    entries = LogEntry.objects.all()
    assert entries.exists()
    # The database still refuses to rewrite the record after the bulk load.
    entry = entries.first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE pathways_logentry SET text = 'changed' WHERE id = %s", [entry.pk])
    # A correction is a later entry about the same youth, pointing back.
    for correction in entries.filter(corrects__isnull=False).select_related("corrects"):
        assert correction.corrects.youth_id == correction.youth_id
        assert correction.recorded_at > correction.corrects.recorded_at
    assert not entries.filter(recorded_at__lt=F("occurred_at")).exists()
    # last_contact_at is the latest contact in the log.
    latest = dict(
        entries.filter(kind__in=CONTACT_KINDS)
        .values("youth_id")
        .annotate(last=Max("occurred_at"))
        .values_list("youth_id", "last")
    )
    for youth_id, last_contact_at in Youth.objects.values_list("pk", "last_contact_at"):
        assert latest.get(youth_id) == last_contact_at, youth_id


def test_every_content_row_has_its_writers_agency_and_a_valid_category(demo):
    content_models = [m for m in apps.get_models() if issubclass(m, ContentModel) and not m.VISIBILITY_PATH]
    checked = 0
    for model in content_models:
        names = {f.name for f in model._meta.get_fields()}
        rows = model._base_manager.all()
        if "agency" in names:
            unowned = rows.filter(agency__isnull=True)
            if model is LogEntry:  # the youth's own words belong to no agency
                unowned = unowned.exclude(kind__in=YOUTH_KINDS)
            assert not unowned.exists(), model.__name__
        if "category" in names:
            assert not rows.exclude(category__in=InformationCategory.values).exists(), model.__name__
        writer = WRITER_FIELD.get(model.__name__)
        if writer:
            assert not rows.exclude(agency_id=F(f"{writer}__agency_id")).exists(), model.__name__
            checked += rows.exists()
    # Not every seed closes a case among few youths; the everyday kinds are always there.
    assert checked >= len(WRITER_FIELD) - 2


def test_national_ids_pass_the_validator(demo):
    ids = list(Youth.objects.exclude(national_id=None).values_list("national_id", flat=True))
    assert ids, "no demo youth has a national id"
    assert [value for value in ids if not national_id_is_valid(value)] == []


def test_every_printed_demo_login_signs_in_and_reaches_its_home_page(demo, client, settings):
    # `make run` is the embedded first look, where staff sign in with the password alone.
    settings.REQUIRE_SECOND_FACTOR = False
    usernames = _printed_logins(demo)
    assert "admin" in usernames and "kari.nordmann" in usernames
    password = re.search(r"password '([^']+)'", demo)[1]
    for username in usernames:
        client.logout()
        response = client.post("/logg-inn/", {"username": username, "password": password}, follow=True)
        assert response.status_code == 200, username
        assert response.wsgi_request.user.username == username, f"{username} could not sign in"
        home = client.get("/", follow=True)
        assert home.status_code == 200, username
        assert home.redirect_chain, username  # the start page sends each account on to its own pages
