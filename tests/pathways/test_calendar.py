"""Working days, Oslo days and quiet hours that the reminder rules count in."""

import datetime

import pytest

from pathways.calendar import (
    add_working_days,
    is_working_day,
    last_day_lapsed_by,
    quiet_until,
    shift_months,
    shift_years,
)
from tests.pathways.conftest import oslo

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 3, 6), D(2026, 3, 10)),  # Friday → Tuesday
        (D(2026, 3, 7), D(2026, 3, 10)),  # Saturday → Tuesday
        (D(2026, 4, 1), D(2026, 4, 8)),  # Easter: 2, 3 and 6 April are holidays
        (D(2026, 5, 15), D(2026, 5, 19)),  # 17 May is a Sunday in 2026; 18 May is a working day
        (D(2025, 5, 16), D(2025, 5, 20)),
        (D(2026, 12, 23), D(2026, 12, 28)),  # 24th a working day, 25th a holiday, then the weekend
        (D(2026, 12, 31), D(2027, 1, 5)),  # New Year's Day
    ],
)
def test_two_working_days_skip_weekends_and_norwegian_holidays(day, expected):
    assert add_working_days(day, 2) == expected


def test_ascension_and_whit_monday_are_holidays():
    assert not is_working_day(D(2026, 5, 14))  # Kristi himmelfartsdag
    assert not is_working_day(D(2026, 5, 25))  # Andre pinsedag
    assert is_working_day(D(2026, 5, 26))


def test_last_day_lapsed_by_agrees_with_add_working_days_every_day_for_two_years():
    for offset in range(730):
        today = D(2025, 1, 1) + datetime.timedelta(days=offset)
        cutoff = last_day_lapsed_by(today, 2)
        for back in range(1, 12):
            day = today - datetime.timedelta(days=back)
            assert (day <= cutoff) == (add_working_days(day, 2) < today), (today, day)


@pytest.mark.parametrize(
    ("moment", "until"),
    [
        (oslo(2026, 3, 2, 21, 59), None),
        (oslo(2026, 3, 2, 22, 0), oslo(2026, 3, 3, 7)),
        (oslo(2026, 3, 3, 3, 30), oslo(2026, 3, 3, 7)),
        (oslo(2026, 3, 3, 6, 59), oslo(2026, 3, 3, 7)),
        (oslo(2026, 3, 3, 7, 0), None),
        (oslo(2026, 3, 28, 23, 0), oslo(2026, 3, 29, 7)),  # the night summer time starts
    ],
)
def test_quiet_hours_are_22_to_07_oslo_time(settings, moment, until):
    settings.REMINDER_EMAIL_QUIET_START, settings.REMINDER_EMAIL_QUIET_END = 22, 7
    assert quiet_until(moment) == until


def test_equal_quiet_hours_mean_no_quiet_hours(settings):
    settings.REMINDER_EMAIL_QUIET_START = settings.REMINDER_EMAIL_QUIET_END = 0
    assert quiet_until(oslo(2026, 3, 3, 3)) is None


def test_months_and_years_keep_to_real_dates():
    assert shift_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert shift_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert shift_years(D(2008, 2, 29), 18) == D(2026, 2, 28)
