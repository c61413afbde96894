"""Exports from the staff side of a youth: the archive export of a closed case, and the youth's own
data export made by the stafettholder when the youth asks for it."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.web.views import download, form_page
from pathways.forms.exports import YouthDataRequestForm
from pathways.services.exports import archive_export, own_data_export_for_youth


@youth_access
@require_http_methods(["POST"])
def archive(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.export_archive)
    back = reverse("youth_overview", args=[access.youth.pk])
    return download(request, archive_export, actor=request.user, access=access, then=back)


@youth_access
@require_http_methods(["GET", "POST"])
def youth_data(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.export_for_youth)
    back = reverse("youth_overview", args=[access.youth.pk])
    form = YouthDataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return download(
            request,
            own_data_export_for_youth,
            actor=request.user,
            access=access,
            then=back,
            **form.service_kwargs(),
        )
    return form_page(
        request,
        form,
        title=_("The youth's own data"),
        cancel=back,
        access=access,
        intro=_(
            "When the youth asks for their data through you, make it here: a zip with the data as JSON and "
            "a readable PDF, holding what the youth sees in their own Stafett that you may see too (not "
            "entries kept from them, nor what the youth's consent does not share with your agency: the youth "
            "downloads everything under “My data” in their own Stafett). Give it to the youth in a safe way. "
            "It is written in the youth's access log."
        ),
        submit=_("Download the youth's data"),
        template="pathways/youth_data_form.html",
    )
