"""Public API that touches a case: file a report (it opens one), its status, follow-ups.

Same paths as before under /api/v1 (mounted at "/" beside intake's router); here because
cases sits above intake (docs/architecture.md, "Layers")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Router, Status

from kalantari.audit.services import RequestContext
from kalantari.cases import selectors
from kalantari.cases.services import followup_add, report_submit
from kalantari.core import idempotency
from kalantari.intake.api import (
    FollowUpIn,
    FollowUpOut,
    Problem,
    ReportCreated,
    ReportIn,
    StatusIn,
    StatusOut,
    decode_attachments,
    lookup_report,
    split_when,
)
from kalantari.intake.models import Channel
from kalantari.intake.services import ReportDraft

router = Router(tags=["public"], auth=None)  # public: no sign-in (config/api.py)


@router.post(
    "/reports",
    response={201: ReportCreated, 200: ReportCreated, 400: Problem, 422: Problem, 429: Problem},
    summary="File a report",
    description=(
        "Send an `Idempotency-Key` header (any unique string up to 255 characters): the same "
        "key and body give one report and the same answer however often or concurrently they "
        "are sent (a replay answers 201 with `Idempotent-Replayed: true`); the same key with a "
        "different body is refused (422, code `idempotency_key_reused`). Reports are limited "
        "per address and per person (429, code `rate_limited`, with Retry-After); a replay "
        "is not counted again."
    ),
)
def submit_report(request: HttpRequest, payload: ReportIn, response: HttpResponse) -> Any:
    date_part, time_part = split_when(payload.occurred_at)
    draft = ReportDraft(
        category=payload.category,
        statement=payload.statement,
        occurred_date=date_part,
        occurred_time=time_part,
        address=payload.address,
        latitude=payload.latitude,
        longitude=payload.longitude,
        station=payload.station,
        county=payload.county,
        anonymous=payload.anonymous,
        name=payload.name,
        national_id=payload.national_id,
        mobile=payload.mobile,
        extra=payload.extra,
        files=decode_attachments(payload.attachments),
        channel=Channel.API,
        language=translation.get_language() or "fa",
    )
    key = request.headers.get("Idempotency-Key")
    outcome = report_submit(
        actor=None,
        draft=draft,
        idempotency_key=key,
        fingerprint=idempotency.request_fingerprint(payload.dict()) if key is not None else None,
        context=RequestContext.from_request(request),
    )
    body = {k: v for k, v in outcome.body.items() if k != "report_id"}
    body["status_url"] = request.build_absolute_uri(reverse("intake:status"))
    if outcome.replayed:
        response["Idempotent-Replayed"] = "true"
    return Status(201, body)


@router.post(
    "/status",
    response={200: StatusOut, 404: Problem, 422: Problem, 429: Problem},
    summary="A report's status and public timeline",
    description="The tracking code with the mobile (or the PIN). Wrong pairs all answer 404.",
)
def report_status(request: HttpRequest, payload: StatusIn) -> dict[str, Any]:
    return selectors.public_status(lookup_report(request, payload))


@router.post(
    "/status/followups",
    response={201: FollowUpOut, 404: Problem, 422: Problem, 429: Problem},
    summary="Add a message or file to a report",
)
def add_followup(request: HttpRequest, payload: FollowUpIn) -> Any:
    report = lookup_report(request, payload)
    followup = followup_add(
        report=report,
        message=payload.message,
        files=decode_attachments(payload.attachments),
        context=RequestContext.from_request(request),
    )
    return Status(201, {"received": True, "at": followup.created_at})
