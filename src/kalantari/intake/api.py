"""Public API: categories, stations, submit a report, check its status, add a follow-up."""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kalantari.audit.selectors import CitizenAccess, accesses_to_report
from kalantari.audit.services import RequestContext
from kalantari.core import idempotency
from kalantari.core.errors import ValidationFailed
from kalantari.intake import selectors
from kalantari.intake.files import REFUSED_TOO_MANY, IncomingFile
from kalantari.intake.models import Channel
from kalantari.intake.services import (
    ReportDraft,
    followup_add,
    report_submit,
    status_code_send,
    status_lookup,
)

router = Router(tags=["public"], auth=None)  # public: no sign-in (config/api.py)


class ExtraFieldOut(Schema):
    name: str
    kind: str
    label: str
    required: bool


class CategoryOut(Schema):
    code: str
    group: str
    name: str
    name_fa: str
    name_en: str
    default_priority: int
    allows_anonymous: bool
    extra_fields: list[ExtraFieldOut]


class UnitOut(Schema):
    code: str
    kind: str
    name_fa: str
    name_en: str
    parent: str | None
    latitude: float | None
    longitude: float | None
    phone: str
    open_24_7: bool


class AttachmentIn(Schema):
    filename: str = Field(..., max_length=200)
    content_base64: str = Field(..., description="The file's bytes, base64-encoded (8 MB at most).")
    field: str = Field("", description="For a category's photo field, its name; else empty.")


class ReportIn(Schema):
    category: str = Field(..., description="A category code from GET /categories.")
    statement: str = Field(..., description="What happened, in the citizen's words (10,000 chars).")
    occurred_at: str = Field(
        ...,
        description=(
            "When it happened, in Tehran time: a Jalali or Gregorian date with an optional time, "
            "in any digits: '1403/08/12 14:30', '۱۴۰۳/۰۸/۱۲', '2024-11-02T14:30'. "
            "Not in the future."
        ),
    )
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    station: str = Field("", description="A station or outpost code; empty to route by location.")
    county: str = Field("", description="A county code: routes to its nearest station/outpost.")
    anonymous: bool = Field(False, description="Only for categories that allow it (tips).")
    name: str = ""
    national_id: str = Field("", description="10 digits with a valid check digit.")
    mobile: str = Field("", description="09…, +989… or 00989…")
    extra: dict[str, str] = Field(default_factory=dict, description="The category's extra fields.")
    attachments: list[AttachmentIn] = Field(default_factory=list)


class StationOut(Schema):
    code: str
    name_fa: str
    name_en: str
    phone: str


class ReportCreated(Schema):
    tracking_code: str
    status: str
    status_url: str
    station: StationOut
    routing_reason: str
    anonymous: bool
    pin: str | None = Field(
        None, description="Anonymous reports only: the secret PIN to follow it."
    )


class Problem(Schema):
    type: str
    title: str
    status: int
    code: str
    detail: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


class StatusIn(Schema):
    tracking_code: str
    mobile: str = Field("", description="The mobile given with the report…")
    pin: str = Field("", description="…or, for an anonymous report, its PIN.")


class TimelineItem(Schema):
    at: datetime
    kind: str
    status: str
    status_label: str
    text: str


class ReferralOut(Schema):
    target: str
    target_label: str
    name: str
    contact: str


class MessageOut(Schema):
    at: datetime
    text: str
    files: int


class StatusOut(Schema):
    tracking_code: str
    status: str
    status_label: str
    category: str
    station: StationOut
    submitted_at: datetime
    last_activity_at: datetime
    rejection_reason: str
    referral: ReferralOut | None
    timeline: list[TimelineItem]
    occurred_at: datetime
    statement: str = Field(..., description="What the citizen reported, in their words.")
    messages: list[MessageOut] = Field(..., description="The citizen's own follow-ups.")


class FollowUpIn(StatusIn):
    message: str = ""
    attachments: list[AttachmentIn] = Field(default_factory=list)


class FollowUpOut(Schema):
    received: bool
    at: datetime


@router.get("/categories", response=list[CategoryOut], summary="Kinds of report")
def list_categories(request: HttpRequest) -> list[dict[str, Any]]:
    return selectors.categories_public()


@router.get("/stations", response=list[UnitOut], summary="Org units: provinces, counties, stations")
def list_stations(request: HttpRequest) -> list[dict[str, Any]]:
    return selectors.units_public()


