"""Min Stafett: download my data (JSON and a readable PDF in one zip), what I see of my own record
(a relative: what the age rules let them see). An access-log row like every look at the record."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from coordination.access import citizen_pages, require
from coordination.access.citizens import PARTS, citizen_access_for_user
from coordination.web.views import download, render_page
from pathways.services.exports import own_data_export


def _access(request: HttpRequest):
    raw = request.GET.get("ung", "")
    if raw and (not raw.isdigit() or len(raw) > 18):
        raise Http404
    return citizen_access_for_user(request.user, int(raw) if raw else None)


@citizen_pages
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    access = _access(request)
    require(access.may.export_data)
    if request.method == "POST":
        return download(request, own_data_export, actor=request.user, access=access, then=reverse("my_data"))
    sees = {part: access.sees(part) for part in PARTS}
    return render_page(
        request, "pathways/my_stafett/my_data.html", {"access": access, "youth": access.youth, "sees": sees}
    )
