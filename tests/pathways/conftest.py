"""Helpers for the reminder tests: a frozen Oslo clock and a readable view of who was reminded."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from pathways import sweep
from pathways.models import Reminder

OSLO = ZoneInfo("Europe/Oslo")


def oslo(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


@pytest.fixture
def sweep_at(time_machine):
    """Freezes the clock at an Oslo moment and runs the sweep there."""

    def _sweep(moment: datetime.datetime) -> sweep.SweepResult:
        time_machine.move_to(moment, tick=False)
        return sweep.run()

    return _sweep


def reminded(rule: str | None = None, *, open_only: bool = False) -> list[tuple[str, int]]:
    """(recipient username, step) of every reminder, in a stable order."""
    reminders = Reminder.objects.select_related("recipient", "lapse")
    if rule:
        reminders = reminders.filter(lapse__rule=rule)
    if open_only:
        reminders = reminders.filter(lapse__resolved_at__isnull=True, lapse__handled_at__isnull=True)
    return sorted((reminder.recipient.username, reminder.step) for reminder in reminders)
