"""Delegated administration in the product: a municipality administrator creates agencies and invites
their team leads; a team lead invites and deactivates their agency's staff and chooses who is team lead.
Invitations by e-mail with a time-limited, single-use link that sets the password and enrols the
authenticator; nobody signs in before that. Deactivation ends sessions and memberships and the sweep
tells the team lead about the batons left behind. The Django admin never answers 500."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination.accounts.models import StaffInvitation, UserSession
from coordination.models import Agency, Sector, TeamMembership, User, YouthPermission
from coordination.models.agencies import Municipality
from pathways import sweep
from pathways.models import ReminderRule
from tests import factories
from tests.conftest import verify_second_factor
from tests.pathways.conftest import reminded

NEW_PASSWORD = "en lang og hemmelig passfrase"


@pytest.fixture
def place(cast):
    """Trondheim with the holder's agency (child welfare: holder, team lead) and a municipality
    administrator of its own; Malvik with a school of its own."""
    trondheim = Municipality.objects.create(name="Trondheim", number="5001")
    malvik = Municipality.objects.create(name="Malvik", number="5031")
    Agency.objects.filter(pk=cast.holder.agency_id).update(municipality=trondheim)
    town_hall = Agency.objects.create(
        name="Trondheim kommune, oppvekst", sector=Sector.VOLUNTARY, level="municipal", municipality=trondheim
    )
    admin = factories.staff(agency=town_hall, username="kommuneadmin", is_municipality_admin=True)
    school = Agency.objects.create(
        name="Malvik skole", sector=Sector.SCHOOL, level="municipal", municipality=malvik
    )
    malvik_teacher = factories.staff(agency=school, username="malvik")
    return {
        "trondheim": trondheim,
        "malvik": malvik,
        "admin": admin,
        "school": school,
        "teacher": malvik_teacher,
    }


def _link() -> str:
    """The path of the invitation link in the last e-mail."""
    return re.search(r"https?://[^/\s]+(/invitasjon/[^/\s]+/)", mail.outbox[-1].body).group(1)


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Posts as the client and runs what the request left for after the commit (the e-mail)."""

    def _post(url: str, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return _post


@pytest.fixture
def invite(client, login, post, cast):
    """The team lead invites a colleague to their agency; then the client is logged out."""

    def _invite(email: str = "ny.kollega@example.no") -> User:
        login(cast.team_lead)
        data = {"first_name": "Nora", "last_name": "Ny", "email": email, "job_title": "Miljøarbeider"}
        response = post("/teamleder/ansatte/ny/", data)
        assert response.status_code == 302, response.content.decode()
        client.logout()
        return User.objects.get(username=email)

    return _invite


# The municipality administrator ---------------------------------------------------------------------


def test_municipality_admin_creates_an_agency_and_invites_its_team_lead(
    cast, place, client, login, mailoutbox, post
):
    login(place["admin"])
    response = client.post(
        "/kommune/etater/ny/",
        {"name": "Trondheim helsestasjon", "sector": "school_health", "level": "municipal"},
    )
    agency = Agency.objects.get(name="Trondheim helsestasjon")
    assert agency.municipality == place["trondheim"]
    assert response["Location"] == f"/kommune/etater/{agency.pk}/"
    assert client.get("/kommune/").status_code == 200
    response = post(
        f"/kommune/etater/{agency.pk}/teamleder/ny/",
        {"first_name": "Lea", "last_name": "Leder", "email": "Lea.Leder@Example.no"},
    )
    assert response.status_code == 302
    lead = User.objects.get(username="lea.leder@example.no")
    assert (lead.agency, lead.is_team_lead, lead.is_active, lead.has_usable_password()) == (
        agency,
        True,
        False,
        False,
    )
    assert [message.to for message in mailoutbox] == [["lea.leder@example.no"]]
    assert "lea.leder@example.no" in client.get(f"/kommune/etater/{agency.pk}/").content.decode()


def test_municipality_admin_reaches_only_their_own_municipality(cast, place, client, login):
    login(place["admin"])
    school, teacher = place["school"], place["teacher"]
    invitee = {"first_name": "X", "last_name": "Y", "email": "x@example.no"}
    for url in (f"/kommune/etater/{school.pk}/", "/kommune/etater/99999999999999/"):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/kommune/etater/{school.pk}/teamleder/ny/",
        f"/kommune/ansatte/{teacher.pk}/deaktiver/",
        f"/kommune/ansatte/{cast.outsider.pk}/deaktiver/",  # an agency of no municipality
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, invitee).status_code == 404, url
    for action in ("aktiver", "invitasjon", "teamleder"):
        assert (
            client.post(f"/kommune/ansatte/{teacher.pk}/{action}/", {"is_team_lead": "1"}).status_code == 404
        )
    assert not User.objects.filter(username="x@example.no").exists()
    assert User.objects.get(pk=teacher.pk).is_active and not User.objects.get(pk=teacher.pk).is_team_lead
    assert "Malvik skole" not in client.get("/kommune/").content.decode()


