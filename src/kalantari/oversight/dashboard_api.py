"""Staff API of the oversight dashboards (/api/v1/oversight): a unit's indicators for a
period, its child units, and the comparison of the units below it. Commanders (their
station) and inspectors (their unit and below); out of scope answers 404."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from kalantari.core.errors import ValidationFailed
from kalantari.core.problems import Problem
from kalantari.org.auth import staff_auth
from kalantari.org.models import OrgUnit
from kalantari.oversight import dashboards as d
from kalantari.oversight.indicators import Indicators, Period, unit_indicators

router = Router(tags=["oversight"], auth=staff_auth)

PERIOD_HELP = "The last N local days (Asia/Tehran), today included: 7, 30, 90 or 365."


class PeriodIn(Schema):
    days: int = Field(d.DEFAULT_DAYS, description=PERIOD_HELP)


class CompareIn(PeriodIn):
    indicator: str = Field(
        d.DEFAULT_COMPARE,
        description="The indicator to rank on: "
        + ", ".join(m.key for m in d.COMPARABLE)
        + ". Counts are ranked per 1,000 reports received; rates, times and the mean "
        "rating as they are.",
    )
    level: Literal["children", "stations"] = Field(
        "children",
        description="`children`: the units directly below; `stations`: every station and "
        "outpost below.",
    )


class UnitOut(Schema):
    code: str
    kind: str
    name_fa: str
    name_en: str


class PeriodOut(Schema):
    start: date = Field(..., description="First local day, included.")
    end: date = Field(..., description="Last local day, included.")


class IndicatorOut(Schema):
    key: str
    label: str = Field(..., description="In the request's language.")
    kind: str = Field(..., description="count, rate (0..1), minutes, hours or score (1..5)")
    value: float | None = Field(..., description="null when there is nothing to measure.")


class DayOut(Schema):
    day: date
    received: int
    closed: int


class AgeOut(Schema):
    low_days: int
    high_days: int | None = Field(..., description="null: and older.")
    label: str
    count: int


class DashboardOut(Schema):
    unit: UnitOut
    period: PeriodOut
    indicators: list[IndicatorOut]
    daily: list[DayOut] = Field(..., description="Reports received and closed per local day.")
    backlog: list[AgeOut] = Field(..., description="Open cases now, by age.")


class ChildOut(Schema):
    unit: UnitOut
    indicators: list[IndicatorOut]


class ChildrenOut(Schema):
    unit: UnitOut
    period: PeriodOut
    children: list[ChildOut]


class RankedOut(Schema):
    unit: UnitOut
    rank: int | None = Field(..., description="1 is best; null when not ranked.")
    received: int = Field(..., description="Reports received in the period: the base.")
    raw: float | None = Field(..., description="The indicator as measured.")
    value: float | None = Field(
        ..., description="What is ranked: per 1,000 reports for counts, else the raw value."
    )
    too_few_reports: bool = Field(
        ..., description=f"Fewer than {d.MIN_REPORTS_TO_RANK} reports: listed, not ranked."
    )


class CompareOut(Schema):
    unit: UnitOut
    period: PeriodOut
    indicator: str
    normalised_per_1000: bool
    higher_is_better: bool
    min_reports: int
    units: list[RankedOut]


def _unit(request: HttpRequest, code: str) -> OrgUnit:
    return d.dashboard_unit(user=request.user, code=code)  # type: ignore[arg-type]


def _unit_out(unit: OrgUnit) -> dict[str, Any]:
    return {"code": unit.code, "kind": unit.kind, "name_fa": unit.name_fa, "name_en": unit.name_en}


def _period(days: int) -> Period:
    if days not in d.PERIOD_DAYS:
        raise ValidationFailed(d.UNKNOWN_PERIOD, code="unknown_period", field="days")
    return d.period_of(days)


def _period_out(period: Period) -> dict[str, Any]:
    return {"start": period.start, "end": period.end}


def _indicators_out(indicators: Indicators) -> list[dict[str, Any]]:
    return [
        {"key": r.metric.key, "label": str(r.metric.label), "kind": r.metric.kind, "value": r.value}
        for r in d.indicator_rows(indicators)
    ]


ERRORS = {403: Problem, 404: Problem, 422: Problem}


@router.get(
    "/units/{code}/dashboard",
    response={200: DashboardOut, **ERRORS},
    summary="A unit's dashboard for a period",
    description="Every indicator of the unit and everything below it (received, resolved, "
    "closed; median and 90th-percentile first-response and resolution times; SLA "
    "compliance; rejection, referral and reopen rates; satisfaction; complaints; "
    "completeness), reports received and closed per day, and the open cases by age. "
    "403 for roles without dashboards, 404 for a unit outside the caller's.",
)
def unit_dashboard(request: HttpRequest, code: str, query: Query[PeriodIn]) -> dict[str, Any]:
    unit = _unit(request, code)
    period = _period(query.days)
    return {
        "unit": _unit_out(unit),
        "period": _period_out(period),
        "indicators": _indicators_out(unit_indicators(unit, period)),
        "daily": [vars(p) for p in d.day_points(unit, period)],
        "backlog": [
            {"low_days": b.low_days, "high_days": b.high_days, "label": b.label, "count": b.count}
            for b in d.backlog(unit)
        ],
    }


@router.get(
    "/units/{code}/children",
    response={200: ChildrenOut, **ERRORS},
    summary="The indicators of a unit's child units (drill-down)",
    description="One entry per unit directly below, each with every indicator for the period.",
)
def unit_children(request: HttpRequest, code: str, query: Query[PeriodIn]) -> dict[str, Any]:
    unit = _unit(request, code)
    period = _period(query.days)
    return {
        "unit": _unit_out(unit),
        "period": _period_out(period),
        "children": [
            {"unit": _unit_out(r.unit), "indicators": _indicators_out(r.indicators)}
            for r in d.child_rows(unit, period)
        ],
    }


@router.get(
    "/units/{code}/compare",
    response={200: CompareOut, **ERRORS},
    summary="Rank the units below a unit on one indicator",
    description="Fair comparison: counts (rejections, referrals, reopenings, complaints, late "
    "first responses and resolutions) are divided by the reports received and multiplied "
    "by 1,000; rates, times and the mean rating are compared as they are. Units with fewer "
    f"than {d.MIN_REPORTS_TO_RANK} reports in the period, or nothing to measure, come last "
    "with `rank` null. Ties share a rank.",
)
def unit_compare(request: HttpRequest, code: str, query: Query[CompareIn]) -> dict[str, Any]:
    unit = _unit(request, code)
    metric = d.METRIC_BY_KEY.get(query.indicator)
    if metric is None or not metric.compare:
        raise ValidationFailed(d.UNKNOWN_INDICATOR, code="unknown_indicator", field="indicator")
    period = _period(query.days)
    rows = (
        d.front_line_rows(unit, period) if query.level == "stations" else d.child_rows(unit, period)
    )
    return {
        "unit": _unit_out(unit),
        "period": _period_out(period),
        "indicator": metric.key,
        "normalised_per_1000": metric.normalise,
        "higher_is_better": metric.higher_is_better,
        "min_reports": d.MIN_REPORTS_TO_RANK,
        "units": [
            {
                "unit": _unit_out(r.unit),
                "rank": r.rank,
                "received": r.received,
                "raw": r.raw,
                "value": r.value,
                "too_few_reports": r.too_few,
            }
            for r in d.rank(metric, rows)
        ],
    }
