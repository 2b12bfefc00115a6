"""Digest weeks: Saturday to Friday (the Iranian week), in local days (settings.TIME_ZONE)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

SATURDAY = 5  # date.weekday()


@dataclass(frozen=True, order=True)
class Week:
    """Seven local days from a Saturday (`start`) to a Friday (`end`), both included."""

    start: date

    @classmethod
    def containing(cls, day: date) -> Week:
        return cls(day - timedelta(days=(day.weekday() - SATURDAY) % 7))

    @classmethod
    def latest_complete(cls, today: date | None = None) -> Week:
        """The last week that has ended: the one a digest sent this week is about."""
        return cls.containing(today or timezone.localdate()).before()

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    def before(self, weeks: int = 1) -> Week:
        return Week(self.start - timedelta(weeks=weeks))

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_at(self) -> datetime:
        """The first moment after the week (next Saturday 00:00 local)."""
        return timezone.make_aware(datetime.combine(self.start + timedelta(days=7), time.min))

    @property
    def key(self) -> str:
        return self.start.isoformat()
