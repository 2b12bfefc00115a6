"""A unit's service figures for a period: what every dashboard, the comparison and the
digest read.

A unit's numbers include everything below it (its stations' `UnitDay` rows, found by path
prefix, summed at query time). Days are local days (settings.TIME_ZONE), both ends of a
`Period` included. Percentiles come from the fixed histograms (`oversight.buckets`: the
upper edge of the bucket holding the nearest-rank value). `naive_unit_indicators` computes
the same figures straight from cases and case events, for tests and the benchmark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import Count, Q, QuerySet, Sum, When
from django.db.models import Value as V
from django.db.models.fields import CharField
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kalantari.cases.models import OPEN_STATUSES, Case
from kalantari.org.models import OrgUnit
from kalantari.oversight.buckets import (
    FIRST_RESPONSE_EDGES_MINUTES,
    FIRST_RESPONSE_EDGES_MS,
    FIRST_RESPONSE_FIELDS,
    RESOLUTION_EDGES_HOURS,
    RESOLUTION_EDGES_MS,
    RESOLUTION_FIELDS,
    bucket_index,
    bucket_value,
    exact_percentile,
    histogram_percentile,
)
from kalantari.oversight.fold import fold_mark
from kalantari.oversight.measures import (
    closed_complete_counts,
    fetch_totals,
    measure_values,
    naive_extra,
)
from kalantari.oversight.models import COUNTERS, AreaDay, UnitDay

SUMMED: tuple[str, ...] = COUNTERS + FIRST_RESPONSE_FIELDS + RESOLUTION_FIELDS


@dataclass(frozen=True)
class Period:
    """Local days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")

    @classmethod
    def last(cls, days: int, today: date | None = None) -> Period:
        """The `days` local days ending with `today` (default: today)."""
        end = today or timezone.localdate(timezone=timezone.get_default_timezone())
        return cls(end - timedelta(days=days - 1), end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Indicators:
    """A unit's figures over a period (counts, percentiles, and rates as properties)."""

    received: int = 0
    resolved: int = 0
    closed: int = 0
    rejected: int = 0
    referred: int = 0
    reopened: int = 0
    first_responses: int = 0
    first_response_in_sla: int = 0
    first_response_p50_minutes: int | None = None
    first_response_p90_minutes: int | None = None
    resolutions_in_sla: int = 0
    resolution_p50_hours: int | None = None
    resolution_p90_hours: int | None = None
    ratings: int = 0
    rating_mean: float | None = None
    complaints: int = 0
    closed_complete: int = 0

    @classmethod
    def from_sums(cls, sums: Mapping[str, int | None]) -> Indicators:
        """Build from summed UnitDay columns (missing or NULL sums count as zero)."""
        n = {name: int(sums.get(name) or 0) for name in SUMMED}
        fr = [n[f] for f in FIRST_RESPONSE_FIELDS]
        res = [n[f] for f in RESOLUTION_FIELDS]
        return cls(
            **{f.name: n[f.name] for f in fields(cls) if f.name in COUNTERS},
            first_response_p50_minutes=histogram_percentile(fr, FIRST_RESPONSE_EDGES_MINUTES, 50),
            first_response_p90_minutes=histogram_percentile(fr, FIRST_RESPONSE_EDGES_MINUTES, 90),
            resolution_p50_hours=histogram_percentile(res, RESOLUTION_EDGES_HOURS, 50),
            resolution_p90_hours=histogram_percentile(res, RESOLUTION_EDGES_HOURS, 90),
            rating_mean=_ratio(n["rating_sum"], n["ratings"]),
        )

    @property
    def first_response_sla_rate(self) -> float | None:
        """Share of first responses made within their target."""
        return _ratio(self.first_response_in_sla, self.first_responses)

    @property
    def resolution_sla_rate(self) -> float | None:
        """Share of resolutions made within their target."""
        return _ratio(self.resolutions_in_sla, self.resolved)

    @property
    def sla_compliance(self) -> float | None:
        """Share of targets met: first responses and resolutions together."""
        return _ratio(
            self.first_response_in_sla + self.resolutions_in_sla,
            self.first_responses + self.resolved,
        )

    @property
    def rejection_rate(self) -> float | None:
        """Rejections per report received."""
        return _ratio(self.rejected, self.received)

    @property
    def referral_rate(self) -> float | None:
        """Referrals per report received."""
        return _ratio(self.referred, self.received)

    @property
    def reopen_rate(self) -> float | None:
        """Reopenings per file ended (closed or rejected)."""
        return _ratio(self.reopened, self.closed + self.rejected)

    @property
    def completeness_rate(self) -> float | None:
        """Share of closed files that were complete at the close."""
        return _ratio(self.closed_complete, self.closed)

    def per_1000(self, name: str) -> float | None:
        """A count per 1,000 reports received (fair between a city station and an outpost)."""
        if name not in COUNTERS or name == "rating_sum":
            raise ValueError(f"{name} is not a count")
        value: int = getattr(self, name)
        return value * 1000 / self.received if self.received else None


def _sums() -> dict[str, Any]:
    return {name: Sum(name) for name in SUMMED}


def _add(total: dict[str, int], row: Mapping[str, Any]) -> dict[str, int]:
    for name in SUMMED:
        total[name] = total.get(name, 0) + int(row.get(name) or 0)
    return total


@dataclass(frozen=True)
class _Split:
    """Which days of a period come from the fold (`AreaDay`) and which are summed live."""

    folded: Period | None
    live: Period | None


def _split(unit: OrgUnit, period: Period) -> _Split:
    if unit.is_front_line:
        return _Split(None, period)
    mark = fold_mark()
    if mark is None or mark < period.start:
        return _Split(None, period)
    if mark >= period.end:
        return _Split(period, None)
    return _Split(Period(period.start, mark), Period(mark + timedelta(days=1), period.end))


def _live(unit: OrgUnit, period: Period) -> QuerySet[UnitDay]:
    rows = UnitDay.objects.filter(day__gte=period.start, day__lte=period.end)
    if unit.is_front_line:
        return rows.filter(station=unit)
    if unit.parent_id is not None:  # the nation is every row: the day index serves it
        rows = rows.filter(unit_path__startswith=unit.path)
    return rows


def _folded(units: Sequence[OrgUnit], period: Period) -> QuerySet[AreaDay]:
    return AreaDay.objects.filter(unit__in=units, day__gte=period.start, day__lte=period.end)


def unit_indicators(unit: OrgUnit, period: Period) -> Indicators:
    """The unit's figures over the period (everything below it included)."""
    split = _split(unit, period)
    total: dict[str, int] = {}
    if split.folded:
        _add(total, _folded([unit], split.folded).aggregate(**_sums()))
    if split.live:
        _add(total, _live(unit, split.live).aggregate(**_sums()))
    return Indicators.from_sums(total)


def daily_series(unit: OrgUnit, period: Period) -> list[tuple[date, Indicators]]:
    """The unit's figures day by day, one entry for every day of the period (zeros too)."""
    split = _split(unit, period)
    rows: list[Mapping[str, Any]] = []
    if split.folded:
        rows += _folded([unit], split.folded).values("day").annotate(**_sums()).order_by()
    if split.live:
        rows += _live(unit, split.live).values("day").annotate(**_sums()).order_by()
    by_day: dict[date, dict[str, int]] = {}
    for row in rows:
        _add(by_day.setdefault(row["day"], {}), row)
    return [
        (day, Indicators.from_sums(by_day[day]) if day in by_day else Indicators())
        for day in period.each_day()
    ]


def children_indicators(unit: OrgUnit, period: Period) -> list[tuple[OrgUnit, Indicators]]:
    """The figures of each direct child unit (drill-down and comparison), in path order."""
    children = list(OrgUnit.objects.filter(parent=unit).order_by("path"))
    if not children:
        return []
    totals: dict[Any, dict[str, int]] = {child.pk: {} for child in children}
    front = [c for c in children if c.is_front_line]
    areas = [c for c in children if not c.is_front_line]
    if front:
        rows = UnitDay.objects.filter(station__in=front, day__gte=period.start, day__lte=period.end)
        for row in rows.values("station_id").annotate(**_sums()).order_by():
            _add(totals[row["station_id"]], row)
    split = _split(unit, period)
    if areas and split.folded:
        folded = _folded(areas, split.folded).values("unit_id").annotate(**_sums()).order_by()
        for row in folded:
            _add(totals[row["unit_id"]], row)
    if areas and split.live:
        which = CaseWhen(
            *(When(unit_path__startswith=c.path, then=V(str(c.pk))) for c in areas),
            default=V(""),
            output_field=CharField(),
        )
        live = _live(unit, split.live).annotate(child=which).values("child")
        by_key = {str(c.pk): c.pk for c in areas}
        for row in live.annotate(**_sums()).order_by():
            if row["child"] in by_key:
                _add(totals[by_key[row["child"]]], row)
    return [(child, Indicators.from_sums(totals[child.pk])) for child in children]


@dataclass(frozen=True)
class AgeBucket:
    """Open cases of an age: from `low` (included) to `high` (excluded; None: no limit)."""

    key: str
    label: str | Promise
    low: timedelta
    high: timedelta | None
    count: int = 0


AGE_BUCKETS: tuple[tuple[str, str | Promise, timedelta, timedelta | None], ...] = (
    ("lt_1d", _("under a day"), timedelta(0), timedelta(days=1)),
    ("1_3d", _("1 to 3 days"), timedelta(days=1), timedelta(days=3)),
    ("3_7d", _("3 to 7 days"), timedelta(days=3), timedelta(days=7)),
    ("7_30d", _("7 to 30 days"), timedelta(days=7), timedelta(days=30)),
    ("gt_30d", _("over 30 days"), timedelta(days=30), None),
)


def backlog_by_age(unit: OrgUnit, now: datetime | None = None) -> list[AgeBucket]:
    """Open cases of the unit (and below) by age since they were opened, live."""
    now = now or timezone.now()
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES)
    if unit.parent_id is not None:
        open_cases = open_cases.filter(unit_path__startswith=unit.path)
    counts: dict[str, Any] = {}
    for key, _label, low, high in AGE_BUCKETS:
        q = Q(created_at__lte=now - low)
        if high is not None:
            q &= Q(created_at__gt=now - high)
        counts[key] = Count("created_at", filter=q)  # a column of the index: index-only
    totals = open_cases.aggregate(**counts)
    return [
        AgeBucket(key, label, low, high, totals[key] or 0) for key, label, low, high in AGE_BUCKETS
    ]


