"""The archive package: a case record as JSON files plus PDF documents in one zip, with a manifest
that lists every file with its SHA-256 checksum and Noark-style metadata for the archive system.
`package_verify` checks a zip against its manifest (README: "Archive export").

Content fields are read through `read()` (coordination.models.content): only rows that came through
the visibility rule for the exporter are in the record, and a text the exporter may not read (a
consent's purpose for someone who does not manage consent) is written as null."""

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Iterable

from django.utils import timezone

from coordination.models.content import is_shown_to, read

FORMAT = "stafett-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


def _text(obj, name: str, user_id: int):
    return read(obj, name, user_id) if is_shown_to(obj, user_id) else None


def _when(value):
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value


def _person(user):
    return user.get_full_name() or user.username if user is not None else None


def _row(obj, user_id: int, plain: Iterable[str], people: Iterable[str] = ()) -> dict:
    row = {"id": obj.pk}
    for name in plain:
        row[name] = _when(getattr(obj, name))
    for name in people:
        row[name] = _person(getattr(obj, name))
    if hasattr(obj, "agency"):
        row["written_for"] = obj.agency.name if obj.agency_id else None
    for name in getattr(obj, "CONTENT_FIELDS", ()):
        row[name] = _text(obj, name, user_id)
    return row


SHAPES = {
    "goals": (("kind", "status", "category", "created_at", "updated_at"), ()),
    "actions": (("goal_id", "status", "category", "start_date", "evaluation_date"), ("responsible",)),
    "evaluations": (
        ("action_id", "outcome", "next_step", "next_evaluation_date", "category", "evaluated_at"),
        ("evaluated_by",),
    ),
    "log": (("kind", "category", "occurred_at", "recorded_at", "corrects_id", "evaluation_id"), ("author",)),
    "meetings": (
        ("starts_at", "is_digital", "youth_attends", "interpreter_needed", "category", "minutes_entry_id"),
        (),
    ),
    "decisions": (("kind", "reason", "category", "decided_at"), ("decided_by",)),
    "levels": (("from_level", "to_level", "category", "changed_at"), ("changed_by",)),
    "transitions": (("kind", "status", "planned_date", "category"), ("responsible",)),
    "relatives": (
        ("has_parental_responsibility", "preferred_language", "interpreter_needed", "category"),
        (),
    ),
}


def _consent(consent, user_id: int) -> dict:
    row = _row(
        consent,
        user_id,
        ("basis", "legal_basis", "given_by", "form", "state", "valid_from", "review_on", "expires_on"),
    )
    row["history"] = [
        {
            **_row(event, user_id, ("kind", "recorded_at"), ("recorded_by",)),
            "scope": sorted(f"{scope.agency.name}: {scope.category}" for scope in event.scope.all()),
        }
        for event in consent.events.all()
    ]
    return row


def record_files(record) -> dict[str, bytes]:
    """The record's parts as JSON files (data/<part>.json), only the parts the reader may see."""
    user_id = record.access.user.pk
    files = {}
    for part, rows in record.parts.items():
        if part == "consents":
            data = [_consent(consent, user_id) for consent in rows]
        else:
            plain, people = SHAPES[part]
            data = [_row(obj, user_id, plain, people) for obj in rows]
        files[f"data/{part}.json"] = _json(data)
    return files


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


MEDIA_TYPES = {".json": "application/json", ".pdf": "application/pdf"}


def package(files: dict[str, bytes], metadata: dict) -> bytes:
    """A zip of the files with manifest.json: the metadata and every file's size and SHA-256."""
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        **metadata,
        "files": [
            {
                "path": path,
                "sha256": sha256(data),
                "bytes": len(data),
                "media_type": MEDIA_TYPES.get(path[path.rfind(".") :], "application/octet-stream"),
            }
            for path, data in sorted(files.items())
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _json(manifest))
        for path, data in sorted(files.items()):
            archive.writestr(path, data)
    return buffer.getvalue()


def package_verify(data: bytes) -> list[str]:
    """What is wrong with a package: a file missing, changed or not in the manifest. Empty: intact."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return ["not a zip file"]
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names:
            return [f"{MANIFEST} is missing"]
        try:
            manifest = json.loads(archive.read(MANIFEST))
            listed = {entry["path"]: entry for entry in manifest["files"]}
        except (ValueError, KeyError, TypeError):
            return [f"{MANIFEST} cannot be read"]
        problems = []
        for path, entry in sorted(listed.items()):
            if path not in names:
                problems.append(f"{path}: missing")
                continue
            content = archive.read(path)
            if sha256(content) != entry.get("sha256") or len(content) != entry.get("bytes"):
                problems.append(f"{path}: checksum does not match the manifest")
        problems += [f"{path}: not in the manifest" for path in sorted(names - set(listed) - {MANIFEST})]
        return problems
