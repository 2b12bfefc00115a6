"""A settable clock for the oversight tests: `django.utils.timezone.now` returns `clock.at`.

Services, auto_now fields and `timezone.localdate()` all read the time through it, so a
case's history can be played at chosen instants. (The suite has no time-freezing library.)"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TEHRAN = ZoneInfo("Asia/Tehran")


def local(day: date, hh: int, mm: int = 0) -> datetime:
    """A local (Asia/Tehran) instant of `day`."""
    return datetime.combine(day, time(hh, mm), tzinfo=TEHRAN)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at

    def advance(self, delta: timedelta) -> None:
        self.at += delta