def _naive_percentiles(
    prefix: str | None, period: Period, which: str, edges: Sequence[int], edges_ms: Sequence[int]
) -> tuple[int | None, int | None]:
    """p50 and p90 of the raw values by nearest rank, reported as their bucket's value."""
    sql, params = measure_values(prefix, period.start, period.end, which)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY v), "  # noqa: S608  # nosec B608
                f"PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY v) FROM ({sql}) p",
                params,
            )
            p50, p90 = cursor.fetchone()
        else:
            cursor.execute(sql, params)
            raw = [int(v) for (v,) in cursor.fetchall()]
            p50, p90 = exact_percentile(raw, 50), exact_percentile(raw, 90)

    def report(value: Any) -> int | None:
        return None if value is None else bucket_value(bucket_index(int(value), edges_ms), edges)

    return report(p50), report(p90)


def naive_unit_indicators(unit: OrgUnit, period: Period) -> Indicators:
    """The same figures as `unit_indicators`, straight from cases and case events."""
    prefix = unit.path if unit.parent_id is not None else None
    n = fetch_totals(prefix, period.start, period.end)
    n["closed_complete"] = sum(closed_complete_counts(prefix, period.start, period.end).values())
    n.update(naive_extra(unit.path, period.start, period.end))
    fr50, fr90 = _naive_percentiles(
        prefix, period, "fr_ms", FIRST_RESPONSE_EDGES_MINUTES, FIRST_RESPONSE_EDGES_MS
    )
    res50, res90 = _naive_percentiles(
        prefix, period, "res_ms", RESOLUTION_EDGES_HOURS, RESOLUTION_EDGES_MS
    )
    return Indicators(
        **{name: n.get(name, 0) for name in COUNTERS if name != "rating_sum"},
        first_response_p50_minutes=fr50,
        first_response_p90_minutes=fr90,
        resolution_p50_hours=res50,
        resolution_p90_hours=res90,
        rating_mean=_ratio(n.get("rating_sum", 0), n.get("ratings", 0)),
    )
