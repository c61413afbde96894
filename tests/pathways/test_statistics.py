"""Municipal statistics: planners only, counts only, no cell under 5 shown or recoverable from totals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from coordination.models import Youth
from coordination.models.agencies import Municipality
from pathways.selectors.statistics import level_by_age, suppress
from tests import factories


def _recoverable(cells) -> set[tuple[int, int]]:
    """What an attacker can work out from the shown table by subtraction along rows and columns,
    repeated until nothing more follows (cells[-1] and each row's last entry are totals)."""
    known = {(r, c): v for r, row in enumerate(cells) for c, v in enumerate(row) if v is not None}
    rows, columns = len(cells), len(cells[0])
    lines = [[(r, c) for c in range(columns)] for r in range(rows)] + [
        [(r, c) for r in range(rows)] for c in range(columns)
    ]
    found, progress = set(), True
    while progress:
        progress = False
        for line in lines:
            unknown = [cell for cell in line if cell not in known]
            if len(unknown) == 1:
                cell = unknown[0]
                total_at = line[-1]
                parts = [known[p] for p in line[:-1] if p in known]
                known[cell] = known[total_at] - sum(parts) if cell != total_at else sum(parts)
                found.add(cell)
                progress = True
    return found


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=5), min_size=1, max_size=5).filter(
        lambda m: len({len(row) for row in m}) == 1
    )
)
def test_no_small_count_is_shown_or_follows_from_the_totals(matrix):
    shown = suppress(matrix, minimum=5)
    assert all(value is None or value >= 5 for row in shown for value in row)
    assert _recoverable(shown) == set()


def test_suppress_keeps_counts_that_give_nothing_away():
    assert suppress([[10, 20], [30, 40]], minimum=5) == [[10, 20, 30], [30, 40, 70], [40, 60, 100]]


@pytest.fixture
def planner(cast):
    cast.member.agency.municipality = Municipality.objects.create(name="Trondheim", number="5001")
    cast.member.agency.save()
    cast.member.is_planner = True
    cast.member.save()
    return cast.member


def test_only_planners_see_statistics(cast, client, login):
    for who in (cast.holder, cast.outsider, cast.team_lead, cast.admin):
        assert login(who).get("/statistikk/").status_code == 404


def test_statistics_show_counts_and_never_names(cast, planner, client, login):
    for number in range(12):
        factories.youth(holder=cast.holder, first_name="Hemmelig", last_name=f"Navn{number}")
    html = login(planner).get("/statistikk/").content.decode()
    assert "Hemmelig" not in html and "Navn" not in html
    assert "13" in html  # 12 new + the cast's youth, all in Trondheim, one total
    response = client.get("/statistikk/?csv=age-level")
    assert response["Content-Type"].startswith("text/csv")
    assert "Hemmelig" not in response.content.decode("utf-8-sig")
    assert client.get("/statistikk/?csv=unknown").status_code == 404


def test_statistics_query_count_is_constant(cast, planner, client, login):
    login(planner)
    counts = []
    for size in (5, 40):
        for number in range(size):
            youth = factories.youth(holder=cast.holder, last_name=f"S{size}-{number}")
            factories.goal(youth, cast.holder)
        Youth.objects.update(created_at=timezone.now() - datetime.timedelta(days=40))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/statistikk/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_hostile_filters_fall_back_to_defaults(cast, planner, client, login):
    login(planner)
    for query in ("months=999", "level=x", "months=-1&level=99", "csv=%00"):
        assert client.get(f"/statistikk/?{query}").status_code in (200, 404)


@pytest.mark.parametrize(
    ("today", "birth_date", "band"),
    [
        (datetime.date(2026, 12, 2), datetime.date(2013, 12, 2), 0),  # 13 today
        (datetime.date(2026, 12, 2), datetime.date(2013, 12, 3), None),  # 13 tomorrow
        (datetime.date(2026, 12, 2), datetime.date(2010, 12, 3), 0),  # 15 until tomorrow
        (datetime.date(2026, 12, 2), datetime.date(2010, 12, 2), 1),  # 16 today
        (datetime.date(2026, 12, 2), datetime.date(2000, 12, 3), 3),  # 25 until tomorrow
        (datetime.date(2026, 12, 2), datetime.date(2000, 12, 2), None),  # 26 today
        (datetime.date(2028, 2, 29), datetime.date(2015, 2, 28), 0),  # 13 on a leap day
        (datetime.date(2028, 2, 29), datetime.date(2015, 3, 1), None),  # 13 tomorrow
        (datetime.date(2027, 2, 28), datetime.date(2012, 2, 29), 0),  # a leap-day child is still 14
        (datetime.date(2027, 3, 1), datetime.date(2011, 2, 28), 1),
    ],
)
def test_age_bands_count_each_youth_by_their_age_today(cast, today, birth_date, band):
    youth = factories.youth(holder=cast.holder, birth_date=birth_date, bti_level=2)
    matrix = level_by_age(Youth.objects.filter(pk=youth.pk), today)
    assert [row[2] for row in matrix] == [int(index == band) for index in range(4)]
