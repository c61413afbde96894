"""Queries compiled once (coordination/prepared.py): each call gets its own rows, exactly what the
ordinary queryset gives, and a function that would not give the same SQL for every argument is refused."""

import datetime

import pytest
from django.db.models import BigIntegerField, Count, F, Value
from django.utils import timezone

from coordination.models import Agency, User, Youth
from coordination.prepared import PreparedQueryError, prepared
from tests import factories

pytestmark = pytest.mark.django_db


@prepared
def _staff_of(agency_id: int, joined_before: datetime.datetime):
    return (
        User.objects.select_related("agency")
        .annotate(twice=F("pk") * 2)
        .filter(agency=agency_id, date_joined__lt=joined_before)
        .order_by("username")
    )


@pytest.fixture
def two_agencies():
    first, second = factories.agency(name="Første"), factories.agency(name="Andre")
    for name in ("b", "a"):
        factories.staff(agency=first, username=f"first-{name}")
    factories.staff(agency=second, username="second-a")
    return first, second


def test_each_call_reads_its_own_rows_as_the_queryset_would(two_agencies, django_assert_num_queries):
    first, second = two_agencies
    later = timezone.now() + datetime.timedelta(minutes=1)
    with django_assert_num_queries(1):
        rows = _staff_of(agency_id=first.pk, joined_before=later)
        # The joined agency and the annotation come with the rows: no query of their own.
        assert [(u.username, u.agency.name, u.twice) for u in rows] == [
            ("first-a", "Første", rows[0].pk * 2),
            ("first-b", "Første", rows[1].pk * 2),
        ]
    assert [u.username for u in _staff_of(agency_id=second.pk, joined_before=later)] == ["second-a"]
    assert _staff_of(agency_id=first.pk, joined_before=first_joined(first)) == []
    ordinary = list(_staff_of.build(agency_id=first.pk, joined_before=later))
    assert [u.__dict__.keys() for u in rows] == [u.__dict__.keys() for u in ordinary]


def first_joined(agency: Agency) -> datetime.datetime:
    return User.objects.filter(agency=agency).order_by("date_joined").first().date_joined


def test_a_row_changed_between_calls_shows_on_the_next_call(two_agencies):
    # SQL is kept, never rows: a moved user is read where they are now.
    _first, second = two_agencies
    later = timezone.now() + datetime.timedelta(minutes=1)
    assert len(_staff_of(agency_id=second.pk, joined_before=later)) == 1
    User.objects.filter(username="first-a").update(agency=second)
    moved = _staff_of(agency_id=second.pk, joined_before=later)
    assert [u.username for u in moved] == ["first-a", "second-a"]


def test_values_rows(two_agencies):
    first, _second = two_agencies

    @prepared
    def counts(agency_id: int):
        return User.objects.filter(agency=agency_id).values("agency").annotate(n=Count("pk")).order_by()

    assert counts(agency_id=first.pk) == [{"agency": first.pk, "n": 2}]


def test_the_clock_read_inside_is_refused():
    @prepared
    def joined_today(agency_id: int):
        return User.objects.filter(agency=agency_id, date_joined__date=timezone.localdate())

    with pytest.raises(PreparedQueryError, match="not an argument"):
        joined_today(agency_id=1)


def test_a_function_branching_on_its_argument_is_caught_by_the_check(two_agencies):
    first, _second = two_agencies

    @prepared
    def branching(agency_id: int):
        users = User.objects.filter(agency=agency_id)
        return users if agency_id < 0 else users.filter(is_active=True)  # the stand-in is negative

    with pytest.raises(PreparedQueryError, match="other SQL"):
        branching(agency_id=first.pk)


def test_an_argument_the_sql_does_not_carry_as_given_is_refused():
    @prepared
    def named_like(fragment: str):
        return Youth.objects.filter(first_name__icontains=fragment)  # sent as %fragment%

    with pytest.raises(PreparedQueryError, match="not sent as parameters"):
        named_like(fragment="an")


def test_unannotated_arguments_are_refused():
    with pytest.raises(PreparedQueryError, match="annotate"):

        @prepared
        def untyped(agency_id):
            return User.objects.filter(agency=agency_id)


@pytest.mark.parametrize("value", ["1", True, 1.0])
def test_an_argument_of_another_type_is_refused(value):
    # Django would convert it; the prepared SQL would send it as it is.
    with pytest.raises(TypeError, match="must be int"):
        _staff_of(agency_id=value, joined_before=timezone.now())


def test_arguments_must_be_exactly_those_of_the_function():
    with pytest.raises(TypeError, match="takes"):
        _staff_of(agency_id=1)


def test_a_value_django_types_for_psycopg_takes_the_calls_value(two_agencies):
    # Django sends a BigIntegerField Value as psycopg's Int8: it is still the argument, not a constant.
    first, second = two_agencies

    @prepared
    def marked(agency_id: int, mark: int):
        return User.objects.filter(agency=agency_id).annotate(
            mark=Value(mark, output_field=BigIntegerField())
        )

    assert {u.mark for u in marked(agency_id=first.pk, mark=7)} == {7}
    assert {u.mark for u in marked(agency_id=second.pk, mark=8)} == {8}


@pytest.mark.parametrize("names", [[], ["first-a"], ["first-a", "second-a", "nobody"]])
def test_a_list_is_one_parameter(two_agencies, names):
    @prepared
    def named(names: list[str]):
        return User.objects.filter(username__any_of=names).order_by("username")

    assert [u.username for u in named(names=names)] == sorted(set(names) - {"nobody"})
    assert [u.username for u in named.build(names=names)] == sorted(set(names) - {"nobody"})


def test_none_compiles_the_ordinary_way(two_agencies):
    # Django writes IS NULL for None: another shape, so such a call is not prepared (and still right).
    factories.staff(agency=None, username="no-agency")

    @prepared
    def of_agency(agency_id: int):
        return User.objects.filter(agency=agency_id)

    assert [u.username for u in of_agency(agency_id=None)] == ["no-agency"]
