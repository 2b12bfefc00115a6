"""Reads for the oversight dashboards and the comparison page: which unit, which period, and
the indicators of `oversight.indicators` laid out as rows, series and rankings.

Selectors only (no writes, no audit: every figure is an aggregate, no person in it). The
numbers come from `oversight.indicators`; this module names them, formats nothing and
decides only what is shown for whom (`access.policy.can_view_dashboard`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kalantari.access import policy
from kalantari.cases.models import Case
from kalantari.cases.selectors import case_list_visible_to, sla_q
from kalantari.core.errors import Forbidden, NotFound
from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit, User
from kalantari.oversight.indicators import (
    SUMMED,
    Indicators,
    Period,
    backlog_by_age,
    children_indicators,
    daily_series,
    unit_indicators,
)
from kalantari.oversight.models import UnitDay

PERIOD_DAYS = (7, 30, 90, 365)
DEFAULT_DAYS = 30
# Below this many reports in the period a unit is listed but not ranked: one late case in
# five would make it look like the worst station of the country.
MIN_REPORTS_TO_RANK = 20
CASES_LISTED = 50


class Kind(StrEnum):
    """How an indicator is read: a count, a share (0..1), a time, or a mean score."""

    COUNT = "count"
    RATE = "rate"
    MINUTES = "minutes"
    HOURS = "hours"
    SCORE = "score"


@dataclass(frozen=True)
class Metric:
    """One indicator as the pages show it. `value` reads it from `Indicators`; a count with
    `normalise` is compared per 1,000 reports received, everything else as it is."""

    key: str
    label: Promise
    kind: Kind
    value: Callable[[Indicators], float | int | None]
    higher_is_better: bool = False
    normalise: bool = False
    compare: bool = True


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _attr(name: str) -> Callable[[Indicators], Any]:
    return lambda ind: getattr(ind, name)


METRICS: tuple[Metric, ...] = (
    Metric("received", _("Reports received"), Kind.COUNT, _attr("received"), compare=False),
    Metric("resolved", _("Cases resolved"), Kind.COUNT, _attr("resolved"), compare=False),
    Metric("closed", _("Cases closed"), Kind.COUNT, _attr("closed"), compare=False),
    Metric(
        "first_response_p50_minutes",
        _("First response, median (minutes)"),
        Kind.MINUTES,
        _attr("first_response_p50_minutes"),
    ),
    Metric(
        "first_response_p90_minutes",
        _("First response, 90th percentile (minutes)"),
        Kind.MINUTES,
        _attr("first_response_p90_minutes"),
    ),
    Metric(
        "resolution_p50_hours",
        _("Resolution, median (hours)"),
        Kind.HOURS,
        _attr("resolution_p50_hours"),
    ),
    Metric(
        "resolution_p90_hours",
        _("Resolution, 90th percentile (hours)"),
        Kind.HOURS,
        _attr("resolution_p90_hours"),
    ),
    Metric(
        "first_response_compliance",
        _("First responses within their SLA"),
        Kind.RATE,
        lambda i: _share(i.first_response_in_sla, i.first_responses),
        higher_is_better=True,
    ),
    Metric(
        "resolution_compliance",
        _("Resolutions within their SLA"),
        Kind.RATE,
        lambda i: _share(i.resolutions_in_sla, i.resolved),
        higher_is_better=True,
    ),
    Metric(
        "sla_compliance",
        _("SLA compliance (first responses and resolutions in time)"),
        Kind.RATE,
        _attr("sla_compliance"),
        higher_is_better=True,
    ),
    Metric(
        "first_response_breaches",
        _("First responses late"),
        Kind.COUNT,
        lambda i: i.first_responses - i.first_response_in_sla,
        normalise=True,
    ),
    Metric(
        "resolution_breaches",
        _("Resolutions late"),
        Kind.COUNT,
        lambda i: i.resolved - i.resolutions_in_sla,
        normalise=True,
    ),
    Metric("rejection_rate", _("Rejection rate"), Kind.RATE, _attr("rejection_rate")),
    Metric("rejected", _("Rejections"), Kind.COUNT, _attr("rejected"), normalise=True),
    Metric("referral_rate", _("Referral rate"), Kind.RATE, _attr("referral_rate")),
    Metric("referred", _("Referrals"), Kind.COUNT, _attr("referred"), normalise=True),
    Metric("reopen_rate", _("Reopen rate"), Kind.RATE, _attr("reopen_rate")),
    Metric("reopened", _("Reopenings"), Kind.COUNT, _attr("reopened"), normalise=True),
    Metric(
        "rating_mean",
        _("Satisfaction (mean of 1–5)"),
        Kind.SCORE,
        _attr("rating_mean"),
        higher_is_better=True,
    ),
    Metric("ratings", _("Ratings given"), Kind.COUNT, _attr("ratings"), compare=False),
    Metric(
        "complaints",
        _("Complaints about officers"),
        Kind.COUNT,
        _attr("complaints"),
        normalise=True,
    ),
    Metric(
        "completeness_rate",
        _("Complete case files (of those closed)"),
        Kind.RATE,
        _attr("completeness_rate"),
        higher_is_better=True,
    ),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}
COMPARABLE = tuple(m for m in METRICS if m.compare)
DEFAULT_COMPARE = "sla_compliance"
UNKNOWN_INDICATOR = _("Choose one of the indicators offered.")
UNKNOWN_PERIOD = _("Choose a period of 7, 30, 90 or 365 days.")


# --- who and when ------------------------------------------------------------------------------


def period_days(value: str | None) -> int:
    """The period asked for, one of PERIOD_DAYS (anything else: the default)."""
    try:
        days = int(value or "")
    except ValueError:
        return DEFAULT_DAYS
    return days if days in PERIOD_DAYS else DEFAULT_DAYS


def period_of(days: int, today: date | None = None) -> Period:
    """The last `days` local days, today included."""
    return Period.last(days, today or timezone.localdate())


def dashboard_unit(*, user: User, code: str | None = None) -> OrgUnit:
    """The unit whose dashboard `user` asks for: `code`, or their own unit (the nation for a
    superuser without one). Forbidden for roles without dashboards; NotFound out of scope."""
    scope = policy.dashboard_scope(user)
    if scope is None:
        raise Forbidden(_("Dashboards are for station commanders and inspectors."))
    if code is None:
        unit = user.unit or OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    else:
        unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not policy.can_view_dashboard(user, unit):
        raise NotFound(_("No such unit."))
    return unit


def breadcrumbs(*, user: User, unit: OrgUnit) -> list[OrgUnit]:
    """The units from the top of the user's scope down to `unit` (links up the tree)."""
    codes = [c for c in unit.path.strip("/").split("/") if c]
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    return [units[c] for c in codes if c in units and policy.can_view_dashboard(user, units[c])]


