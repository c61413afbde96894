"""A youth's access log (innsynslogg) as the stafettholder reads it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.selectors.access_log import access_log_for_youth
from coordination.web.views import paginate


@youth_access
@require_http_methods(["GET"])
def access_log(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    require(access.may.read_access_log)
    page = paginate(request, access_log_for_youth(access.youth), "access_log")
    return render(
        request, "coordination/access_log.html", {"youth": access.youth, "access": access, "page": page}
    )
