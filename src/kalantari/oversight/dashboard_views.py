"""Dashboards of a station, county, province and the nation, and the comparison page; each
table also as CSV (`?format=csv`). Thin: the figures come from `oversight.dashboards`."""

from __future__ import annotations

from datetime import date
from typing import Any

import jdatetime
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kalantari.core import jalali
from kalantari.core.errors import Forbidden, NotFound
from kalantari.core.text import to_persian_digits
from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit, User
from kalantari.oversight import dashboards as d
from kalantari.oversight.csvexport import csv_response
from kalantari.oversight.indicators import Period, unit_indicators
from kalantari.oversight.templatetags.dashboards import figure_text

# The indicators of the drill-down table (all of them are in each unit's own dashboard).
CHILD_COLUMNS = (
    "received",
    "closed",
    "first_response_p50_minutes",
    "resolution_p50_hours",
    "sla_compliance",
    "rejection_rate",
    "reopen_rate",
    "rating_mean",
    "complaints",
    "completeness_rate",
)
CSV_TABLES = ("indicators", "daily", "backlog", "children")


def _lang() -> str:
    return "en" if translation.get_language() == "en" else "fa"


def _unit_for(request: HttpRequest, code: str | None) -> OrgUnit:
    user: User = request.user  # type: ignore[assignment]
    try:
        return d.dashboard_unit(user=user, code=code)
    except Forbidden:
        raise PermissionDenied from None
    except NotFound:
        raise Http404 from None


def day_label(day: date, lang: str) -> str:
    """A chart's day: "۱۱ آذر" in Persian (Jalali), "2 Dec" in English (Gregorian)."""
    if lang == "fa":
        j = jdatetime.date.fromgregorian(date=day)
        return f"{to_persian_digits(str(j.day))} {jalali.jalali_month_name(j.month)}"
    return f"{day.day} {day.strftime('%b')}"


def _period_context(days: int, period: Period, lang: str) -> dict[str, Any]:
    return {
        "days": days,
        "period": period,
        "period_choices": d.PERIOD_DAYS,
        "period_start": jalali.format_date(period.start, lang),
        "period_end": jalali.format_date(period.end, lang),
    }


def _chart_data(points: list[d.DayPoint], buckets: list[d.Age], lang: str) -> dict[str, Any]:
    """What dashboard.js draws (the same numbers as the tables under the charts)."""
    return {
        "lang": lang,
        "rtl": lang == "fa",
        "daily": {
            "labels": [day_label(p.day, lang) for p in points],
            "received": [p.received for p in points],
            "closed": [p.closed for p in points],
            "names": {"received": _("Reports received"), "closed": _("Cases closed")},
        },
        "backlog": {
            "labels": [to_persian_digits(b.label) if lang == "fa" else b.label for b in buckets],
            "counts": [b.count for b in buckets],
            "names": {"open": _("Open cases")},
        },
    }


def _sla_list_url(unit: OrgUnit, state: str) -> str:
    """The SLA breach list (oversight/sla_views.py) of this unit, in one state."""
    return (
        f"{reverse('oversight:sla_breaches')}?{urlencode({'station': unit.code, 'state': state})}"
    )


