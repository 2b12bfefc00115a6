"""Filing a report: the draft as typed, its complete check, the insert of the report and its
files (inside the caller's transaction), the public filing limits and the answer."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.core import crypto, identifiers, jalali, throttle
from kalantari.core.errors import ValidationFailed, collect_errors
from kalantari.core.text import clean_text, normalise
from kalantari.core.tracking import format_tracking_code, new_tracking_code
from kalantari.intake import catalogue
from kalantari.intake.extra_fields import clean_extra
from kalantari.intake.files import CleanFile, IncomingFile, clean_files, seal_file, stored_name
from kalantari.intake.models import (
    Attachment,
    Category,
    CategoryGroup,
    Channel,
    Report,
)
from kalantari.intake.routing import RoutingDecision, route_complaint, route_report
from kalantari.org.models import User

MAX_STATEMENT = 10_000
MAX_NAME = 200
MAX_ADDRESS = 500
CLOCK_SKEW = timedelta(minutes=5)
PIN_DIGITS = 8


@dataclass
class ReportDraft:
    """A report as typed: raw strings from the form or the API, checked by `report_validate`."""

    category: str
    statement: str
    occurred_date: str
    occurred_time: str = ""
    address: str = ""
    latitude: str | float | None = None
    longitude: str | float | None = None
    station: str = ""
    county: str = ""
    anonymous: bool = False
    name: str = ""
    national_id: str = ""
    mobile: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    files: list[IncomingFile] = field(default_factory=list)
    channel: str = Channel.WEB
    language: str = "fa"


@dataclass(frozen=True)
class CheckedReport:
    """A draft that passed `report_validate`: the clean values a report is created from."""

    category: Category
    statement: str
    occurred_at: datetime
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    anonymous: bool
    name: str  # empty for an anonymous tip, as are the identifiers
    national_id: str
    mobile: str
    extra: dict[str, Any]
    files: tuple[CleanFile, ...]
    decision: RoutingDecision


@dataclass(frozen=True)
class SubmitOutcome:
    """The answer to a submission; `body` is also what a retried request gets back."""

    body: dict[str, Any]
    replayed: bool


def _coordinate(value: str | float | None, name: str, bound: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip()).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationFailed(
            _("The map position is not valid."), code="location_invalid", field=name
        ) from None
    if not number.is_finite() or abs(number) > bound:
        raise ValidationFailed(
            _("The map position is not valid."), code="location_invalid", field=name
        )
    return number


def _text(
    value: str, name: str, limit: int, *, required: bool, errors: list[ValidationFailed]
) -> str:
    text = clean_text(value or "")
    if required and not text:
        errors.append(ValidationFailed(_("This field is required."), code="required", field=name))
    elif len(text) > limit:
        errors.append(
            ValidationFailed(
                _("Too long: at most %(n)d characters.") % {"n": limit},
                code="too_long",
                field=name,
            )
        )
    return text


def _occurred_at(draft: ReportDraft, errors: list[ValidationFailed]) -> datetime | None:
    if not (draft.occurred_date or "").strip():
        errors.append(
            ValidationFailed(_("Say when it happened."), code="required", field="occurred_date")
        )
        return None
    try:
        at = jalali.parse_local_datetime(
            draft.occurred_date, draft.occurred_time or None, field="occurred_date"
        )
    except ValidationFailed as exc:
        errors.append(exc)
        return None
    if at > timezone.now() + CLOCK_SKEW:
        errors.append(
            ValidationFailed(
                _("The date is in the future."), code="date_in_future", field="occurred_date"
            )
        )
        return None
    years = settings.KALANTARI_INCIDENT_MAX_YEARS  # a slip of the year (1303 for 1403) stops here
    if at < timezone.now() - timedelta(days=round(365.25 * years)):
        message = _("The date is more than %(years)s years ago; check the year.")
        errors.append(
            ValidationFailed(message % {"years": years}, code="date_too_old", field="occurred_date")
        )
        return None
    return at


def _complainant(draft: ReportDraft, errors: list[ValidationFailed]) -> tuple[str, str, str]:
    """The complainant's name, national ID and mobile (a report that is not an anonymous tip)."""
    name = _text(draft.name, "name", MAX_NAME, required=True, errors=errors)
    national_id = mobile = ""
    for attr, fn in (
        ("national_id", identifiers.normalise_national_id),
        ("mobile", identifiers.normalise_mobile),
    ):
        raw = (getattr(draft, attr) or "").strip()
        if not raw:
            errors.append(
                ValidationFailed(_("This field is required."), code="required", field=attr)
            )
            continue
        try:
            if attr == "national_id":
                national_id = fn(raw)
            else:
                mobile = fn(raw)
        except ValidationFailed as exc:
            errors.append(exc)
    return name, national_id, mobile


