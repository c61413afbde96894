"""Municipality as a first-class concept: agencies belong to one municipality, or serve several
(specialist and state services); the old free-text municipality of agencies migrates to one
Municipality per name and back; statistics read the planner's municipality; teams span municipalities
under consent as before."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from coordination.access import youth_access_for_user
from coordination.models import Agency, Sector, ServiceLevel
from coordination.models.agencies import Municipality
from pathways.selectors.statistics import youths_of
from tests import factories

BEFORE = ("coordination", "0013_handover_reassigned")
AFTER = ("coordination", "0014_municipalities_and_staff_invitations")


def test_a_municipality_number_has_four_digits(db):
    for number in ("5001", ""):
        Municipality(name=f"Kommune {number}", number=number).full_clean()
    for number in ("501", "50011", "50a1", "５００１", "5001\n"):
        with pytest.raises(ValidationError):
            Municipality(name="Feil", number=number).full_clean()


def test_names_and_numbers_are_unique(db):
    Municipality.objects.create(name="Trondheim", number="5001")
    Municipality.objects.create(name="Malvik")
    Municipality.objects.create(name="Skaun")  # several may lack a number
    with pytest.raises(ValidationError):
        Municipality(name="trondheim").full_clean()
    for duplicate in ({"name": "TRONDHEIM"}, {"name": "Trondheim by", "number": "5001"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Municipality.objects.create(**duplicate)


def _migrate(target: tuple[str, str]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.mark.django_db(transaction=True)
def test_the_text_municipalities_migrate_to_one_municipality_per_name_and_back():
    try:
        old = _migrate(BEFORE)
        OldAgency = old.get_model("coordination", "Agency")
        for name, municipality in [("A", "Trondheim"), ("B", "  trondheim "), ("C", ""), ("D", "Malvik")]:
            OldAgency.objects.create(name=name, sector="school", level="municipal", municipality=municipality)

        new = _migrate(AFTER)
        Agency_, Municipality_ = (
            new.get_model("coordination", "Agency"),
            new.get_model("coordination", "Municipality"),
        )
        assert sorted(Municipality_.objects.values_list("name", flat=True)) == ["Malvik", "Trondheim"]
        by_agency = dict(Agency_.objects.values_list("name", "municipality__name"))
        assert by_agency == {"A": "Trondheim", "B": "Trondheim", "C": None, "D": "Malvik"}

        old = _migrate(BEFORE)
        back = dict(old.get_model("coordination", "Agency").objects.values_list("name", "municipality"))
        assert back == {"A": "Trondheim", "B": "Trondheim", "C": "", "D": "Malvik"}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_statistics_read_the_municipality_of_the_planners_agency(cast):
    trondheim = Municipality.objects.create(name="Trondheim", number="5001")
    planner = factories.staff(agency=cast.holder.agency, username="planlegger", is_planner=True)
    malvik_youth = factories.youth(holder=cast.holder, municipality="Malvik")
    assert not youths_of(planner).exists()  # the agency belongs to no municipality yet
    Agency.objects.filter(pk=cast.holder.agency_id).update(municipality=trondheim)
    planner.refresh_from_db()
    youths = set(youths_of(planner))
    assert cast.youth in youths and malvik_youth not in youths  # the cast's youth lives in Trondheim
    planner.is_planner = False
    assert not youths_of(planner).exists()


def test_a_specialist_service_serves_several_municipalities_and_is_administered_by_none(cast, client, login):
    trondheim = Municipality.objects.create(name="Trondheim", number="5001")
    malvik = Municipality.objects.create(name="Malvik", number="5031")
    bup = cast.outsider.agency  # BUP Klinikk: a specialist service, no municipality of its own
    bup.serves.set([trondheim, malvik])
    town_hall = Agency.objects.create(
        name="Trondheim kommune",
        sector=Sector.VOLUNTARY,
        level=ServiceLevel.MUNICIPAL,
        municipality=trondheim,
    )
    admin = factories.staff(agency=town_hall, username="kommuneadmin", is_municipality_admin=True)
    assert set(trondheim.served_by.all()) == set(malvik.served_by.all()) == {bup}
    login(admin)
    html = client.get("/kommune/").content.decode()
    assert "BUP Klinikk" in html and f"/kommune/etater/{bup.pk}/" not in html
    assert client.get(f"/kommune/etater/{bup.pk}/").status_code == 404
    assert client.get(f"/kommune/ansatte/{cast.outsider.pk}/deaktiver/").status_code == 404


def test_a_team_spans_municipalities_under_consent_as_before(cast):
    trondheim = Municipality.objects.create(name="Trondheim", number="5001")
    malvik = Municipality.objects.create(name="Malvik", number="5031")
    Agency.objects.filter(pk=cast.holder.agency_id).update(municipality=trondheim)
    Agency.objects.filter(pk=cast.member.agency_id).update(municipality=malvik)
    access = youth_access_for_user(cast.member, cast.youth.pk)
    assert access.categories == {"general", "school"}


def test_the_admin_finds_agencies_by_municipality(cast, client, login):
    trondheim = Municipality.objects.create(name="Trondheim", number="5001")
    Agency.objects.filter(pk=cast.holder.agency_id).update(municipality=trondheim)
    login(cast.admin)
    html = client.get("/admin/coordination/agency/?q=trondheim").content.decode()
    assert "Barneverntjenesten" in html and "Charlottenlund vgs" not in html
    assert "Trondheim" in client.get("/admin/coordination/municipality/?q=5001").content.decode()
