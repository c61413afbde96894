"""`{% log_entry entry %}`: one entry of the stafettlogg, written in Python.

The log page prints thirty entries, and through an include each cost about a millisecond: some
fifty variable lookups, three URL reversals and a CSRF field, template node by template node (37 of
81 ms of the page under a profiler at 50 000 youths). The function below writes the same HTML as
templates/pathways/log_entry.html, which stays as its readable reference: tests/pathways/
test_log_entry_tag.py renders every case both ways and compares. Texts are read with `{% shown %}`'s
own function (coordination/templatetags/content.py): the one visibility rule, the content guard on.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from coordination.templatetags.content import shown
from coordination.web.html import day
from coordination.web.html import shown as _e
from pathways.models import LogEntryKind

register = template.Library()


def _when(moment) -> tuple[str, str]:
    """`|date:"d.m.Y H:i"` and `|date:"c"` of a moment, without the date filter's general machinery
    (sixty dates a page)."""
    local = template_localtime(moment)
    return local.strftime("%d.%m.%Y %H:%M"), local.isoformat()


# An id no row has (the id converter takes up to 18 digits), reversed once per page and replaced.
_ANY_ID = "987654321987654321"


def _entry_url(context, name: str, entry) -> str:
    """reverse(name, args=[youth, entry]) for every entry of a page from one reversal per URL name."""
    cache = context.render_context.setdefault("stafettlogg_urls", {})
    key = (name, entry.youth_id)
    if key not in cache:
        cache[key] = reverse(name, args=[entry.youth_id, int(_ANY_ID)]).rpartition(_ANY_ID)
    head, _sentinel, tail = cache[key]
    return f"{head}{entry.pk}{tail}"


def _outreach(context, entry) -> str:
    outreach = getattr(entry, "planned_outreach", None)  # the reverse one-to-one may be missing
    if not outreach:
        return ""
    planned = gettext("Outreach planned: %(name)s reaches out no later than %(when)s.") % {
        "name": _e(outreach.responsible),
        "when": day(outreach.planned_for),
    }
    how = shown(context, outreach, "how")
    how = f" ({_e(how)})" if how else ""
    return _note(f"{planned}{how}")


def _actions(context, entry, when: str) -> list[str]:
    access = context.get("access")
    if access is None:
        return []
    parts = []
    if access.may.correct_entry(entry):
        url = _entry_url(context, "correction_new", entry)
        parts.append(
            f'<a class="ds-link" href="{_e(url)}">{_e(gettext("Correct"))}'
            f'<span class="ds-sr-only"> {when}</span></a>'
        )
    may_mark = access.may.mark_lysglimt and not entry.lysglimt_mine
    can_withhold = access.may.withhold(entry)
    if not (may_mark or can_withhold):
        return parts
    number = getattr(context.get("page"), "number", "")
    parts.append('<div class="button-row">')
    if may_mark:
        url = _entry_url(context, "log_lysglimt_mark", entry)
        token = CsrfTokenNode().render(context)  # Django's own {% csrf_token %}
        parts.append(
            f'<form method="post" action="{_e(url)}">{token}'
            f'<input type="hidden" name="page" value="{_e(number)}">'
            '<button class="ds-button" data-variant="tertiary" data-size="sm" type="submit">'
            f'{_e(gettext("Mark as lysglimt"))}<span class="ds-sr-only"> {when}</span></button></form>'
        )
    if can_withhold:
        url = _entry_url(context, "log_entry_keep_from_youth", entry)
        query = f"?page={number}" if isinstance(number, int) and number > 1 else ""
        parts.append(
            f'<a class="ds-link" href="{_e(url)}{query}">{_e(gettext("Do not show to the youth"))}'
            f'<span class="ds-sr-only"> {when}</span></a>'
        )
    parts.append("</div>")
    return parts


def _tag(color: str, label) -> str:
    return f'<span class="ds-tag" data-size="sm" data-color="{color}">{label}</span>'


def _note(text) -> str:
    return f'<p class="ds-paragraph log-entry__note">{text}</p>'


@register.simple_tag(takes_context=True)
def log_entry(context, entry, show_actions: bool = False):
    corrected = entry.pk in (context.get("corrected_ids") or ())
    when, iso = _when(entry.occurred_at)
    classes = "log-entry"
    if entry.corrects_id:
        classes += " log-entry--correction"
    if corrected:
        classes += " log-entry--corrected"
    missed = entry.kind == LogEntryKind.MISSED_APPOINTMENT
    # The youth's own entries are written for no agency.
    agency = f" · {_e(entry.agency)}" if entry.agency_id else ""
    # Pieces separated by one space, as the template's line breaks render.
    parts = [
        f'<li class="{classes}" id="entry-{entry.pk}">',
        '<div class="log-entry__meta">',
        _tag("warning" if missed else "neutral", _e(entry.get_kind_display())),
        f'<time datetime="{iso}">{when}</time>',
        f'<span class="muted">{_e(entry.author)}{agency} · {_e(entry.get_category_display())}</span>',
    ]
    if entry.lysglimt_marked:
        parts.append(_tag("success", _e(gettext("Lysglimt"))))
    if entry.withheld_reason:
        reason = _e(entry.withheld_reason_label)
        parts.append(_tag("warning", gettext("Kept from the youth: %(reason)s") % {"reason": reason}))
    parts.append("</div>")
    if entry.corrects_id:
        when_corrected = day(entry.corrects_occurred_at)
        parts.append(_note(gettext("Correction of the entry from %(when)s") % {"when": when_corrected}))
    if corrected:
        parts.append(_note(_e(gettext("This entry has been corrected, see the correction above."))))
    text = linebreaksbr(shown(context, entry, "text"), autoescape=True)
    parts.append(f'<p class="ds-paragraph log-entry__text">{text}</p>')
    if missed:
        parts.append(_outreach(context, entry))
    if show_actions:
        parts.extend(_actions(context, entry, when))
    parts.append("</li>")
    return mark_safe(" ".join(part for part in parts if part))  # noqa: S308 - every value is escaped above
