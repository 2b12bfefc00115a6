"""Dates typed in Jalali or Gregorian with any digits; shown in Jalali on Persian pages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalantari.core.errors import ValidationFailed
from kalantari.core.jalali import (
    format_date,
    format_datetime,
    parse_date,
    parse_local_datetime,
    parse_time,
)
from kalantari.core.text import to_persian_digits


@pytest.mark.parametrize(
    "typed", ["1403/08/12", "۱۴۰۳/۰۸/۱۲", "١٤٠٣-٠٨-١٢", "1403.8.12", "2024-11-02"]
)
def test_one_day_in_every_form(typed: str) -> None:
    assert parse_date(typed) == date(2024, 11, 2)


@pytest.mark.parametrize("typed", ["1403/12/31", "1403/13/01", "2024-02-30", "tomorrow", ""])
def test_impossible_or_malformed_dates(typed: str) -> None:
    # 1403 is not a leap year in the Jalali calendar: Esfand has 29 days.
    with pytest.raises(ValidationFailed) as err:
        parse_date(typed)
    assert err.value.code == "date_invalid"


def test_times() -> None:
    assert parse_time("۱۴:۳۰").hour == 14
    with pytest.raises(ValidationFailed):
        parse_time("24:00")
    with pytest.raises(ValidationFailed):
        parse_time("noon")


def test_local_time_is_tehran() -> None:
    at = parse_local_datetime("1403/08/12", "14:30")
    assert at == datetime(2024, 11, 2, 11, 0, tzinfo=UTC)


def test_formatting() -> None:
    at = datetime(2024, 11, 2, 11, 0, tzinfo=UTC)
    assert format_date(at, "fa") == "۱۴۰۳/۰۸/۱۲"
    assert format_datetime(at, "fa") == "۱۴۰۳/۰۸/۱۲ ۱۴:۳۰"
    assert format_datetime(at, "en") == "2024-11-02 14:30"


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_jalali_round_trip(day: date) -> None:
    jalali = jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d")
    assert parse_date(jalali) == day
    assert parse_date(to_persian_digits(jalali)) == day
    assert parse_date(day.isoformat()) == day
