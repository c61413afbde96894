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
from django.test import override_settings

from coordination.access.citizens import citizen_access_for_user
from coordination.demo.logins import GUARDIAN_LOGIN, RELATIVE_LOGIN, YOUTH_LOGIN
from coordination.models import (
    ConsentEvent,
    InformationCategory,
    Relative,
    StafettholderPeriod,
    TeamMembership,
    User,
    Youth,
    YouthPermission,
    YouthStatus,
)
from coordination.models.content import ContentModel
from coordination.models.youths import national_id_is_valid
from coordination.selectors import emergency
from coordination.services.permissions import youth_permissions_sync_all
from pathways.models import CONTACT_KINDS, YOUTH_KINDS, Evaluation, LogEntry
from pathways.selectors import team_lead
from pathways.services import dashboards

YOUTHS = 20
SEED = 2024
# The suite's hasher (tests/conftest.py): the seeded demo password must verify under it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A username line of seed_demo's login list: two spaces, the username, then what the login is for.
LOGIN_LINE = re.compile(r"^  (?P<username>[a-z][a-z0-9._-]+)\s{2,}\S")
# The pages each kind of staff login is for.
HOME_PAGE = {"kommune.admin": "/kommune/", "planlegger": "/statistikk/", "leder.barnevern": "/teamleder/"}
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


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    """Seeds once for the module, as the embedded first look does, and rolls it all back after."""
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(SYNTHETIC_NATIONAL_IDS=True, PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        call_command("seed_demo", youths=YOUTHS, seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(_seeded, db, settings) -> str:
    """What seed_demo printed; each test runs in its own savepoint on top of the seeded data."""
    settings.SYNTHETIC_NATIONAL_IDS = True
    return _seeded


def _printed_staff_logins(output: str) -> list[str]:
    staff = output.partition("Staff: sign in")[2].partition("Youths and relatives")[0]
    return [m["username"] for line in staff.splitlines() if (m := LOGIN_LINE.match(line))]


def _printed_citizen_logins(output: str) -> list[str]:
    citizens = output.partition("Youths and relatives: sign in")[2]
    return [m[1] for line in citizens.splitlines() if (m := re.match(r"^  (\d{3} \d{2} \d{3})\s", line))]


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
            written_by_staff = rows.exclude(kind__in=YOUTH_KINDS) if model is LogEntry else rows
            assert not written_by_staff.exclude(agency_id=F(f"{writer}__agency_id")).exists(), model.__name__
            checked += rows.exists()
    # Not every seed closes a case among few youths; the everyday kinds are always there.
    assert checked >= len(WRITER_FIELD) - 2


def test_national_ids_pass_the_validator(demo):
    ids = list(Youth.objects.exclude(national_id=None).values_list("national_id", flat=True))
    assert ids, "no demo youth has a national id"
    assert [value for value in ids if not national_id_is_valid(value)] == []


def test_every_printed_staff_login_signs_in_and_reaches_its_home_page(demo, client, settings):
    # `make run` is the embedded first look, where staff sign in with the password alone.
    settings.REQUIRE_SECOND_FACTOR = False
    usernames = _printed_staff_logins(demo)
    assert {"admin", "kari.nordmann", "leder.barnevern", "kommune.admin", "planlegger"} <= set(usernames)
    password = re.search(r"password '([^']+)'", demo)[1]
    for username in usernames:
        client.logout()
        response = client.post("/logg-inn/", {"username": username, "password": password}, follow=True)
        assert response.status_code == 200, username
        assert response.wsgi_request.user.username == username, f"{username} could not sign in"
        home = client.get("/", follow=True)
        assert home.status_code == 200, username
        assert home.redirect_chain, username  # the start page sends each account on to its own pages
        page = HOME_PAGE.get(username)
        if page:
            assert client.get(page).status_code == 200, (username, page)


def test_every_printed_youth_and_relative_login_signs_in_with_a_code(demo, client, _sms_outbox):
    numbers = _printed_citizen_logins(demo)
    assert len(numbers) == 3
    for number in numbers:
        client.logout()
        _sms_outbox.clear()
        client.post("/min/logg-inn/", {"address": number})
        assert len(_sms_outbox) == 1, f"no code was sent to {number}"
        code = re.search(r"\b(\d{6})\b", _sms_outbox[0]["text"])[1]
        response = client.post("/min/logg-inn/kode/", {"code": code}, follow=True)
        assert response.status_code == 200, number
        assert response.wsgi_request.user.is_citizen, f"{number} could not sign in"
        assert response.wsgi_request.path == "/min/", number


def test_the_youth_login_has_a_rich_plan_and_the_guardian_a_youth_under_16(demo):
    youth = Youth.objects.get(account__username=YOUTH_LOGIN.username)
    assert youth.goals.count() >= 3
    assert Evaluation.objects.filter(action__youth=youth).exclude(youth_view="").count() >= 3
    assert youth.meetings.filter(interpreter_needed=True, interpreter_booked=True).exists()
    consent_kinds = set(ConsentEvent.objects.filter(consent__youth=youth).values_list("kind", flat=True))
    assert {"requested", "discussed", "given", "widened", "narrowed", "refused"} <= consent_kinds
    assert youth.access_log.count() >= 5
    guardian = Relative.objects.get(account__username=GUARDIAN_LOGIN.username)
    assert guardian.youth_id == youth.pk and guardian.has_parental_responsibility
    assert youth.age < 16
    # What she keeps back from her mother stays hidden from the mother, and only from her.
    mother = citizen_access_for_user(guardian.account)
    assert "plan" in mother.parts and "substance_use" not in mother.categories
    assert citizen_access_for_user(youth.account).sees_everything
    brother = citizen_access_for_user(Relative.objects.get(account__username=RELATIVE_LOGIN.username).account)
    assert brother.parts == {"meetings"}


def _sign_in_with_code(client, sms_outbox, address: str) -> None:
    sms_outbox.clear()
    client.post("/min/logg-inn/", {"address": address})
    code = re.search(r"\b(\d{6})\b", sms_outbox[0]["text"])[1]
    assert client.post("/min/logg-inn/kode/", {"code": code})["Location"] == "/min/"


def test_the_youth_login_reads_an_adopted_individual_plan_and_her_holder_sees_it(
    demo, client, login, _sms_outbox
):
    youth = Youth.objects.get(account__username=YOUTH_LOGIN.username)
    _sign_in_with_code(client, _sms_outbox, YOUTH_LOGIN.phone)
    page = client.get("/min/individuell-plan/").content.decode()
    assert "Versjon 1, fra" in page and "Koordinatoren din" in page
    assert "Kari Nordmann" in page
    # Her goals in her own words, and the steps under them, as the version froze them.
    assert "Jeg vil gå på skolen fire dager i uka og klare 10. klasse." in page
    assert "Samtaler hos BUP annenhver uke om søvn og angst" in page
    assert "Leksehjelp på Heimdal bibliotek" in page
    assert "Ja, jeg er enig" in page and "Jeg vil ha endringer" in page  # not answered yet

    # Her mother, a guardian, reads it too, without what Amira keeps back from her.
    client.logout()
    _sign_in_with_code(client, _sms_outbox, GUARDIAN_LOGIN.phone)
    mother_page = client.get("/min/individuell-plan/").content.decode()
    assert "Versjon 1, fra" in mother_page and "klare 10. klasse" in mother_page
    assert "drikke mindre" not in mother_page and "sove bedre" not in mother_page

    # The stafettholder, her coordinator, sees the working plan and the adopted version.
    client.logout()
    holder = login(youth.stafettholder)
    staff_page = holder.get(f"/ungdommer/{youth.pk}/individuell-plan/").content.decode()
    assert "Versjon 1" in staff_page and "Ikke svart ennå" in staff_page
    assert "Vedta som versjon 2" in staff_page


FIGURE_ON_PAGE = re.compile(r'href="/teamleder/liste/([a-z0-9-]+)/"><span class="figure__count">(\d+)</span>')


def test_every_panel_of_the_demo_leads_dashboard_shows_something(demo, client, login):
    lead = User.objects.get(username="leder.barnevern")
    html = login(lead).get("/teamleder/").content.decode()
    # Every figure of "What lapses and waits", as shown: the sweep ran at the end of seeding.
    shown = {key: int(n) for key, n in FIGURE_ON_PAGE.findall(html)}
    assert set(shown) == {figure.key for figure in team_lead.FIGURES}
    assert [key for key, n in shown.items() if n == 0] == []
    dashboard = dashboards.dashboard_for(lead)
    assert dashboard.stored  # stored by the sweep's refresh, as the beat's first run leaves it
    assert sum(dashboard.levels) > 0 and sum(1 for n in dashboard.levels if n) >= 3
    months_with_new = sum(1 for n in dashboard.trends["new"] if n)
    months_with_closed = sum(
        1 for month in zip(*dashboard.trends["closed"].values(), strict=True) if any(month)
    )
    assert months_with_new >= 3 and months_with_closed >= 2
    assert dashboard.trends["median_days_since_contact"] is not None
    assert dashboard.unusual and any(row["emergencies"] for row in dashboard.unusual)
    # Emergency access to review, kept from the youth, staff: shown by name, never the texts.
    review = html.partition('id="review-heading"')[2].partition("</section>")[0]
    kept = html.partition('id="kept-heading"')[2].partition("</section>")[0]
    assert emergency.emergency_accesses_to_review(lead).exists() and "Solheim" in review
    assert team_lead.kept_from_youths(lead).exists() and "Johansen, Ida" in kept
    assert "Mor fortalte" not in html
    staff = html.partition('id="staff-heading"')[2].partition("</section>")[0]
    assert "Kari Nordmann" in staff and "Deaktivert" in staff  # Trond has left, holding Elias's baton


def test_every_panel_of_the_demo_caseworkers_day_shows_something(demo, client, login):
    kari = User.objects.get(username="kari.nordmann")
    response = login(kari).get("/min-dag/")
    assert response.status_code == 200
    for panel in ("evaluations", "meetings", "reminders", "silent"):
        assert response.context[panel], f"Min dag shows no {panel}"
    html = response.content.decode()
    assert "Over fristen" in html  # an evaluation overdue
    assert "Johansen" in html.partition('id="silent-heading"')[2]  # held, no contact for 45 days
