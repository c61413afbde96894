"""Dates the reminder rules count in: Norwegian working days, Oslo days and quiet hours."""

import calendar
import datetime
from functools import cache

import holidays
from django.conf import settings
from django.utils import timezone


@cache
def _norwegian_holidays(year: int) -> frozenset[datetime.date]:
    # Public holidays only (helligdager): Sundays are weekend days anyway.
    return frozenset(holidays.Norway(years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _norwegian_holidays(day.year)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `day` (the day itself does not count)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def last_day_lapsed_by(today: datetime.date, working_days: int) -> datetime.date:
    """The latest day D whose `working_days` following working days have all passed before `today`.

    Something that happened on D or earlier, and still has no follow-up, is overdue today.
    """
    day, remaining = today, working_days
    while remaining > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day - datetime.timedelta(days=1)


def shift_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months later (or earlier); the 31st becomes the last day of a shorter month."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return datetime.date(year, month_index + 1, min(day.day, last_day))


def shift_years(day: datetime.date, years: int) -> datetime.date:
    return shift_months(day, years * 12)


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight in Oslo, as an aware datetime (comparable with timestamps in the database)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def quiet_until(moment: datetime.datetime) -> datetime.datetime | None:
    """When quiet hours (no e-mail at night) end, if `moment` falls inside them; else None."""
    start, end = settings.REMINDER_EMAIL_QUIET_START, settings.REMINDER_EMAIL_QUIET_END
    if start == end:
        return None
    local = timezone.localtime(moment)
    hour = local.hour
    inside = (start <= hour or hour < end) if start > end else (start <= hour < end)
    if not inside:
        return None
    end_day = local.date() if hour < end else local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(end_day, datetime.time(hour=end)))
