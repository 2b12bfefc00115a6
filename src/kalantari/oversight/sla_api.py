"""Staff API of the SLA breach list (GET /api/v1/oversight/sla)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from kalantari.core.problems import Problem
from kalantari.core.tracking import format_tracking_code
from kalantari.org.auth import staff_auth
from kalantari.oversight import sla

router = Router(tags=["staff"], auth=staff_auth)


class BreachOut(Schema):
    id: uuid.UUID
    tracking_code: str
    sla_state: str = Field(..., description="breached or at_risk")
    category: str
    station: str
    due: datetime = Field(..., description="The nearest due time still to meet")
    due_for: str = Field(..., description="first_response or resolution")
    late_seconds: int = Field(..., description="How late (negative: time left)")


class BreachPage(Schema):
    count: int
    items: list[BreachOut]


class BreachFilters(Schema):
    state: str = Field("", description="breached, at_risk, or empty for both")
    station: str = Field("", description="A station's code within the caller's units")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)


@router.get(
    "/sla",
    response={200: BreachPage, 403: Problem, 404: Problem},
    summary="Breached and at-risk open cases of the caller's units, most overdue first",
    description="For a commander (their station) and an inspector (their unit and below).",
)
def sla_breaches(request: HttpRequest, filters: Query[BreachFilters]) -> dict[str, Any]:
    now = timezone.now()
    qs = sla.breach_list(
        user=request.user,  # type: ignore[arg-type]
        state=filters.state,
        station=filters.station,
        now=now,
    )
    cases = list(qs[filters.offset : filters.offset + filters.limit])
    items = [
        {
            "id": row.case.pk,
            "tracking_code": format_tracking_code(row.case.report.tracking_code),
            "sla_state": row.state.value,
            "category": row.case.category.code,
            "station": row.case.station.code,
            "due": row.due,
            "due_for": row.which,
            "late_seconds": int(row.late.total_seconds()),
        }
        for row in sla.breach_rows(cases, now)
    ]
    return {"count": qs.count(), "items": items}
