"""Personas shared by the suite: a youth with a stafettholder and a team member from another
agency, plus people who must see nothing: an outsider, a team lead and an administrator."""

from dataclasses import dataclass

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.models import Sector, User, Youth
from tests import factories


@dataclass
class Cast:
    youth: Youth
    holder: User
    member: User  # on the team, school agency, consent covers general + school
    uncovered: User  # on the team, NAV, no consent for NAV
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
    nav = factories.agency(sector=Sector.NAV, name="NAV Midtbyen")
    uncovered = factories.staff(agency=nav, username="uncovered", first_name="Nina", last_name="Nav")
    youth = factories.youth(holder=holder, first_name="Sara", last_name="Ung")
    factories.add_member(youth, member, role="Kontaktlærer")
    factories.add_member(youth, uncovered, role="Veileder")
    scope = {
        (child_welfare.pk, "general"),
        (child_welfare.pk, "child_welfare"),
        (school.pk, "general"),
        (school.pk, "school"),
    }
    factories.consent(youth, holder, scope)
    return Cast(
        youth=youth,
        holder=holder,
        member=member,
        uncovered=uncovered,
        outsider=outsider,
        team_lead=team_lead,
        admin=admin,
    )


def verify_second_factor(client, user: User) -> TOTPDevice:
    """Marks the client's (logged-in) session as having passed the second factor with a real,
    confirmed authenticator of the user, as django_otp.login would after a correct code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def login(client):
    """Logs the test client in as a user who has passed the second factor, and returns the client.

    Production behaviour is untouched: the session carries a real device id, exactly what the
    second-factor step stores. Tests of the step itself use client.force_login alone.
    """

    def _login(user: User):
        client.force_login(user)
        verify_second_factor(client, user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user; the suite is about behaviour, not key stretching.
    # (tests/test_security_settings.py checks that production hashes with Argon2.)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    # SMS go to coordination.accounts.sms.outbox, like e-mail to mail.outbox.
    from coordination.accounts import sms

    settings.SMS_BACKEND = "coordination.accounts.sms.LocmemBackend"
    sms.outbox.clear()
    return sms.outbox


@pytest.fixture(autouse=True)
def _strict_content_guard(settings):
    # A template printing content other than through {% shown %} fails the test that renders it.
    settings.CONTENT_GUARD_STRICT = True


@pytest.fixture(autouse=True)
def _checked_prepared_queries(settings):
    # Every prepared query a test runs is also compiled the ordinary way and must give the same SQL.
    settings.PREPARED_QUERIES_CHECK = True


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings):
    # The test client and live server speak plain HTTP; production redirects to HTTPS
    # (tests/test_headers.py sends secure requests to see the HTTPS-only headers).
    settings.SECURE_SSL_REDIRECT = False


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
