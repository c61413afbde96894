"""The stafettlogg: appending entries (in place through htmx) and correcting one's own; marking an entry
as a lysglimt or writing a short one; keeping an entry from the youth, with a reason."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coordination.access import YouthAccess, require, youth_access
from coordination.selectors.team import team_member_choices
from coordination.web.views import form_page, paginate, perform, render_page, submit
from pathways.forms.log import CorrectionForm, LogEntryForm, LysglimtNoteForm, WithholdForm
from pathways.selectors import log as selectors
from pathways.services.log import log_entry_append, log_entry_correct
from pathways.services.voice import entry_withhold, lysglimt_mark, lysglimt_note


def _log_url(access: YouthAccess) -> str:
    return reverse("log", args=[access.youth.pk])


def _back_to_entry(request: HttpRequest, access: YouthAccess, entry) -> str:
    """The log page the button was pressed on, at the entry."""
    page = request.POST.get("page") or request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return f"{_log_url(access)}{query}#entry-{entry.pk}"


def _new_entry_form(access: YouthAccess, data=None) -> LogEntryForm:
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    return LogEntryForm(data, initial=initial, team=team_member_choices(access.youth))


def _context(access: YouthAccess, **forms) -> dict:
    return {
        "youth": access.youth,
        "access": access,
        "form": forms.get("form") or _new_entry_form(access),
        "lysglimt_form": forms.get("lysglimt_form") or LysglimtNoteForm(),
    }


def _log_page(request: HttpRequest, access: YouthAccess, context: dict) -> HttpResponse:
    page = paginate(request, selectors.log_for_youth(access), "log")
    context.update(page=page, corrected_ids=selectors.corrected_entry_ids(access, list(page)))
    return render_page(request, "pathways/log.html", context)


@youth_access
@require_http_methods(["GET", "POST"])
def log(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    """The stafettlogg. A POST appends; through htmx a fresh form comes back and the entry appears."""
    if request.method == "POST":
        require(access.may.write_log)
    form = _new_entry_form(access, request.POST or None)
    context = _context(access, form=form)

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
    return done or _log_page(request, access, context)


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


@youth_access
@require_http_methods(["POST"])
def entry_lysglimt(request: HttpRequest, access: YouthAccess, entry_id: int) -> HttpResponse:
    """The "Mark as lysglimt" button on an entry the user sees."""
    require(access.may.mark_lysglimt)
    entry = selectors.log_entry_get(access, entry_id)
    return perform(
        request,
        lysglimt_mark,
        actor=request.user,
        entry=entry,
        success=_("The entry is marked as a lysglimt."),
        then=_back_to_entry(request, access, entry),
    )


@youth_access
@require_http_methods(["POST"])
def lysglimt_new(request: HttpRequest, access: YouthAccess) -> HttpResponse:
    """The "Add a lysglimt" form: a short note about something that went well, straight into the log."""
    require(access.may.mark_lysglimt)
    form = LysglimtNoteForm(request.POST)
    done = submit(
        request,
        form,
        lysglimt_note,
        actor=request.user,
        youth=access.youth,
        success=_("The lysglimt was added to the log."),
        then=_log_url(access),
    )
    return done or _log_page(request, access, _context(access, lysglimt_form=form))


@youth_access
@require_http_methods(["GET", "POST"])
def entry_keep_from_youth(request: HttpRequest, access: YouthAccess, entry_id: int) -> HttpResponse:
    """Keeps an entry from the youth with a reason from the fixed list; the team lead sees the marking
    (never the text), and the access log has this request. A page of its own (like correcting an
    entry) rather than a form under each of the log's entries."""
    entry = selectors.log_entry_get(access, entry_id)
    require(access.may.withhold(entry))
    form = WithholdForm(request.POST or None)
    back = _back_to_entry(request, access, entry)
    done = submit(
        request,
        form,
        entry_withhold,
        actor=request.user,
        entry=entry,
        success=_("The entry is no longer shown to the youth."),
        then=back,
    )
    return done or form_page(
        request,
        form,
        access=access,
        original=entry,
        title=_("Do not show to the youth"),
        cancel=back,
        form_action=request.get_full_path(),
        template="pathways/withhold_form.html",
    )
