"""Logs are JSON lines with the request id, and never carry query strings (they can hold names)."""

import json
import logging

from coordination.logging import JsonFormatter, RequestIdFilter, request_id_var


def test_json_formatter_writes_one_object_with_extra_fields():
    record = logging.LogRecord("stafett.security", logging.INFO, __file__, 1, "login", (), None)
    record.event, record.user_id = "login", 7
    token = request_id_var.set("abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["message"] == "login" and entry["level"] == "INFO" and entry["logger"] == "stafett.security"
    assert entry["request_id"] == "abc123" and entry["event"] == "login" and entry["user_id"] == 7
    assert "\n" not in line


def test_exceptions_stay_on_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line and "ValueError: boom" in json.loads(line)["exception"]


def test_request_log_has_the_request_id_and_no_query_string(cast, client, login, caplog):
    login(cast.member)
    with caplog.at_level(logging.INFO, logger="stafett.request"):
        response = client.get("/ungdommer/?q=Sara+Ung")
    (record,) = [r for r in caplog.records if r.name == "stafett.request"]
    assert record.request_id == response["X-Request-ID"]
    assert record.path == "/ungdommer/" and record.status == 200 and record.user_id == cast.member.pk
    assert "Sara" not in JsonFormatter().format(record)


def test_security_events_are_logged_without_passwords(cast, client, caplog):
    with caplog.at_level(logging.INFO, logger="stafett.security"):
        client.post("/logg-inn/", {"username": cast.member.username, "password": "hunter2-secret"})
    events = [r.event for r in caplog.records if r.name == "stafett.security"]
    assert "login_failed" in events
    assert "hunter2-secret" not in "".join(JsonFormatter().format(r) for r in caplog.records)
