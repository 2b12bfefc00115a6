"""The early-warning rule on hand-made weekly numbers, each answer worked out by hand."""

from __future__ import annotations

import pytest

from kalantari.oversight.digest.rule import Kind, Verdict, WeekValue, judge


def weeks(*values: float, base: int = 10) -> list[WeekValue]:
    return [WeekValue(v, base) for v in values]


# Received per week: 10 12 11 13 9 10 12 11. Mean 88/8 = 11. Deviations −1 1 0 2 −2 −1 1 0,
# squares sum to 12; sample variance 12/7 = 1.7143, standard deviation 1.3093; the usual
# range is 11 ± 2.6186 = 8.3814 … 13.6186.
RECEIVED = weeks(10, 12, 11, 13, 9, 10, 12, 11)


def test_in_range() -> None:
    j = judge(WeekValue(13, 13), RECEIVED, kind=Kind.COUNT)
    assert j.verdict == Verdict.IN_RANGE
    assert j.weeks_used == 8
    assert j.mean == pytest.approx(11)
    assert j.sd == pytest.approx(1.3093, abs=1e-4)
    assert (j.low, j.high) == (pytest.approx(8.3814, abs=1e-4), pytest.approx(13.6186, abs=1e-4))
    assert not j.out_of_range


def test_above() -> None:
    j = judge(WeekValue(14, 14), RECEIVED, kind=Kind.COUNT)
    assert j.verdict == Verdict.ABOVE
    assert j.out_of_range


def test_below() -> None:
    assert judge(WeekValue(8, 8), RECEIVED, kind=Kind.COUNT).verdict == Verdict.BELOW


def test_a_count_falling_to_nothing_is_judged() -> None:
    # 20 22 18 20: mean 20, squares 0 4 4 0 → variance 8/3, sd 1.633, range 16.73 … 23.27.
    j = judge(WeekValue(0, 0), weeks(20, 22, 18, 20), kind=Kind.COUNT)
    assert j.verdict == Verdict.BELOW
    assert j.low == pytest.approx(16.734, abs=1e-3)


def test_a_rate_above_its_range() -> None:
    # Rejection rates 10% 20% 10% 20% on 10 reports each: mean 15%, squares 4 × 0.0025 = 0.01,
    # variance 0.01/3, sd 0.0577; range 3.45% … 26.55%. This week 3 of 10 = 30%: above.
    history = weeks(0.10, 0.20, 0.10, 0.20)
    j = judge(WeekValue(0.30, 10), history, kind=Kind.RATE)
    assert j.verdict == Verdict.ABOVE
    assert j.high == pytest.approx(0.2655, abs=1e-4)
    # 25% is inside.
    assert judge(WeekValue(0.25, 10), history, kind=Kind.RATE).verdict == Verdict.IN_RANGE


def test_too_little_history() -> None:
    # Eight weeks, but only three had the 5 reports a week needs to count.
    history = [*weeks(0.1, 0.2, 0.1), *weeks(0.9, 0.0, 0.5, 0.1, 0.1, base=4)]
    j = judge(WeekValue(0.9, 10), history, kind=Kind.RATE)
    assert j.verdict == Verdict.TOO_LITTLE_HISTORY
    assert j.weeks_used == 3
    assert not j.out_of_range
    # Weeks with nothing to measure (no ratings) do not count either.
    assert (
        judge(WeekValue(4.0, 9), [WeekValue(None, 0)] * 8, kind=Kind.MEAN).verdict
        == Verdict.TOO_LITTLE_HISTORY
    )


def test_too_few_reports_this_week() -> None:
    # The same history as above; 2 rejections of 3 reports (67%) is too few to judge a rate.
    j = judge(WeekValue(2 / 3, 3), weeks(0.10, 0.20, 0.10, 0.20), kind=Kind.RATE)
    assert j.verdict == Verdict.TOO_FEW_REPORTS
    assert j.low is None


def test_a_steady_history_gets_the_minimum_tolerance() -> None:
    # No complaints for eight weeks: sd 0, so the range is 0 ± 1 (the counts' minimum).
    quiet = weeks(0, 0, 0, 0, 0, 0, 0, 0)
    assert judge(WeekValue(1, 10), quiet, kind=Kind.COUNT).verdict == Verdict.IN_RANGE
    two = judge(WeekValue(2, 10), quiet, kind=Kind.COUNT)
    assert (two.verdict, two.low, two.high) == (Verdict.ABOVE, -1.0, 1.0)
    # Satisfaction 4.0 every week: range 3.75 … 4.25.
    steady = weeks(4.0, 4.0, 4.0, 4.0)
    assert judge(WeekValue(3.7, 6), steady, kind=Kind.MEAN).verdict == Verdict.BELOW
    assert judge(WeekValue(3.8, 6), steady, kind=Kind.MEAN).verdict == Verdict.IN_RANGE


def test_only_the_last_eight_weeks_count() -> None:
    # Two very old weeks of 100 are ignored: the range is still 8.38 … 13.62.
    j = judge(WeekValue(14, 14), [*weeks(100, 100), *RECEIVED], kind=Kind.COUNT)
    assert (j.verdict, j.weeks_used) == (Verdict.ABOVE, 8)
