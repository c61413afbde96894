"""Exports: the archive export of a closed case and the youth's own data export hold what the
exporter may see (one visibility rule), every file is in the manifest with its SHA-256 and a changed
file is found, each export is an access-log row; staff of another youth and other youths get 404."""

import datetime
import io
import json
import time
import zipfile

import pypdf
import pytest
from django.core.management import call_command
from django.utils import timezone

from coordination.models import AccessLogEntry
from coordination.services.youths import case_close
from pathways.documents.archive import package_verify
from pathways.models import LogEntry
from pathways.services.voice import entry_withhold
from tests import factories
from tests.pathways.test_my_stafett import relative_account, sign_in, youth_account


def _close(cast):
    case_close(
        actor=cast.holder, youth=cast.youth, reason="goals_reached", explanation="Ferdig", youth_view="Bra"
    )


@pytest.fixture
def texts(cast):
    """One entry per reader: general (everyone on the team), school (the school), health (written by
    child welfare, the holder's agency, which always sees what it wrote)."""
    factories.goal(cast.youth, cast.holder, description="Jeg vil fullføre skoleåret")
    for category, author, text in (
        ("general", cast.holder, "Felles samtale om uka"),
        ("school", cast.member, "Fravær i matte"),
        ("health", cast.holder, "Helseopplysning fra legen"),
    ):
        factories.log_entry(cast.youth, author, category=category, text=text)
    return cast


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def _log_texts(archive: zipfile.ZipFile) -> set[str]:
    return {row["text"] for row in json.loads(archive.read("data/log.json"))}


def _archive(client, cast):
    return client.post(f"/ungdommer/{cast.youth.pk}/arkiv/")


def test_an_archive_export_omits_what_the_exporter_may_not_see(texts, login):
    cast = texts
    _close(cast)
    member = _log_texts(_zip(_archive(login(cast.member), cast)))
    assert {"Felles samtale om uka", "Fravær i matte"} <= member
    assert "Helseopplysning fra legen" not in member
    holder = _log_texts(_zip(_archive(login(cast.holder), cast)))
    assert "Helseopplysning fra legen" in holder and "Fravær i matte" not in holder


def test_the_archive_holds_pdf_a_json_and_a_manifest_with_noark_metadata(texts, login):
    cast = texts
    _close(cast)
    archive = _zip(_archive(login(cast.holder), cast))
    manifest = json.loads(archive.read("manifest.json"))
    paths = {entry["path"] for entry in manifest["files"]}
    assert {"data/goals.json", "data/log.json", "data/consents.json", "data/decisions.json"} <= paths
    assert "documents/case-summary.pdf" in paths
    noark = manifest["noark"]
    assert noark["avsluttetDato"] and noark["saksansvarlig"] == "Kari Nordmann"
    assert noark["skjerming"]["tilgangsrestriksjon"] == "13"
    assert manifest["scope"]["complete"] is False
    pdf = pypdf.PdfReader(io.BytesIO(archive.read("documents/case-summary.pdf")))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Jeg vil fullføre skoleåret" in text and "Fravær i matte" not in text
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp  # identifies itself as PDF/A (WeasyPrint's pdf/a-3b)
    consent = json.loads(archive.read("data/consents.json"))[0]
    assert consent["purpose"] and [event["kind"] for event in consent["history"]] == ["given"]


def test_the_consent_texts_stay_with_those_who_manage_consent(texts, login):
    cast = texts
    _close(cast)
    consent = json.loads(_zip(_archive(login(cast.member), cast)).read("data/consents.json"))[0]
    assert consent["state"] == "given" and consent["purpose"] is None


def test_checksums_verify_and_a_changed_missing_or_added_file_is_found(texts, login, tmp_path):
    cast = texts
    _close(cast)
    data = _archive(login(cast.holder), cast).content
    assert package_verify(data) == []
    path = tmp_path / "arkiv.zip"
    path.write_bytes(data)
    call_command("verify_archive", str(path))  # no error: intact

    def rewritten(change) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for name in source.namelist():
                content = change(name, source.read(name))
                if content is not None:
                    target.writestr(name, content)
            if change("extra.txt", None):
                target.writestr("extra.txt", b"x")
        return buffer.getvalue()

    tampered = rewritten(lambda name, content: content.replace(b"Felles", b"Endret") if content else None)
    assert package_verify(tampered) == ["data/log.json: checksum does not match the manifest"]
    missing = rewritten(lambda name, content: None if name == "data/goals.json" else content)
    assert package_verify(missing) == ["data/goals.json: missing"]
    added = rewritten(lambda name, content: b"x" if name == "extra.txt" else content)
    assert package_verify(added) == ["extra.txt: not in the manifest"]
    assert package_verify(b"not a zip") == ["not a zip file"]
    path.write_bytes(tampered)
    with pytest.raises(SystemExit):
        call_command("verify_archive", str(path))


