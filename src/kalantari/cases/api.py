"""Staff API for the station desk: the queue, a case, its moves, notes and claims."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja import Status as Answer

from kalantari.access import policy
from kalantari.audit.services import RequestContext
from kalantari.cases import selectors, services
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.cases.workflow import MOVES
from kalantari.core.problems import Problem
from kalantari.core.tracking import format_tracking_code
from kalantari.org.auth import staff_auth
from kalantari.org.models import User

router = Router(tags=["staff"], auth=staff_auth)


class PersonRef(Schema):
    id: int
    name: str


class CaseOut(Schema):
    id: uuid.UUID
    tracking_code: str
    status: str
    status_label: str
    category: str
    priority: int
    station: str
    assignee: PersonRef | None
    claimed_by: PersonRef | None
    sla_state: str = Field(..., description="on_track, at_risk, breached, paused or done")
    first_response_due: datetime
    resolution_due: datetime
    sla_paused_at: datetime | None = Field(
        ..., description="When the clock stopped (the case waits on the citizen or a referral)"
    )
    sla_pause_reason: str = Field(..., description="citizen, referral, or empty")
    sla_paused_seconds: int = Field(..., description="Length of the finished pauses")
    unread_followups: int
    version: int
    created_at: datetime
    last_activity_at: datetime


class EventOut(Schema):
    at: datetime
    kind: str
    actor: PersonRef | None
    from_status: str
    to_status: str
    reason: str
    public: bool


class ComplainantOut(Schema):
    anonymous: bool
    name: str
    national_id: str
    mobile: str


class CaseDetailOut(CaseOut):
    statement: str
    occurred_at: datetime
    address: str
    latitude: float | None
    longitude: float | None
    routing_reason: str
    extra: dict[str, Any]
    complainant: ComplainantOut
    referral_target: str
    referral_name: str
    referral_contact: str
    rejection_reason: str
    allowed_actions: list[str] = Field(
        ...,
        description="What the caller may do with the case now (the workflow's moves in order, "
        "then claim, release, pause, resume, note); any other action is refused.",
    )
    timeline: list[EventOut]


class CasePage(Schema):
    count: int
    items: list[CaseOut]


class TransitionIn(Schema):
    action: str = Field(
        ...,
        description="triage, assign, start, resolve, send_back, close, refer, reject or reopen",
    )
    version: int = Field(
        ..., ge=1, le=2**31 - 1, description="The case's version as read; a stale one answers 409."
    )
    reason: str = ""
    assignee_id: int | None = Field(None, ge=1, le=2**63 - 1)
    referral_target: str = Field("", description="judiciary, unit or agency (for refer)")
    referral_unit: str = Field("", description="Unit code when referral_target is unit")
    referral_name: str = ""
    referral_contact: str = ""


class NoteIn(Schema):
    body: str
    public: bool = False


class ClaimIn(Schema):
    version: int = Field(..., ge=1, le=2**31 - 1)
    release: bool = False


class PauseIn(Schema):
    version: int = Field(..., ge=1, le=2**31 - 1)
    note: str = Field(
        ..., description="What the citizen should bring or send; shown to the citizen."
    )


class ResumeIn(Schema):
    version: int = Field(..., ge=1, le=2**31 - 1)


class SearchIn(Schema):
    q: str = Field(..., description="A tracking code, national ID, mobile or part of a name.")
    purpose_code: str = Field(
        "",
        description="Why, as one of: report, investigation, identity, missing, judicial, "
        "oversight. Required when the query is a person's national ID, mobile or name; the "
        "person may later see this category (never `purpose`).",
    )
    purpose: str = Field(
        "",
        max_length=300,
        description="Optional details for inspectors; recorded in the audit log, never shown "
        "to the person.",
    )


class SearchOut(Schema):
    matched_as: str
    items: list[CaseOut]


def _person(user: User | None) -> dict[str, Any] | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "tracking_code": format_tracking_code(case.report.tracking_code),
        "status": case.status,
        "status_label": str(Status(case.status).label),
        "category": case.category.code,
        "priority": case.priority,
        "station": case.station.code,
        "assignee": _person(case.assignee),
        "claimed_by": _person(case.claimed_by),
        "sla_state": selectors.sla_state(case),
        "first_response_due": case.first_response_due,
        "resolution_due": case.resolution_due,
        "sla_paused_at": case.sla_paused_at,
        "sla_pause_reason": case.sla_pause_reason,
        "sla_paused_seconds": case.sla_paused_seconds,
        "unread_followups": case.unread_followups,
        "version": case.version,
        "created_at": case.created_at,
        "last_activity_at": case.last_activity_at,
    }


def _event(e: CaseEvent) -> dict[str, Any]:
    return {
        "at": e.at,
        "kind": EventKind(e.kind).value,
        "actor": _person(e.actor),
        "from_status": e.from_status,
        "to_status": e.to_status,
        "reason": e.reason,
        "public": e.public,
    }


def case_detail(case: Case, user: User) -> dict[str, Any]:
    report = case.report
    actions = list(policy.case_available_actions(user, case, MOVES))
    return case_summary(case) | {
        "statement": report.statement,
        "occurred_at": report.occurred_at,
        "address": report.address,
        "latitude": float(report.latitude) if report.latitude is not None else None,
        "longitude": float(report.longitude) if report.longitude is not None else None,
        "routing_reason": report.routing_detail,
        "extra": report.extra,
        "complainant": {
            "anonymous": report.anonymous,
            "name": report.complainant_name,
            "national_id": report.national_id,
            "mobile": report.mobile,
        },
        "referral_target": case.referral_target,
        "referral_name": case.referral_name,
        "referral_contact": case.referral_contact,
        "rejection_reason": case.rejection_reason,
        "allowed_actions": actions,
        "timeline": [_event(e) for e in selectors.case_timeline(case=case)],
    }


class QueueFilters(Schema):
    status: str = Field("", description="A status, or 'open'")
    category: str = ""
    priority: int | None = Field(None, ge=1, le=4)
    sla: str = Field("", description="on_track, at_risk, breached or done")
    assignee: str = Field("", description="A staff id, 'me' or 'none'")
    unread: bool = False
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10**9)


@router.get("", response=CasePage, summary="The queue of cases the caller may see")
def list_cases(request: HttpRequest, filters: Query[QueueFilters]) -> dict[str, Any]:
    qs = selectors.case_list_visible_to(
        user=request.user,  # type: ignore[arg-type]
        filters=selectors.CaseFilters(
            status=filters.status,
            category=filters.category,
            priority=filters.priority,
            sla=filters.sla,
            assignee=filters.assignee,
            unread=filters.unread,
        ),
    )
    items = list(qs[filters.offset : filters.offset + filters.limit])
    return {"count": qs.count(), "items": [case_summary(c) for c in items]}


@router.post(
    "/search",
    response={200: SearchOut, 422: Problem},
    summary="Search by tracking code, national ID, mobile or name",
    description="A POST so that identifiers never appear in a URL. Letter and digit variants fold.",
)
def search_cases(request: HttpRequest, payload: SearchIn) -> dict[str, Any]:
    kind, found = services.case_search_audited(
        actor=request.user,  # type: ignore[arg-type]
        query=payload.q,
        purpose_code=payload.purpose_code,
        purpose=payload.purpose,
        context=RequestContext.from_request(request),
    )
    return {"matched_as": kind, "items": [case_summary(c) for c in found]}


@router.get("/{case_id}", response={200: CaseDetailOut, 404: Problem}, summary="One case")
def get_case(request: HttpRequest, case_id: uuid.UUID) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    case = services.case_view(
        actor=user, case_id=case_id, context=RequestContext.from_request(request)
    )
    return case_detail(case, user)


@router.post(
    "/{case_id}/transitions",
    response={200: CaseDetailOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Move a case along its life cycle",
)
def transition(request: HttpRequest, case_id: uuid.UUID, payload: TransitionIn) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    case = services.case_transition(
        actor=user,
        case_id=case_id,
        action=payload.action,
        expected_version=payload.version,
        reason=payload.reason,
        assignee_id=payload.assignee_id,
        referral_target=payload.referral_target or None,
        referral_unit_code=payload.referral_unit,
        referral_name=payload.referral_name,
        referral_contact=payload.referral_contact,
        context=RequestContext.from_request(request),
    )
    return case_detail(selectors.case_get_visible(user=user, case_id=case.pk), user)


@router.post(
    "/{case_id}/notes",
    response={201: EventOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Add an internal or public note",
)
def add_note(request: HttpRequest, case_id: uuid.UUID, payload: NoteIn) -> Any:
    event = services.case_note_add(
        actor=request.user,  # type: ignore[arg-type]
        case_id=case_id,
        body=payload.body,
        public=payload.public,
        context=RequestContext.from_request(request),
    )
    return Answer(201, _event(event))


@router.post(
    "/{case_id}/claim",
    response={200: CaseOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Claim a case, or release the claim",
)
def claim(request: HttpRequest, case_id: uuid.UUID, payload: ClaimIn) -> dict[str, Any]:
    case = services.case_claim(
        actor=request.user,  # type: ignore[arg-type]
        case_id=case_id,
        expected_version=payload.version,
        release=payload.release,
        context=RequestContext.from_request(request),
    )
    return case_summary(case)


@router.post(
    "/{case_id}/pause",
    response={200: CaseOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Wait for the citizen: stop the SLA clock",
    description="The note tells the citizen what is needed (their status page shows it). A "
    "follow-up from the citizen restarts the clock by itself; so does /resume. Both due "
    "times then move on by the length of the pause.",
)
def pause(request: HttpRequest, case_id: uuid.UUID, payload: PauseIn) -> dict[str, Any]:
    case = services.case_pause(
        actor=request.user,  # type: ignore[arg-type]
        case_id=case_id,
        expected_version=payload.version,
        note=payload.note,
        context=RequestContext.from_request(request),
    )
    return case_summary(case)


@router.post(
    "/{case_id}/resume",
    response={200: CaseOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Restart the SLA clock of a case waiting on the citizen",
)
def resume(request: HttpRequest, case_id: uuid.UUID, payload: ResumeIn) -> dict[str, Any]:
    case = services.case_resume(
        actor=request.user,  # type: ignore[arg-type]
        case_id=case_id,
        expected_version=payload.version,
        context=RequestContext.from_request(request),
    )
    return case_summary(case)