# --- what --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    metric: Metric
    value: float | int | None


def indicator_rows(indicators: Indicators) -> list[Row]:
    """Every indicator of a unit, in the pages' order."""
    return [Row(m, m.value(indicators)) for m in METRICS]


@dataclass(frozen=True)
class DayPoint:
    day: date
    received: int
    closed: int


def day_points(unit: OrgUnit, period: Period) -> list[DayPoint]:
    """Reports received and files closed per local day of the period, every day present."""
    got = dict(daily_series(unit, period))
    points = []
    day = period.start
    while day <= period.end:
        ind = got.get(day)
        points.append(DayPoint(day, ind.received if ind else 0, ind.closed if ind else 0))
        day += timedelta(days=1)
    return points


@dataclass(frozen=True)
class Age:
    """Open cases of an age, from `low_days` (included) to `high_days` (None: and older)."""

    key: str
    label: str
    low_days: int
    high_days: int | None
    count: int


def backlog(unit: OrgUnit, now: datetime | None = None) -> list[Age]:
    """Open cases of the unit (and below) by age now, youngest first."""
    return [
        Age(
            b.key,
            str(b.label),
            b.low.days,
            None if b.high is None else b.high.days,
            int(b.count),
        )
        for b in backlog_by_age(unit, now or timezone.now())
    ]


