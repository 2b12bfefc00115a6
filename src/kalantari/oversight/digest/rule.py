"""The early-warning rule: is this week's value outside the station's own usual range?

A simple rule that a commander can check with a pencil, on purpose (not a black box):

1. Take the same station's previous 8 weeks. A week counts only if its figure rests on
   enough cases to mean something (`MIN_REPORTS`: reports received, or for a rate the cases
   it counts, for satisfaction the ratings; `digest.contents.METRICS` names each base).
2. With fewer than 4 such weeks there is too little history: no judgement.
3. The usual range is the mean of those weeks ± 2 standard deviations (the sample standard
   deviation, n − 1), widened to a minimum tolerance so that a station with a perfectly
   steady history is not flagged for the smallest wobble (±1 for counts, ±5 points for
   rates, ±0.25 for satisfaction).
4. Rates and satisfaction are judged only when this week also rests on enough cases; counts
   (received, complaints) are judged whatever their size, since a fall to nothing is news.
5. Outside the range (strictly above or below) is a warning; the page says which
   direction is the worse one for each indicator.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

HISTORY_WEEKS = 8
MIN_HISTORY_WEEKS = 4
MIN_REPORTS = 5
SPREAD = 2  # standard deviations on either side of the mean


class Kind(StrEnum):
    COUNT = "count"  # reports in the week
    RATE = "rate"  # a share between 0 and 1
    MEAN = "mean"  # an average rating, 1–5


MIN_TOLERANCE = {Kind.COUNT: 1.0, Kind.RATE: 0.05, Kind.MEAN: 0.25}


class Verdict(StrEnum):
    IN_RANGE = "in_range"
    ABOVE = "above"
    BELOW = "below"
    TOO_LITTLE_HISTORY = "too_little_history"
    TOO_FEW_REPORTS = "too_few_reports"


@dataclass(frozen=True)
class WeekValue:
    """One week of one indicator: its value (None when nothing to measure) and its base, the
    number of reports (or ratings) it was measured on."""

    value: float | None
    base: int


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    value: float | None
    weeks_used: int
    mean: float | None = None
    sd: float | None = None
    low: float | None = None
    high: float | None = None

    @property
    def out_of_range(self) -> bool:
        return self.verdict in (Verdict.ABOVE, Verdict.BELOW)


def _counts(week: WeekValue, min_reports: int) -> bool:
    return week.value is not None and week.base >= min_reports


def judge(
    this_week: WeekValue,
    history: Sequence[WeekValue],
    *,
    kind: Kind,
    min_reports: int = MIN_REPORTS,
) -> Judgement:
    """Judge this week's value against the usual range of `history` (oldest first)."""
    usable = [w.value for w in history[-HISTORY_WEEKS:] if _counts(w, min_reports)]
    values = [float(v) for v in usable if v is not None]
    if len(values) < MIN_HISTORY_WEEKS:
        return Judgement(Verdict.TOO_LITTLE_HISTORY, this_week.value, len(values))
    if this_week.value is None or (kind != Kind.COUNT and this_week.base < min_reports):
        return Judgement(Verdict.TOO_FEW_REPORTS, this_week.value, len(values))
    mean = statistics.fmean(values)
    sd = statistics.stdev(values)
    half = max(SPREAD * sd, MIN_TOLERANCE[kind])
    low, high = mean - half, mean + half
    value = float(this_week.value)
    if value > high and not math.isclose(value, high):
        verdict = Verdict.ABOVE
    elif value < low and not math.isclose(value, low):
        verdict = Verdict.BELOW
    else:
        verdict = Verdict.IN_RANGE
    return Judgement(verdict, value, len(values), mean, sd, low, high)
