"""The documents as PDF: one function per document, for the download views and for the archive export
(which calls them with the exporter's access, so an export holds what its maker may see)."""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pathways.documents.render import render_pdf
from pathways.models import PlanVersion
from pathways.selectors.documents import SUMMARY_LOG_ENTRIES, case_summary, plan_document


def plan_version_label(version: PlanVersion) -> str:
    return _("Version %(number)s, adopted %(day)s") % {
        "number": version.number,
        "day": date_format(timezone.localtime(version.adopted_at), "d.m.Y"),
    }


def summary_label(made_at) -> str:
    return _("Printed %(when)s") % {"when": date_format(made_at, "d.m.Y H:i")}


def plan_version_pdf(
    access, version: PlanVersion, *, request: HttpRequest | None = None, pdfa: bool = False
) -> bytes:
    context = plan_document(access, version) | {"document_version": plan_version_label(version)}
    return render_pdf("documents/plan_version.html", context, request=request, pdfa=pdfa)


def case_summary_pdf(
    access,
    *,
    request: HttpRequest | None = None,
    pdfa: bool = False,
    log_limit: int | None = SUMMARY_LOG_ENTRIES,
) -> bytes:
    """The case summary as the reader (`access`: a YouthAccess) may see it. `pdfa=True` for archive
    copies (PDF/A-3b); `log_limit=None` puts the whole log in."""
    context = case_summary(access, log_limit=log_limit)
    context["document_version"] = summary_label(context["made_at"])
    return render_pdf("documents/case_summary.html", context, request=request, pdfa=pdfa)
