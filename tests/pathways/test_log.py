"""The stafettlogg is append-only; corrections are new entries; htmx appends in place."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from coordination.errors import BusinessRuleError
from coordination.models import Youth
from pathways.models import AppendOnlyError, LogEntry
from pathways.services.log import log_entry_append, log_entry_correct
from tests import factories


@pytest.fixture
def entry(cast):
    return factories.log_entry(cast.youth, cast.holder, text="Samtale om skole")


def test_model_refuses_update_and_delete(entry):
    entry.text = "Endret i ettertid"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.filter(pk=entry.pk).update(text="x")
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.filter(pk=entry.pk).delete()
    assert LogEntry.objects.get(pk=entry.pk).text == "Samtale om skole"


def test_database_refuses_raw_update_and_delete(entry):
    for sql in (
        "UPDATE pathways_logentry SET text = 'x' WHERE id = %s",
        "DELETE FROM pathways_logentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert LogEntry.objects.get(pk=entry.pk).text == "Samtale om skole"


def test_correction_is_a_new_entry_pointing_at_the_original(cast, entry):
    correction = log_entry_correct(actor=cast.holder, original=entry, text="Samtale om skole og bolig")
    assert correction.corrects_id == entry.pk
    assert LogEntry.objects.get(pk=entry.pk).text == "Samtale om skole"
    assert list(LogEntry.objects.filter(youth=cast.youth, kind="contact").values_list("text", flat=True)) == [
        "Samtale om skole og bolig",
        "Samtale om skole",
    ]


def test_the_log_page_says_which_entry_a_correction_corrects(cast, client, login):
    original = factories.log_entry(
        cast.youth,
        cast.holder,
        text="Samtale om skole",
        occurred_at=timezone.make_aware(datetime.datetime(2026, 3, 14, 10, 0)),
    )
    log_entry_correct(actor=cast.holder, original=original, text="Samtale om skole og bolig")
    login(cast.member)
    html = client.get(reverse("log", args=[cast.youth.pk])).content.decode()
    assert "Korrigering av oppføringen fra 14.03.2026" in html
    assert html.count("Korrigering av oppføringen fra") == 1
    assert "Denne oppføringen er korrigert" in html


def test_only_the_author_corrects(cast, entry):
    with pytest.raises(BusinessRuleError):
        log_entry_correct(actor=cast.member, original=entry, text="Feil")


def test_contact_moves_last_contact_forward_only(cast):
    now = timezone.now()
    log_entry_append(actor=cast.holder, youth=cast.youth, kind="contact", text="Møte", occurred_at=now)
    log_entry_append(
        actor=cast.holder,
        youth=cast.youth,
        kind="phone",
        text="Eldre samtale",
        occurred_at=now - datetime.timedelta(days=3),
    )
    assert Youth.objects.get(pk=cast.youth.pk).last_contact_at == now


def test_system_kinds_cannot_be_written_by_hand(cast):
    with pytest.raises(BusinessRuleError):
        log_entry_append(
            actor=cast.holder, youth=cast.youth, kind="handover", text="x", occurred_at=timezone.now()
        )


def _form(**overrides):
    data = {
        "kind": "contact",
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "category": "general",
        "text": "Ringte og avtalte ny time",
    }
    return {**data, **overrides}


def test_htmx_append_returns_the_form_and_the_new_entry_in_place(cast, client, login):
    login(cast.member)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/logg/", _form(), headers={"HX-Request": "true", "HX-Target": "log-form"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a partial, not a page
    assert 'hx-swap-oob="afterbegin:#log-entries"' in html
    assert "Ringte og avtalte ny time" in html
    assert 'id="log-form"' in html
    assert LogEntry.objects.filter(
        youth=cast.youth, text="Ringte og avtalte ny time", author=cast.member
    ).exists()


def test_htmx_invalid_entry_returns_the_form_with_norwegian_errors(cast, client, login):
    login(cast.member)
    response = client.post(
        f"/ungdommer/{cast.youth.pk}/logg/",
        _form(text="", occurred_at="2999-01-01T10:00"),
        headers={"HX-Request": "true", "HX-Target": "log-form"},
    )
    html = response.content.decode()
    assert "Feltet er påkrevet." in html
    assert "ikke skjedd" in html  # "has not happened yet", in bokmål
    assert "<html" not in html
    assert not LogEntry.objects.filter(youth=cast.youth, author=cast.member).exists()


def test_plain_post_redirects_and_shows_the_entry(cast, client, login):
    login(cast.member)
    response = client.post(f"/ungdommer/{cast.youth.pk}/logg/", _form(text="Uten JavaScript"), follow=True)
    assert response.redirect_chain[-1][0] == f"/ungdommer/{cast.youth.pk}/logg/"
    assert "Uten JavaScript" in response.content.decode()


def test_garbage_date_gets_a_message_not_a_500(cast, client, login):
    login(cast.member)
    response = client.post(f"/ungdommer/{cast.youth.pk}/logg/", _form(occurred_at="32.13.2026 99:99"))
    assert response.status_code == 200
    assert "Oppgi gyldig dato og tidspunkt" in response.content.decode()
