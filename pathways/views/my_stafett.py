"""A youth's or relative's own Stafett (mobile first): the plan in plain words, meetings, the team,
transitions; for the youth also consents, who has looked, and their own voice."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from coordination.access import citizen_pages
from coordination.access.citizens import citizen_access_for_user


@citizen_pages
@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    access = citizen_access_for_user(request.user)
    return render(request, "pathways/my_stafett/home.html", {"access": access, "youth": access.youth})
