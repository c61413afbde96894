import datetime

from django.utils import timezone
from stdnum.no.fodselsnummer import is_valid as national_id_is_valid

from coordination.models import Youth


def _form(**overrides):
    today = timezone.localdate()
    data = {
        "first_name": "Amina",
        "last_name": "Hassan",
        "birth_date": today.replace(year=today.year - 15).isoformat(),
        "municipality": "Trondheim",
        "preferred_language": "so",
        "interpreter_needed": "on",
        "interpreter_language": "so",
    }
    return {**data, **overrides}


def test_caseworker_registers_a_youth_and_holds_the_baton(cast, client, login):
    login(cast.member)
    response = client.post("/ungdommer/ny/", _form())
    youth = Youth.objects.get(first_name="Amina")
    assert response.status_code == 302 and response["Location"] == f"/ungdommer/{youth.pk}/"
    assert youth.stafettholder == cast.member and youth.originating_agency == cast.member.agency


def test_invalid_national_id_and_missing_interpreter_language_are_explained(cast, client, login):
    login(cast.member)
    response = client.post("/ungdommer/ny/", _form(national_id="12345678901", interpreter_language=""))
    assert response.status_code == 200
    assert response.content.decode().count('class="ds-validation-message"') == 2
    assert not Youth.objects.filter(first_name="Amina").exists()


def test_age_outside_the_service_is_refused(cast, client, login):
    login(cast.member)
    old = timezone.localdate() - datetime.timedelta(days=365 * 40)
    response = client.post("/ungdommer/ny/", _form(birth_date=old.isoformat()))
    assert response.status_code == 200
    assert not Youth.objects.filter(first_name="Amina").exists()


def test_national_id_checksums():
    assert national_id_is_valid("01010750160")  # a published synthetic test number
    assert not national_id_is_valid("01010750161")
    assert not national_id_is_valid("0101075016")
    assert not national_id_is_valid("abcdefghijk")


def test_a_youth_can_get_an_own_follow_up_interval(cast, client, login):
    login(cast.member)
    assert client.post("/ungdommer/ny/", _form(follow_up_days="0")).status_code == 200
    assert not Youth.objects.filter(first_name="Amina").exists()
    client.post("/ungdommer/ny/", _form(follow_up_days="10"))
    assert Youth.objects.get(first_name="Amina").follow_up_days == 10
