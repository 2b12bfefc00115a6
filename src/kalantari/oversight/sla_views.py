"""The commander's and inspector's lists: SLA breaches and near-breaches, and thin files."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kalantari.cases.models import SlaState
from kalantari.cases.sla import format_span
from kalantari.core.errors import Forbidden, NotFound
from kalantari.org.models import User
from kalantari.oversight import sla

PAGE_SIZE = 50


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


@login_required
def sla_breaches(request: HttpRequest) -> HttpResponse:
    """Breached and at-risk open cases of the user's units, most overdue first."""
    user: User = request.user  # type: ignore[assignment]
    state = request.GET.get("state", "")
    station = request.GET.get("station", "")
    now = timezone.now()
    try:
        qs = sla.breach_list(user=user, state=state, station=station, now=now)
    except Forbidden:
        raise PermissionDenied from None
    except NotFound:
        raise Http404 from None
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = [(row, format_span(row.late)) for row in sla.breach_rows(list(page.object_list), now)]
    context: dict[str, Any] = {
        "page": page,
        "rows": rows,
        "state": state,
        "station": station,
        "states": [(s.value, s.label) for s in sla.BREACH_STATES],
        "stations": sla.stations_in_scope(user),
        "querystring": query.urlencode(),
        "breached": SlaState.BREACHED,
    }
    return render(request, "oversight/sla_breaches.html", context)


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    """Files that lack something, by station, and the completeness rate of the period."""
    user: User = request.user  # type: ignore[assignment]
    station = request.GET.get("station", "")
    days = _int(request.GET.get("days"), 30)
    try:
        result = sla.completeness(user=user, station=station, days=days)
    except Forbidden:
        raise PermissionDenied from None
    except NotFound:
        raise Http404 from None
    context: dict[str, Any] = {
        "result": result,
        "station": station,
        "days": days if days in sla.PERIODS else 30,
        "periods": sla.PERIODS,
        "stations": sla.stations_in_scope(user),
        "scan_limit": sla.SCAN_LIMIT,
    }
    return render(request, "oversight/completeness.html", context)
