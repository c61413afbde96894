from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import youth_access
from coordination.models import Youth
from coordination.selectors import team_member_choices
from coordination.views.helpers import redirect_after_post, run_service
from pathways import selectors
from pathways.forms import CorrectionForm, LogEntryForm
from pathways.models import LogEntry
from pathways.services.log import log_entry_append, log_entry_correct

LOG_ENTRIES_PER_PAGE = 30


def _empty_form(youth: Youth) -> LogEntryForm:
    return LogEntryForm(
        initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)},
        team=team_member_choices(youth),
    )


@youth_access
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest, youth: Youth) -> HttpResponse:
    """The stafettlogg. A POST appends; through htmx the new entry appears in place."""
    form = _empty_form(youth)
    if request.method == "POST":
        form = LogEntryForm(request.POST, team=team_member_choices(youth))
        entry = None
        if form.is_valid():
            entry = run_service(form, log_entry_append, actor=request.user, youth=youth, **form.cleaned_data)
            if entry is not None:
                if request.htmx:
                    context = {"youth": youth, "form": _empty_form(youth), "new_entry": entry}
                    return render(request, "pathways/log.html#appended", context)
                messages.success(request, _("The entry was added to the log."))
                return redirect_after_post(request, reverse("log", args=[youth.pk]))
        if request.htmx:
            return render(request, "pathways/log.html#entry-form", {"youth": youth, "form": form})
    page = Paginator(selectors.log_for_youth(youth), LOG_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "youth": youth,
        "form": form,
        "page": page,
        "corrected_ids": selectors.corrected_entry_ids(list(page)),
    }
    return render(request, "pathways/log.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, youth: Youth, entry_id: int) -> HttpResponse:
    original = get_object_or_404(
        LogEntry.objects.select_related("author", "agency"), youth=youth, pk=entry_id
    )
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (
            run_service(
                form, log_entry_correct, actor=request.user, original=original, text=form.cleaned_data["text"]
            )
            is not None
        ):
            messages.success(request, _("The correction was added. The original entry is kept."))
            return redirect_after_post(request, reverse("log", args=[youth.pk]))
    return render(
        request, "pathways/correction_form.html", {"youth": youth, "form": form, "original": original}
    )