@login_required
@require_GET
def dashboard(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """A unit's dashboard: its indicators, per-day and backlog charts with their tables, its
    child units (drill-down) or, for a station, its late cases."""
    user: User = request.user  # type: ignore[assignment]
    unit = _unit_for(request, code)
    days = d.period_days(request.GET.get("days"))
    period = d.period_of(days)
    lang = _lang()
    indicators = unit_indicators(unit, period)
    rows = d.indicator_rows(indicators)
    points = d.day_points(unit, period)
    buckets = d.backlog(unit)
    front_line = unit.kind in FRONT_LINE_KINDS
    children = [] if front_line else d.child_rows(unit, period)
    if request.GET.get("format") == "csv":
        return _dashboard_csv(request, unit, period, rows, points, buckets, children)
    context: dict[str, Any] = {
        "unit": unit,
        "crumbs": d.breadcrumbs(user=user, unit=unit),
        "rows": rows,
        "points": [(p, jalali.format_date(p.day, lang)) for p in points],
        "buckets": buckets,
        "backlog_total": sum(b.count for b in buckets),
        "children": [
            (c, [(d.METRIC_BY_KEY[k], c.value(k)) for k in CHILD_COLUMNS]) for c in children
        ],
        "child_metrics": [d.METRIC_BY_KEY[k] for k in CHILD_COLUMNS],
        "front_line": front_line,
        "chart_data": _chart_data(points, buckets, lang),
        **_period_context(days, period, lang),
    }
    context["sla_breached_url"] = _sla_list_url(unit, "breached")
    context["sla_at_risk_url"] = _sla_list_url(unit, "at_risk")
    thin = {"station": unit.code, "days": str(min(days, 90))}  # its periods: 7, 30, 90
    context["completeness_url"] = f"{reverse('oversight:completeness')}?{urlencode(thin)}"
    if front_line:
        context["breached"] = list(d.station_cases(user=user, unit=unit, state="breached"))
        context["at_risk"] = list(d.station_cases(user=user, unit=unit, state="at_risk"))
    return render(request, "oversight/dashboard.html", context)


def _dashboard_csv(
    request: HttpRequest,
    unit: OrgUnit,
    period: Period,
    rows: list[d.Row],
    points: list[d.DayPoint],
    buckets: list[d.Age],
    children: list[d.UnitRow],
) -> HttpResponse:
    table = request.GET.get("table", "indicators")
    if table not in CSV_TABLES:
        table = "indicators"
    lang = _lang()
    name = f"{unit.code}-{table}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    if table == "daily":
        return csv_response(
            name,
            [_("Day"), _("Date"), _("Reports received"), _("Cases closed")],
            [
                (p.day.isoformat(), jalali.format_date(p.day, lang), p.received, p.closed)
                for p in points
            ],
        )
    if table == "backlog":
        return csv_response(
            name, [_("Age"), _("Open cases")], [(b.label, b.count) for b in buckets]
        )
    if table == "children":
        metrics = [d.METRIC_BY_KEY[k] for k in CHILD_COLUMNS]
        return csv_response(
            name,
            [_("Code"), _("Unit"), *[str(m.label) for m in metrics]],
            [
                (c.unit.code, c.unit.name, *[m.value(c.indicators) for m in metrics])
                for c in children
            ],
        )
    return csv_response(
        name,
        [_("Unit"), _("Indicator"), _("Value")],
        [(unit.name, str(r.metric.label), r.value) for r in rows],
    )


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Rank the units below one on an indicator, fairly: counts per 1,000 reports."""
    unit = _unit_for(request, request.GET.get("unit") or None)
    days = d.period_days(request.GET.get("days"))
    period = d.period_of(days)
    metric = d.METRIC_BY_KEY.get(
        request.GET.get("indicator", ""), d.METRIC_BY_KEY[d.DEFAULT_COMPARE]
    )
    if not metric.compare:
        metric = d.METRIC_BY_KEY[d.DEFAULT_COMPARE]
    level = "stations" if request.GET.get("level") == "stations" else "children"
    units = d.front_line_rows(unit, period) if level == "stations" else d.child_rows(unit, period)
    ranked = d.rank(metric, units)
    kind = "normalised" if metric.normalise else metric.kind
    lang = _lang()
    if request.GET.get("format") == "csv":
        value_head = (
            _("%(indicator)s per 1,000 reports") % {"indicator": metric.label}
            if metric.normalise
            else str(metric.label)
        )
        return csv_response(
            f"{unit.code}-compare-{metric.key}-{period.start.isoformat()}-{period.end.isoformat()}.csv",
            [
                _("Rank"),
                _("Code"),
                _("Unit"),
                _("Reports received"),
                str(metric.label),
                value_head,
                _("Ranked"),
            ],
            [
                (
                    r.rank,
                    r.unit.code,
                    r.unit.name,
                    r.received,
                    r.raw,
                    r.value,
                    _("yes") if r.rank else _("no: too few reports"),
                )
                for r in ranked
            ],
        )
    return render(
        request,
        "oversight/compare.html",
        {
            "unit": unit,
            "metric": metric,
            "metrics": d.COMPARABLE,
            "level": level,
            "ranked": [
                (r, figure_text(r.value, kind, lang), figure_text(r.raw, metric.kind, lang))
                for r in ranked
            ],
            "min_reports": d.MIN_REPORTS_TO_RANK,
            "csv_url": request.get_full_path()
            + ("&" if "?" in request.get_full_path() else "?")
            + "format=csv",
            "dashboard_url": reverse("oversight:dashboard_unit", kwargs={"code": unit.code}),
            **_period_context(days, period, lang),
        },
    )