def test_an_agency_without_a_municipality_administers_none(cast, place, client, login):
    admin = place["admin"]
    Agency.objects.filter(pk=admin.agency_id).update(municipality=None)  # a service for several
    login(User.objects.get(pk=admin.pk))
    assert client.get("/kommune/").status_code == 404


def test_the_pages_are_missing_for_everyone_without_the_role(cast, place, client, login):
    for who in (cast.holder, cast.member, cast.outsider, cast.admin, place["teacher"]):
        login(who)
        for url in ("/kommune/", "/kommune/etater/ny/", "/teamleder/ansatte/", "/teamleder/ansatte/ny/"):
            assert client.get(url).status_code == 404, (who, url)
    login(cast.team_lead)
    assert client.get("/kommune/").status_code == 404
    login(place["admin"])  # not a team lead
    assert client.get("/teamleder/ansatte/").status_code == 404


# The team lead ---------------------------------------------------------------------------------------


def test_a_lead_invites_staff_to_their_own_agency(cast, client, login, mailoutbox, invite):
    colleague = invite()
    assert colleague.agency_id == cast.team_lead.agency_id
    assert not colleague.is_active and not colleague.is_team_lead
    assert StaffInvitation.objects.filter(user=colleague, invited_by=cast.team_lead).count() == 1
    login(cast.team_lead)
    html = client.get("/teamleder/ansatte/").content.decode()
    assert "ny.kollega@example.no" in html and "Invitert" in html


def test_an_address_that_already_has_an_account_is_refused(cast, client, login):
    cast.member.email = "per@example.no"
    cast.member.save()
    login(cast.team_lead)
    before = User.objects.count()
    response = client.post(
        "/teamleder/ansatte/ny/", {"first_name": "P", "last_name": "L", "email": "PER@example.no"}
    )
    assert response.status_code == 200 and "finnes allerede" in response.content.decode()
    assert User.objects.count() == before


def test_nobody_reaches_another_agencys_staff(cast, place, client, login):
    login(cast.team_lead)
    active = set(User.objects.filter(is_active=True))
    for staff in (cast.outsider, cast.member, place["teacher"]):
        assert client.get(f"/teamleder/ansatte/{staff.pk}/deaktiver/").status_code == 404
        for action in ("deaktiver", "aktiver", "invitasjon", "teamleder"):
            assert (
                client.post(f"/teamleder/ansatte/{staff.pk}/{action}/", {"is_team_lead": "1"}).status_code
                == 404
            )
    assert set(User.objects.filter(is_active=True)) == active
    assert not User.objects.filter(pk__in=[cast.outsider.pk, cast.member.pk], is_team_lead=True).exists()
    html = client.get("/teamleder/ansatte/").content.decode()
    assert (
        cast.holder.username in html
        and cast.outsider.username not in html
        and cast.member.username not in html
    )


def test_a_lead_chooses_team_leads_and_keeps_at_least_one(cast, client, login):
    login(cast.team_lead)
    lead = cast.team_lead
    client.post(f"/teamleder/ansatte/{lead.pk}/teamleder/", {"is_team_lead": "0"})
    assert User.objects.get(pk=lead.pk).is_team_lead  # the agency's only lead, with the holder active
    client.post(f"/teamleder/ansatte/{cast.holder.pk}/teamleder/", {"is_team_lead": "1"})
    assert User.objects.get(pk=cast.holder.pk).is_team_lead
    client.post(f"/teamleder/ansatte/{cast.holder.pk}/teamleder/", {"is_team_lead": "0"})
    assert not User.objects.get(pk=cast.holder.pk).is_team_lead
    response = client.post(f"/teamleder/ansatte/{cast.holder.pk}/teamleder/", {"is_team_lead": "x"})
    assert response.status_code == 302 and not User.objects.get(pk=cast.holder.pk).is_team_lead


