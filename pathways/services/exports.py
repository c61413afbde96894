"""Exports of a record: the archive export of a closed case (for the agency's archive system) and
the youth's own data export. Each is one zip (pathways/documents/archive.py) of JSON files, PDF
documents and a manifest with SHA-256 checksums; what it holds is what the exporter's access sees
(the one visibility rule), and each export is a row in the youth's access log."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.access.citizens import youth_own_view
from coordination.errors import BusinessRuleError
from coordination.models import AccessAction, AccessLogEntry, InformationCategory, User
from pathways.documents.archive import package, record_files, sha256
from pathways.documents.render import render_pdf
from pathways.selectors.records import case_record, closed_on


@dataclass(frozen=True)
class Export:
    filename: str
    data: bytes


def _log(actor: User, access, what: str, data: bytes) -> None:
    AccessLogEntry.objects.create(
        user=actor,
        agency_id=actor.agency_id,
        role=access.role,
        youth=access.youth,
        action=AccessAction.VIEW,
        # The checksum names the exact package that left the system.
        what=f"{what}:{sha256(data)[:16]}",
        emergency=getattr(access, "emergency", None),
    )


def _scope(access) -> dict:
    categories = sorted(access.categories)
    return {
        "role": access.role,
        "categories": categories,
        "complete": set(categories) >= set(InformationCategory.values),
        "note": "Contains what the exporter may see: these categories, and what their own agency wrote.",
    }


def _noark(youth, record, closed_at) -> dict:
    """Noark 5 style case-file (saksmappe) metadata, for the archive system's import mapping."""
    holder = youth.stafettholder
    return {
        "mappetype": "saksmappe",
        "systemID": f"stafett-youth-{youth.pk}",
        "tittel": f"Stafettlogg – {youth.full_name}",
        "offentligTittel": "Stafettlogg – *****",
        "opprettetDato": youth.created_at.isoformat(),
        "avsluttetDato": closed_at.isoformat() if closed_at else None,
        "saksansvarlig": (holder.get_full_name() or holder.username) if holder else None,
        "administrativEnhet": youth.originating_agency.name,
        "klassifikasjon": {"klassifikasjonssystem": "Stafett BTI-nivå", "klasseID": str(youth.bti_level)},
        # Taushetsplikt: exempt from public access (offentleglova § 13 with forvaltningsloven § 13).
        "skjerming": {"tilgangsrestriksjon": "13", "skjermingshjemmel": "Offl. § 13 jf. fvl. § 13"},
        "dokumentmedium": "Elektronisk arkiv",
    }


def _pdf(access, record, *, title: str, closed_at, scope_note: str, pdfa: bool) -> bytes:
    context = {
        "user": access.user,
        "youth": access.youth,
        "title": title,
        "parts": record.parts,
        "closed_at": closed_at,
        "created_at": timezone.now(),
        "exported_by": access.user.get_full_name() or access.user.username,
        "scope_note": scope_note,
        "document_version": timezone.localdate().isoformat(),
    }
    return render_pdf("documents/case_record.html", context, pdfa=pdfa)


def archive_export(*, actor: User, access) -> Export:
    """A closed case for the archive: the case summary as PDF/A, the record as JSON, the manifest."""
    if not access.may.export_archive:
        raise BusinessRuleError(_("Only a closed case is exported to the archive."))
    youth = access.youth
    record = case_record(access)
    closed_at = closed_on(youth)
    note = "" if access.sees_everything else _("Holds only what the exporter may see.")
    files = record_files(record)
    files["documents/case-summary.pdf"] = _pdf(
        access, record, title=_("Case summary"), closed_at=closed_at, scope_note=note, pdfa=True
    )
    metadata = {
        "kind": "archive",
        "noark": _noark(youth, record, closed_at),
        "exported_by": {"name": actor.get_full_name() or actor.username, "agency": str(actor.agency or "")},
        "scope": _scope(access),
        "system": {"name": "Stafett", "base_url": settings.STAFETT_BASE_URL},
    }
    data = package(files, metadata)
    _log(actor, access, "archive_export", data)
    return Export(f"stafett-arkiv-{youth.pk}-{timezone.localdate():%Y%m%d}.zip", data)


def _own_data(actor: User, access, what: str, *, logged_as=None) -> Export:
    record = case_record(access)
    files = record_files(record)
    files["documents/my-stafett.pdf"] = _pdf(
        access, record, title=_("My Stafett"), closed_at=closed_on(access.youth), scope_note="", pdfa=False
    )
    metadata = {"kind": "own_data", "scope": {**_scope(access), "parts": sorted(access.parts)}}
    data = package(files, metadata)
    _log(actor, logged_as or access, what, data)
    return Export(f"min-stafett-{timezone.localdate():%Y%m%d}.zip", data)


def own_data_export(*, actor: User, access) -> Export:
    """A youth's (or relative's) download of what they see in their own Stafett, by the age rules."""
    if not access.may.export_data:
        raise BusinessRuleError(_("You cannot download this."))
    return _own_data(actor, access, "own_data_export")


def own_data_export_for_youth(*, actor: User, access, reason: str) -> Export:
    """The stafettholder makes the youth's own data export when the youth asks for it through them:
    what the youth sees of their record that the holder may see too (citizens.youth_own_view)."""
    if not access.may.export_for_youth:
        raise BusinessRuleError(_("Only the stafettholder makes the youth's own data export."))
    if not reason.strip():
        raise BusinessRuleError(_("Say how the youth asked for their data."))
    what = f"own_data_for_youth:{reason.strip()[:60]}"
    return _own_data(actor, youth_own_view(access), what, logged_as=access)