@dataclass(frozen=True)
class UnitRow:
    unit: OrgUnit
    indicators: Indicators

    def value(self, key: str) -> float | int | None:
        return METRIC_BY_KEY[key].value(self.indicators)


def child_rows(unit: OrgUnit, period: Period) -> list[UnitRow]:
    """The unit's direct children with their indicators (drill-down)."""
    return [UnitRow(u, ind) for u, ind in children_indicators(unit, period)]


def front_line_rows(unit: OrgUnit, period: Period) -> list[UnitRow]:
    """Every station and outpost at or below `unit` with its indicators, in one query over
    the daily rollup grouped by station (the nation has some 2,000: one query each would
    not do). The same sums as `unit_indicators` of each station."""
    if unit.kind in FRONT_LINE_KINDS:
        return [UnitRow(unit, unit_indicators(unit, period))]
    sums = (
        UnitDay.objects.filter(
            day__gte=period.start, day__lte=period.end, unit_path__startswith=unit.path
        )
        .values("station_id")
        .annotate(**{name: Sum(name) for name in SUMMED})
        .order_by()
    )
    by_station = {row["station_id"]: Indicators.from_sums(row) for row in sums}
    stations = OrgUnit.objects.filter(path__startswith=unit.path, kind__in=FRONT_LINE_KINDS)
    return [UnitRow(s, by_station.get(s.pk, Indicators())) for s in stations.order_by("path")]


# --- comparison --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    """A unit on the comparison page: its base, its (normalised) value, its rank or None when
    it has too few reports (or no value) to be ranked fairly."""

    unit: OrgUnit
    received: int
    raw: float | int | None
    value: float | None
    rank: int | None

    @property
    def too_few(self) -> bool:
        return self.received < MIN_REPORTS_TO_RANK


def compared_value(metric: Metric, indicators: Indicators) -> float | None:
    """The figure units are ranked on: counts per 1,000 reports received, rates and times as
    they are."""
    raw = metric.value(indicators)
    if raw is None:
        return None
    if metric.normalise:
        return raw * 1000 / indicators.received if indicators.received else None
    return float(raw)


def rank(metric: Metric, rows: Sequence[UnitRow]) -> list[Ranked]:
    """Rank units on `metric`, best first (ties share a rank); units with too few reports or
    no value come after, unranked, by their base."""
    scored = [
        Ranked(
            r.unit,
            r.indicators.received,
            metric.value(r.indicators),
            compared_value(metric, r.indicators),
            None,
        )
        for r in rows
    ]
    rankable = [s for s in scored if not s.too_few and s.value is not None]
    rest = [s for s in scored if s.too_few or s.value is None]
    sign = -1 if metric.higher_is_better else 1
    rankable.sort(key=lambda s: (sign * (s.value or 0.0), s.unit.code))
    ranked: list[Ranked] = []
    for i, s in enumerate(rankable):
        tied = ranked and ranked[-1].value == s.value
        place = ranked[-1].rank if tied else i + 1
        ranked.append(Ranked(s.unit, s.received, s.raw, s.value, place))
    rest.sort(key=lambda s: (-s.received, s.unit.code))
    return ranked + rest


# --- the station's cases -----------------------------------------------------------------------


def station_cases(*, user: User, unit: OrgUnit, state: str) -> QuerySet[Case]:
    """The station's open cases in SLA `state` (breached or at risk) that the user may read,
    the most overdue first."""
    now = timezone.now()
    return (
        case_list_visible_to(user=user)
        .filter(sla_q(state, now), unit_path__startswith=unit.path)
        .select_related("report", "category", "assignee")
        .order_by("resolution_due")[:CASES_LISTED]
    )
