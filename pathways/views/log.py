from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.models import Youth
from coordination.selectors import team_member_choices
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import CorrectionForm, LogEntryForm
from pathways.services.log import log_entry_append, log_entry_correct

LOG_ENTRIES_PER_PAGE = 30


def _empty_form(youth: Youth) -> LogEntryForm:
    return LogEntryForm(
        initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)},
        team=team_member_choices(youth),
    )


@youth_access
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    """The stafettlogg. A POST appends; through htmx the new entry appears in place."""
    youth = access.youth
    form = _empty_form(youth)
    if request.method == "POST":
        form = LogEntryForm(request.POST, team=team_member_choices(youth))
        entry = None
        if form.is_valid():
            entry = run_service(form, log_entry_append, actor=request.user, youth=youth, **form.cleaned_data)
        if entry is not None:
            if request.htmx:
                context = {"youth": youth, "access": access, "form": _empty_form(youth), "new_entry": entry}
                return render(request, "pathways/log.html#appended", context)
            messages.success(request, _("The entry was added to the log."))
            return redirect_after_post(request, reverse("log", args=[youth.pk]))
        if request.htmx:
            return render(request, "pathways/log.html#entry-form", {"youth": youth, "form": form})
    page = Paginator(selectors.log_for_youth(access), LOG_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "youth": youth,
        "access": access,
        "form": form,
        "page": page,
        "corrected_ids": selectors.corrected_entry_ids(access, list(page)),
    }
    return render(request, "pathways/log.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, access: YouthAccess, entry_id: int) -> HttpResponse:
    original = selectors.log_entry_get(access, entry_id)
    require(original.author_id == request.user.pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if run_service(form, log_entry_correct, actor=request.user, original=original, text=text):
            messages.success(request, _("The correction was added. The original entry is kept."))
            return redirect_after_post(request, reverse("log", args=[access.youth.pk]))
    context = {"youth": access.youth, "access": access, "form": form, "original": original}
    return render(request, "pathways/correction_form.html", context)