def report_validate(draft: ReportDraft) -> CheckedReport:
    """Check a draft completely and return the clean values, or raise every error at once."""
    errors: list[ValidationFailed] = []
    category = catalogue.category((draft.category or "").strip())
    if category is None:
        errors.append(
            ValidationFailed(
                _("Choose a kind of report from the list."),
                code="category_unknown",
                field="category",
            )
        )
    statement = _text(draft.statement, "statement", MAX_STATEMENT, required=True, errors=errors)
    occurred_at = _occurred_at(draft, errors)
    address = _text(draft.address, "address", MAX_ADDRESS, required=False, errors=errors)
    lat = lon = None
    try:
        lat = _coordinate(draft.latitude, "latitude", 90)
        lon = _coordinate(draft.longitude, "longitude", 180)
    except ValidationFailed as exc:
        errors.append(exc)
    anonymous = bool(draft.anonymous)
    if anonymous and category is not None and not category.allows_anonymous:
        errors.append(
            ValidationFailed(
                _("This kind of report cannot be anonymous."),
                code="anonymous_not_allowed",
                field="anonymous",
            )
        )
    name = national_id = mobile = ""
    if not anonymous:
        name, national_id, mobile = _complainant(draft, errors)
    files = []
    try:
        files = clean_files(draft.files)
    except ValidationFailed as exc:
        errors.append(exc)
    extra: dict[str, Any] = {}
    if category is not None:
        extra, extra_errors = clean_extra(
            category, draft.extra or {}, {f.field_name for f in files if f.field_name}
        )
        errors.extend(extra_errors)
    decision = None
    try:
        decision = route_report(
            station_code=(draft.station or "").strip() or None,
            county_code=(draft.county or "").strip() or None,
            latitude=float(lat) if lat is not None else None,
            longitude=float(lon) if lon is not None else None,
        )
        if category is not None and category.group == CategoryGroup.CONDUCT:
            decision = route_complaint(decision)
    except ValidationFailed as exc:
        errors.append(exc)
    collect_errors(errors)
    if category is None or occurred_at is None or decision is None:  # each added an error
        raise AssertionError("report_validate: a value is missing without its error")
    return CheckedReport(
        category=category,
        statement=statement,
        occurred_at=occurred_at,
        address=address,
        latitude=lat,
        longitude=lon,
        anonymous=anonymous,
        name=name,
        national_id=national_id,
        mobile=mobile,
        extra=extra,
        files=tuple(files),
        decision=decision,
    )


def report_create(
    *, draft: ReportDraft, clean: CheckedReport, staff: User | None, pin_hash: str, ip: str | None
) -> Report:
    """Insert a checked report and its files, inside the caller's transaction
    (`cases.services.report_submit` owns it and opens the case)."""
    decision = clean.decision
    now = timezone.now()
    national_id_index = crypto.blind_index("national_id", clean.national_id)
    mobile_index = crypto.blind_index("mobile", clean.mobile)
    if staff is None:
        _limit_filing(ip, [national_id_index, mobile_index])
    report = Report.objects.create(
        tracking_code=new_tracking_code(),
        category=clean.category,
        channel=draft.channel,
        language=draft.language if draft.language in ("fa", "en") else "fa",
        statement=clean.statement,
        occurred_at=clean.occurred_at,
        address=clean.address,
        latitude=clean.latitude,
        longitude=clean.longitude,
        requested_station=decision.station if decision.reason == "chosen" else None,
        county_id=_county_id(decision.station, draft.county),
        station=decision.station,
        routing_reason=decision.reason,
        routing_detail=decision.detail,
        anonymous=clean.anonymous,
        complainant_name=clean.name,
        national_id=clean.national_id,
        national_id_index=national_id_index,
        mobile=clean.mobile,
        mobile_index=mobile_index,
        name_index=crypto.token_index("name", normalise(clean.name)),
        pin_hash=pin_hash,
        extra=clean.extra,
        receipt_token=secrets.token_urlsafe(24),
        receipt_expires_at=now + timedelta(seconds=settings.KALANTARI_RECEIPT_SECONDS),
        created_by=staff,
    )
    for f in clean.files:
        attachment = Attachment(
            report=report,
            field_name=f.field_name,
            original_name=f.name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=f.sha256,
            created_by=staff,
        )
        attachment.file.save(
            stored_name(attachment.pk),
            ContentFile(seal_file(f.content, attachment_id=attachment.pk)),
            save=False,
        )
        attachment.save()
    return report


def _limit_filing(ip: str | None, person_indexes: list[str]) -> None:
    """Refuse (429) a public submission past its limits; counted inside the submission's
    transaction, after the Idempotency-Key is claimed: a replay is never counted, and a
    refused or failed submission takes its count back with it."""
    limits = [
        throttle.Limit(
            f"report:ip:{throttle.address_key(ip)}",
            settings.KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR,
            3600,
        )
    ]
    limits += [
        throttle.Limit(
            f"report:person:{index}", settings.KALANTARI_REPORTS_PER_PERSON_PER_DAY, 86400
        )
        for index in person_indexes
        if index
    ]
    wait = throttle.hit(limits)
    if wait:
        throttle.refuse(wait, rate=True)


def _county_id(station: Any, county_code: str) -> Any:
    county = catalogue.unit(county_code.strip()) if county_code else None
    if county is not None:
        return county.pk
    return station.parent_id if station.parent_id else None


def submit_body(report: Report, *, pin: str = "") -> dict[str, Any]:
    """The answer to a submission (stored sealed for replays; see core.idempotency)."""
    station = report.station
    body: dict[str, Any] = {
        "tracking_code": format_tracking_code(report.tracking_code),
        "status": "received",
        "report_id": str(report.pk),  # for the session-bound receipt page; not in the API
        "station": {
            "code": station.code,
            "name_fa": station.name_fa,
            "name_en": station.name_en,
            "phone": station.phone,
        },
        "routing_reason": report.routing_reason,
        "anonymous": report.anonymous,
    }
    if pin:
        body["pin"] = pin
    return body


def report_for_receipt(report_id: Any) -> Report | None:
    """The report a browser session has just filed (the receipt page is bound to it)."""
    return Report.objects.select_related("station", "category", "case").filter(pk=report_id).first()
