"""Municipal statistics for planners: tables and server-drawn charts, filterable, downloadable as CSV.
No names, no ids, small counts suppressed (pathways/selectors/statistics.py)."""

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from coordination.access import own_data_only
from coordination.models import BtiLevel, Sector
from coordination.web.charts import bar_chart
from coordination.web.views import render_page
from pathways.forms.statistics import StatisticsFilterForm
from pathways.models import GoalKind
from pathways.selectors import statistics as stats


def _tables(request: HttpRequest, months: int, level: int | None) -> list[stats.Table]:
    youths = stats.youths_of(request.user)
    if level is not None:
        youths = youths.filter(bti_level=level)
    today = timezone.localdate()
    levels = [str(choice.label) for choice in BtiLevel]
    bands = [_("%(low)s–%(high)s years") % {"low": low, "high": high} for low, high in stats.AGE_BANDS]
    periods = [month.strftime("%m.%Y") for month in stats.months(today, months)]
    return [
        stats.table(
            "age-level", _("Youths by age and BTI level"), bands, levels, stats.level_by_age(youths, today)
        ),
        stats.table(
            "sector",
            _("Youths by the registering agency's sector"),
            [str(s.label) for s in Sector],
            [_("Youths")],
            stats.by_sector(youths),
        ),
        stats.table(
            "goal-kind",
            _("Youths with an active goal of each kind"),
            [str(k.label) for k in GoalKind],
            [_("Youths")],
            stats.by_goal_kind(youths),
        ),
        stats.table(
            "months",
            _("New and closed cases by month"),
            periods,
            [pgettext("cases", "New"), pgettext("cases", "Closed")],
            stats.new_and_closed_by_month(youths, today, months),
        ),
    ]


@own_data_only
@require_http_methods(["GET"])
def statistics(request: HttpRequest) -> HttpResponse:
    if not request.user.is_planner:
        raise Http404
    filters = StatisticsFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    tables = _tables(request, values.get("months") or 12, values.get("level"))
    wanted = request.GET.get("csv")
    if wanted:
        return _csv(next((table for table in tables if table.key == wanted), None))
    age_level, months = tables[0], tables[3]
    charts = [
        (
            "levels",
            bar_chart(
                _("Active youths by BTI level"),
                _("Bars: the number of youths at each level."),
                [str(n) for n in BtiLevel.values],
                age_level.totals[:-1],
            ),
        ),
        (
            "new",
            bar_chart(
                _("New cases by month"),
                _("Bars: new cases registered each month."),
                [label[:2] for label in months.rows],
                [row[0] for _label, row in months.body],
            ),
        ),
    ]
    context = {"filters": filters, "tables": tables, "charts": charts, "query": request.GET.urlencode()}
    return render_page(request, "pathways/statistics.html", context)


def _csv(table: stats.Table | None) -> HttpResponse:
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="stafett-{table.key}.csv"'
    response.write("\ufeff")  # so spreadsheets read æ, ø, å
    writer = csv.writer(response)
    writer.writerow(["", *table.columns, _("Total")])
    for label, row in [*table.body, (_("Total"), table.totals)]:
        writer.writerow([label, *("" if value is None else value for value in row)])
    return response
