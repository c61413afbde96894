"""Personas shared by the suite: a youth with a stafettholder and a team member from another
agency, plus people who must see nothing: an outsider, a team lead and an administrator."""

from dataclasses import dataclass

import pytest

from coordination.models import Sector, User, Youth
from tests import factories


@dataclass
class Cast:
    youth: Youth
    holder: User
    member: User
    outsider: User
    team_lead: User
    admin: User


@pytest.fixture
def cast(db) -> Cast:
    child_welfare = factories.agency(sector=Sector.CHILD_WELFARE, name="Barneverntjenesten")
    school = factories.agency(sector=Sector.SCHOOL, name="Charlottenlund vgs")
    bup = factories.agency(sector=Sector.PHBU_BUP, name="BUP Klinikk")
    holder = factories.staff(agency=child_welfare, username="holder", first_name="Kari", last_name="Nordmann")
    member = factories.staff(agency=school, username="member", first_name="Per", last_name="Lærer")
    outsider = factories.staff(agency=bup, username="outsider")
    team_lead = factories.staff(agency=child_welfare, username="lead", is_team_lead=True)
    admin = factories.staff(agency=None, username="admin", is_staff=True, is_superuser=True)
    youth = factories.youth(holder=holder, first_name="Sara", last_name="Ung")
    factories.add_member(youth, member, role="Kontaktlærer")
    return Cast(
        youth=youth, holder=holder, member=member, outsider=outsider, team_lead=team_lead, admin=admin
    )


@pytest.fixture
def login(client):
    """Logs the test client in as a user and returns the client."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user; the suite is about behaviour, not key stretching.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _celery_queue_of_this_run():
    """Tasks enqueued by tests (after a real commit) go to a queue of this run, emptied at the end, so
    no worker elsewhere ever runs them against its own database."""
    import uuid

    import redis
    from django.conf import settings

    from coordination.celery import app

    name = f"stafett-test-run-{uuid.uuid4().hex[:12]}"
    previous, app.conf.task_default_queue = app.conf.task_default_queue, name
    yield
    app.conf.task_default_queue = previous
    if getattr(settings, "REDIS_URL", ""):
        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(f"*{name}*"):
            client.delete(key)