def test_every_export_is_an_access_log_row(texts, login):
    cast = texts
    _close(cast)
    client = login(cast.member)
    _archive(client, cast)
    _archive(client, cast)
    rows = AccessLogEntry.objects.filter(
        youth=cast.youth, user=cast.member, what__startswith="archive_export:"
    )
    assert rows.count() == 2


def test_an_open_case_is_not_exported_to_the_archive(texts, login):
    assert _archive(login(texts.holder), texts).status_code == 403


def test_staff_of_another_youth_get_404(texts, login):
    cast = texts
    _close(cast)
    client = login(cast.outsider)
    assert _archive(client, cast).status_code == 404
    assert client.get(f"/ungdommer/{cast.youth.pk}/innsyn/ungdom/").status_code == 404
    assert not AccessLogEntry.objects.filter(user=cast.outsider, what__contains="export").exists()


def test_an_archive_export_of_1000_log_entries_takes_a_few_seconds(texts, login, capsys):
    cast = texts
    start = timezone.now() - datetime.timedelta(days=400)
    LogEntry.objects.bulk_create(
        LogEntry(
            youth=cast.youth,
            kind="contact",
            category="general",
            text=f"Samtale nummer {number} om skole, søvn og venner.",
            occurred_at=start + datetime.timedelta(hours=number),
            author=cast.holder,
            agency=cast.holder.agency,
        )
        for number in range(1000)
    )
    _close(cast)
    client = login(cast.holder)
    began, cpu = time.perf_counter(), time.process_time()
    archive = _zip(_archive(client, cast))
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    assert len(json.loads(archive.read("data/log.json"))) >= 1000
    assert package_verify(_archive(client, cast).content) == []
    with capsys.disabled():
        entries = LogEntry.objects.filter(youth=cast.youth).count()
        # CPU time too: on a shared machine the wall clock mostly measures the other processes.
        print(f"\narchive export of {entries} log entries: {seconds:.2f} s wall, {cpu:.2f} s CPU")


# The youth's own data export --------------------------------------------------------------------------


def test_the_youth_downloads_their_own_data_except_what_was_withheld(texts, client):
    cast = texts
    kept = factories.log_entry(cast.youth, cast.holder, text="Opplysning om en annen person")
    entry_withhold(actor=cast.holder, entry=kept, reason="third_party")
    sign_in(client, youth_account(cast.youth))
    assert client.get("/min/mine-data/").status_code == 200
    archive = _zip(client.post("/min/mine-data/"))
    assert package_verify(client.post("/min/mine-data/").content) == []
    log = _log_texts(archive)
    assert {"Felles samtale om uka", "Fravær i matte", "Helseopplysning fra legen"} <= log
    assert "Opplysning om en annen person" not in log
    assert "documents/my-stafett.pdf" in archive.namelist()
    assert AccessLogEntry.objects.filter(youth=cast.youth, what__startswith="own_data_export:").count() == 2


def test_a_guardian_downloads_only_what_the_age_rules_let_them_see(texts, client):
    cast = texts  # the youth is 16: a guardian sees only what the youth shares with them (nothing yet)
    relative = relative_account(cast.youth, cast.holder)
    sign_in(client, relative.account)
    archive = _zip(client.post("/min/mine-data/"))
    assert "data/log.json" not in archive.namelist() and "data/consents.json" not in archive.namelist()
    assert "data/goals.json" not in archive.namelist()


def test_another_youth_gets_only_their_own_record(texts, client):
    cast = texts
    other = factories.youth(holder=cast.holder, first_name="Ola")
    sign_in(client, youth_account(other))
    log = _log_texts(_zip(client.post("/min/mine-data/")))
    assert not log & {"Felles samtale om uka", "Fravær i matte", "Helseopplysning fra legen"}
    assert client.post(f"/min/mine-data/?ung={cast.youth.pk}").status_code == 404


def test_the_stafettholder_makes_the_youths_export_on_request(texts, login):
    cast = texts
    url = f"/ungdommer/{cast.youth.pk}/innsyn/ungdom/"
    client = login(cast.holder)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 200  # the form again, with its message
    log = _log_texts(_zip(client.post(url, {"reason": "Spurte i møtet 3. mars"})))
    # What the youth sees, as far as the holder may see it too: the export passes through the holder's
    # hands, so the school's entry (no consent for the holder's agency) stays out; the youth downloads
    # it themselves at /min/mine-data/.
    assert {"Felles samtale om uka", "Helseopplysning fra legen"} <= log
    assert "Fravær i matte" not in log
    row = AccessLogEntry.objects.get(youth=cast.youth, what__startswith="own_data_for_youth:")
    assert row.user == cast.holder and row.role == "stafettholder"
    assert login(cast.member).post(url, {"reason": "x"}).status_code == 403
