"""Staff API for complaints about officers (inspectors): list, open a file, read one, record
the finding, set and complete corrective actions, and the repeat patterns."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Answer

from kalantari.access import policy
from kalantari.audit.services import RequestContext
from kalantari.core.errors import Forbidden, NotFound
from kalantari.core.problems import Problem
from kalantari.core.tracking import format_tracking_code
from kalantari.org.auth import staff_auth
from kalantari.org.models import User
from kalantari.oversight import conduct, conduct_selectors
from kalantari.oversight.conduct_selectors import PatternRow
from kalantari.oversight.models import ConductComplaint, CorrectiveAction

router = Router(tags=["staff"], auth=staff_auth)


class ActionOut(Schema):
    id: uuid.UUID
    kind: str
    responsible: int
    due_date: date
    completed_at: datetime | None
    overdue: bool
    note: str
    version: int


class ComplaintOut(Schema):
    id: uuid.UUID
    case: uuid.UUID
    tracking_code: str
    received_at: datetime
    handling_unit: str
    accused_unit: str
    accused_officer: int | None
    finding: str
    decided_at: datetime | None
    version: int


class ComplaintDetailOut(ComplaintOut):
    description: str
    finding_reasons: str
    decided_by: int | None
    actions: list[ActionOut]


class OpenIn(Schema):
    case: uuid.UUID
    accused_unit: str = Field(
        "",
        description="The accused station's code (default: the one the citizen named when filing).",
    )
    accused_badge: str = Field("", description="The officer's badge number, if known.")
    description: str


class FindingIn(Schema):
    finding: str = Field(..., description="upheld, partly_upheld, not_upheld or no_finding")
    reasons: str
    version: int = Field(..., ge=1, le=2**31 - 1)


class ActionIn(Schema):
    kind: str = Field(..., description="training, warning, reassignment or referral")
    responsible: int = Field(..., ge=1, le=2**63 - 1)
    due_date: str = Field(..., description="Jalali (1405/01/15) or Gregorian (2026-04-04).")
    note: str = ""


class CompleteIn(Schema):
    version: int = Field(..., ge=1, le=2**31 - 1)
    note: str = ""


class PatternOut(Schema):
    id: str
    name: str
    complaints_90: int
    upheld_90: int
    complaints_365: int
    upheld_365: int
    repeat: bool


class PatternsOut(Schema):
    officers: list[PatternOut]
    stations: list[PatternOut]


def _user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if policy.conduct_scope(user) is None:
        raise Forbidden(
            _("Only inspectors see the complaints about officers."), code="not_an_inspector"
        )
    return user


def _handler(request: HttpRequest) -> User:
    """An inspector, for one complaint: anyone else is told it does not exist (404)."""
    user: User = request.user  # type: ignore[assignment]
    if policy.conduct_scope(user) is None:
        raise NotFound(_("Not found."))
    return user


def _summary(c: ConductComplaint) -> dict[str, Any]:
    return {
        "id": c.pk,
        "case": c.case_id,
        "tracking_code": format_tracking_code(c.case.report.tracking_code),
        "received_at": c.received_at,
        "handling_unit": c.handling_unit.code,
        "accused_unit": c.accused_unit.code,
        "accused_officer": c.accused_officer_id,
        "finding": c.finding,
        "decided_at": c.decided_at,
        "version": c.version,
    }


def _action(a: CorrectiveAction, today: date) -> dict[str, Any]:
    return {
        "id": a.pk,
        "kind": a.kind,
        "responsible": a.responsible_id,
        "due_date": a.due_date,
        "completed_at": a.completed_at,
        "overdue": a.completed_at is None and a.due_date < today,
        "note": a.note,
        "version": a.version,
    }


def _detail(c: ConductComplaint) -> dict[str, Any]:
    today = timezone.localdate()
    return _summary(c) | {
        "description": c.description,
        "finding_reasons": c.finding_reasons,
        "decided_by": c.decided_by_id,
        "actions": [_action(a, today) for a in c.actions.all()],
    }


@router.get("/complaints", response={200: list[ComplaintOut], 403: Problem}, summary="Complaints")
def list_complaints(request: HttpRequest) -> list[dict[str, Any]]:
    user = _user(request)
    return [_summary(c) for c in conduct_selectors.complaints_visible_to(user=user)[:500]]


@router.post(
    "/complaints",
    response={201: ComplaintDetailOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Open the file of a complaint about an officer from its case",
)
def open_complaint(request: HttpRequest, payload: OpenIn) -> Any:
    user = _handler(request)
    complaint = conduct.conduct_complaint_open(
        actor=user,
        case_id=payload.case,
        accused_unit=payload.accused_unit,
        accused_badge=payload.accused_badge,
        description=payload.description,
        context=RequestContext.from_request(request),
    )
    return Answer(201, _detail(ConductComplaint.objects.get(pk=complaint.pk)))


@router.get(
    "/complaints/patterns",
    response={200: PatternsOut, 403: Problem},
    summary="Complaints and upheld findings per officer and station (90 and 365 days)",
)
def patterns(request: HttpRequest) -> dict[str, Any]:
    user = _user(request)
    p = conduct.conduct_patterns_review(actor=user, context=RequestContext.from_request(request))

    def rows(items: list[PatternRow], officers: bool) -> list[dict[str, Any]]:
        return [
            {
                "id": str(r.key.pk) if officers else r.key.code,
                "name": r.key.display_name if officers else r.key.name,
                "complaints_90": r.complaints_90,
                "upheld_90": r.upheld_90,
                "complaints_365": r.complaints_365,
                "upheld_365": r.upheld_365,
                "repeat": r.repeat,
            }
            for r in items
        ]

    return {"officers": rows(p.officers, True), "stations": rows(p.stations, False)}


@router.get(
    "/complaints/{complaint_id}",
    response={200: ComplaintDetailOut, 403: Problem, 404: Problem},
    summary="One complaint with its finding and corrective actions",
)
def get_complaint(request: HttpRequest, complaint_id: uuid.UUID) -> dict[str, Any]:
    user = _handler(request)
    complaint = conduct.conduct_complaint_view(
        actor=user, complaint_id=complaint_id, context=RequestContext.from_request(request)
    )
    return _detail(complaint)


@router.post(
    "/complaints/{complaint_id}/finding",
    response={200: ComplaintDetailOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Record the finding (once)",
)
def record_finding(request: HttpRequest, complaint_id: uuid.UUID, payload: FindingIn) -> Any:
    user = _handler(request)
    complaint = conduct.conduct_finding_record(
        actor=user,
        complaint_id=complaint_id,
        version=payload.version,
        finding=payload.finding,
        reasons=payload.reasons,
        context=RequestContext.from_request(request),
    )
    return _detail(complaint)


@router.post(
    "/complaints/{complaint_id}/actions",
    response={201: ActionOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Set a corrective action on an upheld complaint",
)
def add_action(request: HttpRequest, complaint_id: uuid.UUID, payload: ActionIn) -> Any:
    user = _handler(request)
    action = conduct.corrective_action_add(
        actor=user,
        complaint_id=complaint_id,
        kind=payload.kind,
        responsible_id=payload.responsible,
        due_date=payload.due_date,
        note=payload.note,
        context=RequestContext.from_request(request),
    )
    return Answer(201, _action(action, timezone.localdate()))


@router.post(
    "/actions/{action_id}/complete",
    response={200: ActionOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Mark a corrective action completed",
)
def complete_action(request: HttpRequest, action_id: uuid.UUID, payload: CompleteIn) -> Any:
    user = _handler(request)
    action = conduct.corrective_action_complete(
        actor=user,
        action_id=action_id,
        version=payload.version,
        note=payload.note,
        context=RequestContext.from_request(request),
    )
    return _action(action, timezone.localdate())