def test_nobody_deactivates_themselves_or_the_last_lead(cast, place, client, login):
    login(cast.team_lead)
    client.post(f"/teamleder/ansatte/{cast.team_lead.pk}/deaktiver/")
    assert User.objects.get(pk=cast.team_lead.pk).is_active
    login(place["admin"])
    response = client.post(f"/kommune/ansatte/{cast.team_lead.pk}/deaktiver/")
    assert response.status_code == 200 and "minst én teamleder" in response.content.decode()
    assert User.objects.get(pk=cast.team_lead.pk).is_active


# Invitations -----------------------------------------------------------------------------------------


def test_an_invited_user_cannot_sign_in_before_enrolling_the_second_factor(
    cast, client, login, mailoutbox, invite, settings
):
    settings.REQUIRE_SECOND_FACTOR = True  # as in production (the embedded demo may turn it off)
    colleague = invite()
    invitee = Client()
    response = invitee.get(_link())
    assert response.status_code == 302 and response["Location"] == "/invitasjon/"
    page = invitee.get("/invitasjon/").content.decode()
    assert colleague.username in page
    response = invitee.post("/invitasjon/", {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200 and not User.objects.get(pk=colleague.pk).has_usable_password()
    response = invitee.post("/invitasjon/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302

    # The password is set, the authenticator not yet: the login is refused, with the right password.
    stranger = Client()
    response = stranger.post("/logg-inn/", {"username": colleague.username, "password": NEW_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in stranger.session
    assert stranger.get("/ungdommer/").status_code == 302
    assert not User.objects.get(pk=colleague.pk).is_active

    page = invitee.get("/invitasjon/").content.decode()
    assert "totp-secret" in page
    device = TOTPDevice.objects.get(user=colleague, confirmed=False)
    response = invitee.post("/invitasjon/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert response.status_code == 200 and not User.objects.get(pk=colleague.pk).is_active
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    response = invitee.post("/invitasjon/", {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/konto/velkommen/"
    colleague.refresh_from_db()
    assert colleague.is_active and TOTPDevice.objects.get(user=colleague).confirmed
    codes_page = invitee.get("/konto/velkommen/")
    assert codes_page.status_code == 200 and codes_page.content.decode().count("<li>") >= 10
    assert invitee.get("/konto/velkommen/").status_code == 302  # shown once
    assert invitee.get("/ungdommer/").status_code == 200  # signed in, second factor passed
    # From now on the password leads to the code, as for everybody.
    response = stranger.post("/logg-inn/", {"username": colleague.username, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert stranger.get("/ungdommer/")["Location"].startswith("/logg-inn/tofaktor/?")


def test_the_invitation_link_expires(cast, client, login, time_machine, settings, mailoutbox, invite):
    settings.STAFF_INVITATION_HOURS = 72
    time_machine.move_to(timezone.now(), tick=False)
    invite()
    link = _link()
    time_machine.shift(datetime.timedelta(hours=71, minutes=59))
    halfway = Client()
    assert halfway.get(link).status_code == 302
    time_machine.shift(datetime.timedelta(minutes=2))
    assert Client().get(link).status_code == 404
    assert halfway.get("/invitasjon/").status_code == 404  # the steps after the link expire with it
    login(cast.team_lead)
    assert "Invitasjonen har gått ut" in client.get("/teamleder/ansatte/").content.decode()


def test_the_link_works_once(cast, client, login, mailoutbox, invite):
    colleague = invite()
    link = _link()
    first = Client()
    first.get(link)
    first.post("/invitasjon/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert User.objects.get(pk=colleague.pk).has_usable_password()
    second = Client()
    assert second.get(link).status_code == 404
    assert second.get("/invitasjon/").status_code == 404
    # Opened (not yet used) in two browsers: the second cannot choose the password after the first.
    other = invite("to@example.no")
    link = _link()
    one, two = Client(), Client()
    one.get(link)
    two.get(link)
    one.post("/invitasjon/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    password = User.objects.get(pk=other.pk).password
    response = two.post(
        "/invitasjon/", {"new_password1": NEW_PASSWORD + "x", "new_password2": NEW_PASSWORD + "x"}
    )
    assert response.status_code == 200 and User.objects.get(pk=other.pk).password == password


def test_sending_the_invitation_again_invalidates_the_old_link(cast, client, login, mailoutbox, invite, post):
    colleague = invite()
    old_link = _link()
    halfway = Client()
    halfway.get(old_link)
    halfway.post("/invitasjon/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    login(cast.team_lead)
    assert post(f"/teamleder/ansatte/{colleague.pk}/invitasjon/").status_code == 302
    new_link = _link()
    assert new_link != old_link and len(mailoutbox) == 2
    assert Client().get(old_link).status_code == 404
    assert halfway.get("/invitasjon/").status_code == 404
    assert not User.objects.get(pk=colleague.pk).has_usable_password()
    assert Client().get(new_link).status_code == 302
    # Only a hash of the token is stored.
    token = new_link.rstrip("/").rsplit("/", 1)[1]
    assert not StaffInvitation.objects.filter(token_hash=token).exists()


def test_the_invitation_email_names_no_youth(cast, client, login, mailoutbox, invite):
    invite()
    message = mailoutbox[-1]
    text = message.subject + message.body
    assert cast.youth.first_name not in text and cast.youth.last_name not in text
    assert "ny.kollega@example.no" in text and "72 timer" in text and str(cast.team_lead.agency) in text


def test_withdrawing_an_invitation_stops_the_link(cast, client, login, mailoutbox, invite):
    colleague = invite()
    link = _link()
    login(cast.team_lead)
    assert "Trekk tilbake" in client.get(f"/teamleder/ansatte/{colleague.pk}/deaktiver/").content.decode()
    client.post(f"/teamleder/ansatte/{colleague.pk}/deaktiver/")
    assert Client().get(link).status_code == 404
    assert client.post(f"/teamleder/ansatte/{colleague.pk}/aktiver/").status_code == 302
    assert not User.objects.get(pk=colleague.pk).is_active  # an invitee is invited again, not reactivated


# Deactivation ----------------------------------------------------------------------------------------


def test_deactivation_ends_sessions_and_memberships_and_the_sweep_tells_the_lead(
    cast, client, login, django_capture_on_commit_callbacks
):
    holder = cast.holder
    colleague = factories.staff(agency=holder.agency, username="kollega")
    other = factories.youth(holder=colleague, first_name="Ola")
    factories.add_member(other, holder, role="Miljøterapeut")
    laptop = Client()
    laptop.force_login(holder)
    verify_second_factor(laptop, holder)
    key = laptop.session.session_key
    login(cast.team_lead)
    assert client.get(f"/teamleder/ansatte/{holder.pk}/deaktiver/").status_code == 200
    with (
        mock.patch("coordination.celery.app.send_task") as send_task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(f"/teamleder/ansatte/{holder.pk}/deaktiver/")
    assert response.status_code == 302 and response["Location"] == "/teamleder/ansatte/"
    assert [call.args[0] for call in send_task.call_args_list] == ["pathways.sweep_reminders"]
    assert not User.objects.get(pk=holder.pk).is_active
    assert not Session.objects.filter(session_key=key).exists() and not UserSession.objects.filter(
        user=holder
    )
    assert laptop.get("/ungdommer/").status_code == 302
    # The team they were a member of is left; the one whose baton they hold is kept until it is passed on.
    assert not TeamMembership.objects.active().filter(user=holder, youth=other).exists()
    assert TeamMembership.objects.active().filter(user=holder, youth=cast.youth).exists()
    assert not YouthPermission.objects.filter(user=holder, content_object=other).exists()
    sweep.run()
    assert reminded(ReminderRule.NO_ACTIVE_HOLDER) == [("lead", 3)]
    # Reactivated, they sign in again; the team they left is not given back.
    assert client.post(f"/teamleder/ansatte/{holder.pk}/aktiver/").status_code == 302
    assert User.objects.get(pk=holder.pk).is_active
    assert not TeamMembership.objects.active().filter(user=holder, youth=other).exists()


def test_the_municipality_admin_deactivates_in_their_municipality(cast, place, client, login):
    login(place["admin"])
    response = client.post(f"/kommune/ansatte/{cast.holder.pk}/deaktiver/")
    assert response["Location"] == f"/kommune/etater/{cast.holder.agency_id}/"
    assert not User.objects.get(pk=cast.holder.pk).is_active
    client.post(f"/kommune/ansatte/{cast.holder.pk}/aktiver/")
    assert User.objects.get(pk=cast.holder.pk).is_active
    client.post(f"/kommune/ansatte/{cast.holder.pk}/teamleder/", {"is_team_lead": "1"})
    assert User.objects.get(pk=cast.holder.pk).is_team_lead


def test_accounts_with_wider_rights_are_left_to_the_superuser(cast, place, client, login):
    other_admin = factories.staff(agency=cast.holder.agency, username="admin2", is_municipality_admin=True)
    login(cast.team_lead)
    client.post(f"/teamleder/ansatte/{other_admin.pk}/deaktiver/")
    assert User.objects.get(pk=other_admin.pk).is_active


# No case content, constant queries -----------------------------------------------------------------


def test_no_case_content_on_these_pages(cast, place, client, login):
    youth = factories.youth(holder=cast.holder, first_name="Hemmelig", last_name="Ungdomsnavn")
    goal = factories.goal(youth, cast.holder, description="Tekst om et mål som er taushetsbelagt")
    factories.log_entry(youth, cast.holder, text="Logg som ingen administrator skal se")
    secrets = [youth.first_name, youth.last_name, goal.description, "ingen administrator"]
    pages = {
        cast.team_lead: [
            "/teamleder/ansatte/",
            "/teamleder/ansatte/ny/",
            f"/teamleder/ansatte/{cast.holder.pk}/deaktiver/",
        ],
        place["admin"]: [
            "/kommune/",
            "/kommune/etater/ny/",
            f"/kommune/etater/{cast.holder.agency_id}/",
            f"/kommune/etater/{cast.holder.agency_id}/teamleder/ny/",
            f"/kommune/ansatte/{cast.holder.pk}/deaktiver/",
        ],
    }
    for user, urls in pages.items():
        login(user)
        for url in urls:
            response = client.get(url)
            html = response.content.decode()
            assert response.status_code == 200, url
            assert not [secret for secret in secrets if secret in html], url


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_use_a_constant_number_of_queries(cast, place, client, login, mailoutbox):
    agency = cast.holder.agency
    counts = {"lead": [], "agency": [], "municipality": []}
    for size in (5, 50):
        while User.objects.filter(agency=agency).count() < size:
            number = User.objects.count()
            user = factories.staff(agency=agency, username=f"ansatt{number}", is_team_lead=number % 3 == 0)
            if number % 2:
                User.objects.filter(pk=user.pk).update(is_active=False)
                StaffInvitation.objects.create(
                    user=user,
                    token_hash=f"{number:064d}",
                    expires_at=timezone.now() + datetime.timedelta(hours=1),
                )
        while Agency.objects.filter(municipality=place["trondheim"]).count() < size:
            Agency.objects.create(
                name=f"Etat {Agency.objects.count()}",
                sector="school",
                level="municipal",
                municipality=place["trondheim"],
            )
        login(cast.team_lead)
        counts["lead"].append(_queries(client, "/teamleder/ansatte/"))
        login(place["admin"])
        counts["agency"].append(_queries(client, f"/kommune/etater/{agency.pk}/"))
        counts["municipality"].append(_queries(client, "/kommune/"))
    assert {name: len(set(found)) for name, found in counts.items()} == dict.fromkeys(counts, 1), counts


# The Django admin --------------------------------------------------------------------------------------

HOSTILE = [
    "",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "1.5",
    "abc",
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    "1e309",
    "A" * 10_000,
    "<script>alert(1)</script>",
    "😀" * 300,
]


@pytest.fixture
def superuser(cast, client, login):
    login(cast.admin)
    return cast.admin


def _admin_forms(cast, place) -> dict[str, dict[str, str]]:
    agency = cast.holder.agency_id
    valid_user = {
        "username": "admin-ny",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "usable_password": "true",
        "first_name": "A",
        "last_name": "B",
        "email": "a@example.no",
        "agency": str(agency),
    }
    change_user = {
        "username": cast.member.username,
        "first_name": "Per",
        "last_name": "Lærer",
        "email": "per@example.no",
        "is_active": "on",
        "agency": str(cast.member.agency_id),
        "language": "nb",
    }
    agency_form = {
        "name": "Ny etat",
        "sector": "school",
        "level": "municipal",
        "municipality": str(place["trondheim"].pk),
        "serves": str(place["malvik"].pk),
    }
    return {
        "/admin/coordination/user/add/": valid_user,
        f"/admin/coordination/user/{cast.member.pk}/change/": change_user,
        "/admin/coordination/agency/add/": agency_form,
        f"/admin/coordination/agency/{agency}/change/": {**agency_form, "name": "Barneverntjenesten"},
        "/admin/coordination/municipality/add/": {"name": "Skaun", "number": "5029"},
    }


def test_the_admin_never_answers_500_to_hostile_input(cast, place, client, superuser):
    """Every hostile value in every field at once, and the worst ones (an id out of range, a NUL byte,
    a list) in each field alone, also in fields the forms do not have (groups, permissions)."""
    extra = ["groups", "user_permissions", "id", "is_superuser"]
    worst = ["99999999999999999999", "-1", "\x00", ["1", "99999999999999999999", "\x00"]]
    for url, valid in _admin_forms(cast, place).items():
        assert client.get(url).status_code == 200, url
        names = [*valid, *extra]
        attempts = [dict.fromkeys(names, value) for value in HOSTILE]
        attempts += [{**valid, name: value} for name in names for value in worst]
        for data in attempts:
            response = client.post(url, data)
            assert response.status_code < 500, (url, data)
    assert not Group.objects.exists()
    assert not User.objects.filter(user_permissions__isnull=False).exists()


def test_the_admin_lists_never_answer_500(cast, place, client, superuser):
    for url in (
        "/admin/coordination/user/",
        "/admin/coordination/agency/",
        "/admin/coordination/municipality/",
    ):
        for query in (
            "q=%00",
            "q=" + "a" * 5000,
            "agency__id__exact=99999999999999999999",
            "o=99",
            "p=-1",
            "municipality__id__exact=%00",
        ):
            assert client.get(f"{url}?{query}").status_code in (200, 302), (url, query)
    for url in (
        "/admin/coordination/user/99999999999999999999/change/",
        "/admin/coordination/agency/%00/change/",
    ):
        assert client.get(url).status_code in (302, 404), url


def test_the_admin_shows_only_what_superusers_manage(cast, client, superuser):
    html = client.get("/admin/").content.decode()
    for model in ("coordination/agency/", "coordination/municipality/", "coordination/user/"):
        assert f"/admin/{model}" in html
    for hidden in ("auth/group", "otp_totp", "otp_static", "axes/"):
        assert f"/admin/{hidden}" not in html
    assert client.get("/admin/auth/group/").status_code == 404
    form = client.get(f"/admin/coordination/user/{cast.member.pk}/change/").content.decode()
    assert 'name="groups"' not in form and 'name="user_permissions"' not in form


@pytest.mark.parametrize(
    ("role", "start"),
    [
        ({"is_municipality_admin": True}, "/kommune/"),
        ({"is_planner": True}, "/statistikk/"),
        ({"is_team_lead": True}, "/teamleder/"),
        ({}, "/ungdommer/"),
    ],
)
def test_staff_on_no_team_start_where_their_work_is(cast, client, login, role, start):
    user = factories.staff(agency=cast.holder.agency, username="startpage", **role)
    client = login(user)
    assert client.get("/")["Location"] == start


def test_a_caseworker_on_a_team_starts_at_their_youths(cast, login):
    assert login(cast.member).get("/")["Location"] == "/ungdommer/"
