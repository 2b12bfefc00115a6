"""Time helpers: UTC in the database, Asia/Tehran on screen, Jalali in Persian."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import jdatetime
from django.utils.translation import gettext_lazy as _

from kalantari.core.errors import ValidationFailed
from kalantari.core.text import to_ascii_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
_DATE = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:٫.](\d{2})(?::(\d{2}))?$")
JALALI_MONTHS = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def parse_date(value: str, *, field: str = "date") -> date:
    """A Jalali (year < 1700) or Gregorian date, in any of the three digit sets."""
    match = _DATE.match(to_ascii_digits(value or "").strip())
    if match is None:
        raise ValidationFailed(
            _("Write the date as 1403/08/12 or 2024-11-02."), code="date_invalid", field=field
        )
    y, m, d = (int(g) for g in match.groups())
    try:
        if y < 1700:
            return jdatetime.date(y, m, d).togregorian()
        return date(y, m, d)
    except ValueError:
        raise ValidationFailed(
            _("This date does not exist."), code="date_invalid", field=field
        ) from None


def parse_time(value: str, *, field: str = "time") -> time:
    match = _TIME.match(to_ascii_digits(value or "").strip())
    if match is None:
        raise ValidationFailed(_("Write the time as 14:30."), code="time_invalid", field=field)
    h, m = int(match[1]), int(match[2])
    if h > 23 or m > 59:
        raise ValidationFailed(_("This time does not exist."), code="time_invalid", field=field)
    return time(h, m)


def parse_local_datetime(
    date_value: str, time_value: str | None, *, field: str = "occurred_at"
) -> datetime:
    """A date and time typed in Tehran time, as an aware UTC datetime."""
    day = parse_date(date_value, field=field)
    at = parse_time(time_value, field=field) if time_value and time_value.strip() else time(0, 0)
    return datetime.combine(day, at, tzinfo=TEHRAN).astimezone(UTC)


def _local(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime):
        return value.astimezone(TEHRAN) if value.tzinfo else value.replace(tzinfo=TEHRAN)
    return value


def format_date(value: datetime | date, lang: str) -> str:
    local = _local(value)
    day = local.date() if isinstance(local, datetime) else local
    if lang == "fa":
        return to_persian_digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))
    return day.isoformat()


def format_datetime(value: datetime, lang: str) -> str:
    local = _local(value)
    if not isinstance(local, datetime):
        raise TypeError("format_datetime needs a datetime")
    clock = local.strftime("%H:%M")
    if lang == "fa":
        return f"{format_date(local, 'fa')} {to_persian_digits(clock)}"
    return f"{local.date().isoformat()} {clock}"


def jalali_month_name(month: int) -> str:
    return JALALI_MONTHS[month - 1]