def _decode(items: list[AttachmentIn]) -> list[IncomingFile]:
    """The attachments' bytes; too many, or one too large, is refused before decoding."""
    if len(items) > settings.KALANTARI_UPLOAD_MAX_FILES:
        return [IncomingFile(name=i.filename, content=b"", refused=REFUSED_TOO_MANY) for i in items]
    files = []
    for item in items:
        if len(item.content_base64) * 3 // 4 > settings.KALANTARI_UPLOAD_MAX_BYTES + 3:
            files.append(
                IncomingFile(
                    name=item.filename, content=b"", field_name=item.field, refused="file_too_large"
                )
            )
            continue
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed(
                _("The attachment is not valid base64."),
                code="attachment_encoding",
                field="attachments",
            ) from None
        files.append(IncomingFile(name=item.filename, content=content, field_name=item.field))
    return files


def _split_when(value: str) -> tuple[str, str]:
    text = value.strip().replace("T", " ", 1)
    date_part, _sep, time_part = text.partition(" ")
    return date_part, time_part[:5]


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
    date_part, time_part = _split_when(payload.occurred_at)
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
        files=_decode(payload.attachments),
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


def _lookup(request: HttpRequest, payload: StatusIn) -> Any:
    return status_lookup(
        tracking_code=payload.tracking_code,
        secret=payload.pin or payload.mobile,
        context=RequestContext.from_request(request),
    )


@router.post(
    "/status",
    response={200: StatusOut, 404: Problem, 422: Problem, 429: Problem},
    summary="A report's status and public timeline",
    description="The tracking code with the mobile (or the PIN). Wrong pairs all answer 404.",
)
def report_status(request: HttpRequest, payload: StatusIn) -> dict[str, Any]:
    return selectors.public_status(_lookup(request, payload))


@router.post(
    "/status/followups",
    response={201: FollowUpOut, 404: Problem, 422: Problem, 429: Problem},
    summary="Add a message or file to a report",
)
def add_followup(request: HttpRequest, payload: FollowUpIn) -> Any:
    report = _lookup(request, payload)
    followup = followup_add(
        report=report,
        message=payload.message,
        files=_decode(payload.attachments),
        context=RequestContext.from_request(request),
    )
    return Status(201, {"received": True, "at": followup.created_at})


class AccessOut(Schema):
    day: date = Field(..., description="The day (Asia/Tehran) of these accesses.")
    first_at: datetime
    last_at: datetime
    unit: str = Field(..., description="The reader's unit (never the reader's name).")
    role: str
    what: list[str] = Field(..., description="What they did, in the request's language.")
    purposes: list[str] = Field(
        ..., description="The purpose categories they chose (never an officer's free text)."
    )
    times: int


def access_rows(accesses: list[CitizenAccess]) -> list[dict[str, Any]]:
    """Accesses as `AccessOut` rows (the report's page and the person's own request)."""
    return [
        {
            "day": a.day,
            "first_at": a.first_at,
            "last_at": a.last_at,
            "unit": a.unit.name if a.unit else "",
            "role": a.role,
            "what": a.labels,
            "purposes": a.purposes,
            "times": a.times,
        }
        for a in accesses
    ]


@router.post(
    "/status/accesses",
    response={200: list[AccessOut], 404: Problem, 422: Problem, 429: Problem},
    summary="Who at the police has seen my report",
    description="Staff accesses to this report and its case file, one row per reader and "
    "day: which unit and role, what they did and the purpose category chosen. Searches "
    "for a person are disclosed only to that person after an identity check at a station "
    "(POST /my-data). Accesses deferred for an open investigation appear when the deferral "
    "ends. Same code and mobile (or PIN) as /status.",
)
def report_accesses(request: HttpRequest, payload: StatusIn) -> list[dict[str, Any]]:
    return access_rows(accesses_to_report(_lookup(request, payload)))


class StatusCodeIn(Schema):
    tracking_code: str


@router.post(
    "/status/code",
    response={202: None, 422: Problem, 429: Problem},
    summary="Text a one-time code to the report's mobile",
    description="The code (6 digits, once, for 10 minutes) then goes in `mobile` of /status "
    "or /status/accesses. The answer is the same whether or not the report exists.",
)
def send_status_code(request: HttpRequest, payload: StatusCodeIn) -> Any:
    status_code_send(
        tracking_code=payload.tracking_code, context=RequestContext.from_request(request)
    )
    return Status(202, None)
