"""Documents about one youth: the case summary as a printable page and as a PDF. Each download is a
request of its own, so it writes its own access-log row (youth_access)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, youth_access
from coordination.web.views import render_page
from pathways.documents.pdf import case_summary_pdf, summary_label
from pathways.selectors.documents import case_summary


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    # A file name without the youth's name: downloads folders and mail attachments are not private.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@youth_access
@require_http_methods(["GET"])
def summary(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    context = case_summary(access)
    context["document_version"] = summary_label(context["made_at"])
    return render_page(request, "pathways/case_summary.html", context)


@youth_access
@require_http_methods(["GET"])
def summary_download(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    return pdf_response(case_summary_pdf(access, request=request), f"sammendrag-{access.youth.pk}.pdf")
