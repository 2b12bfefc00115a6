"""Public API: categories, stations, the status code; the schemas of the public endpoints.

Filing a report, its status and follow-ups touch the case (`cases.public_api`); who has
seen a report reads the audit log (`oversight.api`): docs/architecture.md, "Layers"."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from kalantari.audit.services import RequestContext
from kalantari.core.errors import ValidationFailed
from kalantari.intake import selectors
from kalantari.intake.files import REFUSED_TOO_MANY, IncomingFile
from kalantari.intake.services import status_code_send, status_lookup

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


def decode_attachments(items: list[AttachmentIn]) -> list[IncomingFile]:
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


def split_when(value: str) -> tuple[str, str]:
    text = value.strip().replace("T", " ", 1)
    date_part, _sep, time_part = text.partition(" ")
    return date_part, time_part[:5]


def lookup_report(request: HttpRequest, payload: StatusIn) -> Any:
    return status_lookup(
        tracking_code=payload.tracking_code,
        secret=payload.pin or payload.mobile,
        context=RequestContext.from_request(request),
    )


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
