"""The stafettlogg: appending entries (in place through htmx) and correcting one's own."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.selectors.team import team_member_choices
from coordination.web.views import form_page, paginate, render_page, submit
from pathways.forms.log import CorrectionForm, LogEntryForm
from pathways.selectors import log as selectors
from pathways.services.log import log_entry_append, log_entry_correct


def _log_url(access: YouthAccess) -> str:
    return reverse("log", args=[access.youth.pk])


def _new_entry_form(access: YouthAccess, data=None) -> LogEntryForm:
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    return LogEntryForm(data, initial=initial, team=team_member_choices(access.youth))


@youth_access
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    """The stafettlogg. A POST appends; through htmx a fresh form comes back and the entry appears."""
    if request.method == "POST":
        require(access.may.write_log)
    form = _new_entry_form(access, request.POST or None)
    context = {"youth": access.youth, "access": access, "form": form}

    def appended(entry) -> HttpResponse:
        # Read back through the visibility rule, like every entry shown.
        fresh = {
            **context,
            "form": _new_entry_form(access),
            "new_entry": selectors.log_entry_get(access, entry.pk),
        }
        return render_page(request, "pathways/log.html", fresh)

    done = submit(
        request,
        form,
        log_entry_append,
        actor=request.user,
        youth=access.youth,
        success=_("The entry was added to the log."),
        then=_log_url(access),
        in_place=appended,
    )
    if done:
        return done
    page = paginate(request, selectors.log_for_youth(access), "log")
    context.update(page=page, corrected_ids=selectors.corrected_entry_ids(access, list(page)))
    return render_page(request, "pathways/log.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def correction_new(request: HttpRequest, access: YouthAccess, entry_id: int) -> HttpResponse:
    original = selectors.log_entry_get(access, entry_id)
    require(access.may.correct_entry(original))
    form = CorrectionForm(request.POST or None)
    done = submit(
        request,
        form,
        log_entry_correct,
        actor=request.user,
        original=original,
        success=_("The correction was added. The original entry is kept."),
        then=_log_url(access),
    )
    return done or form_page(
        request,
        form,
        access=access,
        original=original,
        title=_("Correct an entry"),
        cancel=_log_url(access),
        template="pathways/correction_form.html",
    )
