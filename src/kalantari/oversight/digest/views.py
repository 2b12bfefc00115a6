"""The digest page: the reader's latest week by default, or a chosen past week."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kalantari.org.models import OrgUnit, User
from kalantari.oversight.digest import rule
from kalantari.oversight.digest.contents import REPEAT_COMPLAINTS, digest_for
from kalantari.oversight.digest.weeks import Week

WEEKS_OFFERED = 12


def _chosen_week(value: str, latest: Week) -> Week:
    try:
        week = Week.containing(date.fromisoformat(value))
    except ValueError:
        return latest
    return min(week, latest)


def station_url(unit: OrgUnit) -> str:
    """The station's dashboard, once the dashboards are installed; else its digest scope."""
    try:
        return reverse("oversight:dashboard_unit", kwargs={"code": unit.code})
    except NoReverseMatch:
        return ""


@login_required
@require_GET
def digest_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    latest = Week.latest_complete(timezone.localdate())
    week = _chosen_week(request.GET.get("week", ""), latest)
    digest = digest_for(user=user, week=week)
    if digest is None:
        raise PermissionDenied
    context: dict[str, Any] = {
        "digest": digest,
        "weeks": [latest.before(n) for n in range(WEEKS_OFFERED)],
        "stations": [(s, station_url(s.unit)) for s in digest.stations],
        "rule": {
            "history": rule.HISTORY_WEEKS,
            "min_history": rule.MIN_HISTORY_WEEKS,
            "min_reports": rule.MIN_REPORTS,
            "spread": rule.SPREAD,
            "repeat": REPEAT_COMPLAINTS,
        },
    }
    return render(request, "oversight/digest.html", context)
