"""Every write of citizen intake: submit a report, add a follow-up; plus the status check."""

from __future__ import annotations

import hmac
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.core import crypto, identifiers, jalali, throttle
from kalantari.core.errors import (
    NotFound,
    ValidationFailed,
    collect_errors,
)
from kalantari.core.sms import send_sms
from kalantari.core.text import clean_text, normalise, to_ascii_digits
from kalantari.core.tracking import format_tracking_code, new_tracking_code, parse_tracking_code
from kalantari.intake import catalogue
from kalantari.intake.extra_fields import clean_extra
from kalantari.intake.files import IncomingFile, clean_files, seal_file, stored_name
from kalantari.intake.models import (
    Attachment,
    CategoryGroup,
    Channel,
    FollowUp,
    Report,
    StatusCode,
)
from kalantari.intake.routing import route_complaint, route_report
from kalantari.org.models import User

MAX_STATEMENT = 10_000
MAX_NAME = 200
MAX_ADDRESS = 500
CLOCK_SKEW = timedelta(minutes=5)
PIN_DIGITS = 8
logger = logging.getLogger(__name__)


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


def report_validate(draft: ReportDraft) -> dict[str, Any]:
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
        name = _text(draft.name, "name", MAX_NAME, required=True, errors=errors)
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
    return {
        "category": category,
        "statement": statement,
        "occurred_at": occurred_at,
        "address": address,
        "latitude": lat,
        "longitude": lon,
        "anonymous": anonymous,
        "name": name,
        "national_id": national_id,
        "mobile": mobile,
        "extra": extra,
        "files": files,
        "decision": decision,
    }


def report_create(
    *, draft: ReportDraft, clean: dict[str, Any], staff: User | None, pin_hash: str, ip: str | None
) -> Report:
    """Insert a checked report and its files, inside the caller's transaction
    (`cases.services.report_submit` owns it and opens the case)."""
    decision = clean["decision"]
    now = timezone.now()
    national_id_index = crypto.blind_index("national_id", clean["national_id"])
    mobile_index = crypto.blind_index("mobile", clean["mobile"])
    if staff is None:
        _limit_filing(ip, [national_id_index, mobile_index])
    report = Report.objects.create(
        tracking_code=new_tracking_code(),
        category=clean["category"],
        channel=draft.channel,
        language=draft.language if draft.language in ("fa", "en") else "fa",
        statement=clean["statement"],
        occurred_at=clean["occurred_at"],
        address=clean["address"],
        latitude=clean["latitude"],
        longitude=clean["longitude"],
        requested_station=decision.station if decision.reason == "chosen" else None,
        county_id=_county_id(decision.station, draft.county),
        station=decision.station,
        routing_reason=decision.reason,
        routing_detail=decision.detail,
        anonymous=clean["anonymous"],
        complainant_name=clean["name"],
        national_id=clean["national_id"],
        national_id_index=national_id_index,
        mobile=clean["mobile"],
        mobile_index=mobile_index,
        name_index=crypto.token_index("name", normalise(clean["name"])),
        pin_hash=pin_hash,
        extra=clean["extra"],
        receipt_token=secrets.token_urlsafe(24),
        receipt_expires_at=now + timedelta(seconds=settings.KALANTARI_RECEIPT_SECONDS),
        created_by=staff,
    )
    for f in clean["files"]:
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


_DUMMY_HASH = make_password("not-a-real-pin")
_SELECT_REPORT_FIELDS = ("station", "category", "case")


def _status_limits(canonical: str, ip: str | None) -> tuple[list[throttle.Limit], throttle.Limit]:
    """The guesser's own limits (per address, per code from it) and the code's overall one."""
    window = settings.KALANTARI_STATUS_WINDOW_SECONDS
    address = throttle.address_key(ip)
    own = [
        throttle.Limit(
            f"status:ip:{address}", settings.KALANTARI_STATUS_ATTEMPTS_PER_IP, window, True
        ),
        throttle.Limit(
            f"status:code-ip:{canonical}:{address}",
            settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE,
            window,
            True,
        ),
    ]
    overall = throttle.Limit(
        f"status:code:{canonical}", settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE_ALL, window
    )
    return own, overall


def status_lookup(
    *, tracking_code: str, secret: str, context: RequestContext = NO_CONTEXT
) -> Report:
    """The report behind a code and its mobile or PIN; a wrong pair reveals nothing.

    Every attempt is counted BEFORE it is evaluated (atomically, see core.throttle), so
    concurrent guesses cannot slip past the limit; a right answer is refunded. The limits
    that stop a guesser are per address and per (code, address): someone who knows a code
    and guesses from one place does not lock the citizen out elsewhere; the per-code limit
    over all addresses is far higher. Unknown codes and wrong secrets do the same work: the
    same queries and exactly one slow hash check.
    """
    canonical = parse_tracking_code(tracking_code)
    own, overall = _status_limits(canonical, context.ip)
    wait = throttle.hit(own)
    if not wait:
        wait = throttle.hit([overall])
    if wait:
        throttle.refuse(wait)
    report = (
        Report.objects.select_related(*_SELECT_REPORT_FIELDS)
        .filter(tracking_code=canonical)
        .first()
    )
    if not _secret_matches(report, secret) or report is None:
        raise NotFound(
            _(
                "No report matches this tracking code and mobile number (or PIN). "
                "Check both and try again."
            ),
            code="no_match",
        )
    throttle.refund([limit.key for limit in [*own, overall]])
    with transaction.atomic():
        audit_record(
            action="report.status_viewed",
            actor=None,
            target=report,
            unit_id=report.station_id,
            context=context,
        )
    return report


STATUS_CODE_DIGITS = 6


def _status_code_digest(report_id: Any, code: str) -> str:
    """A keyed hash of a texted code, bound to its report (a 6-digit code needs no argon2:
    a slow hash of a million possibilities protects nothing, and it made a lookup's time
    depend on how many codes a report had)."""
    return crypto.blind_index("status_code", f"{report_id}:{code}")


def _send_sms_later(mobile: str, text: str) -> None:
    """Text after the answer has gone: the gateway's delay must not tell a code exists.

    Called for unknown codes too (with no mobile), so that both take the same steps.
    """
    if not settings.KALANTARI_SMS_ASYNC:
        if mobile:
            send_sms(mobile, text)
        return

    def run() -> None:
        if not mobile:
            return
        try:
            send_sms(mobile, text)
        except Exception:  # a failed text must not kill the worker; it is logged
            logger.exception("text message to a citizen failed")

    threading.Thread(target=run, name="sms", daemon=True).start()


def status_code_send(*, tracking_code: str, context: RequestContext = NO_CONTEXT) -> None:
    """Text a one-time code to the mobile on the report, if there is one.

    The answer and the work are the same whether or not the code exists or has a mobile
    (the same queries, a row stored either way, the text sent after the answer), so neither
    the form nor its timing confirms anything; texts are limited per address and per code.
    """
    started = time.monotonic()
    canonical = parse_tracking_code(tracking_code)
    window = settings.KALANTARI_STATUS_WINDOW_SECONDS
    wait = throttle.hit(
        [
            throttle.Limit(
                f"status:sms-ip:{throttle.address_key(context.ip)}",
                settings.KALANTARI_STATUS_ATTEMPTS_PER_IP,
                window,
            ),
            throttle.Limit(
                f"status:sms:{canonical}", settings.KALANTARI_STATUS_CODES_PER_REPORT, window
            ),
        ]
    )
    if wait:
        throttle.refuse(wait)
    report = Report.objects.filter(tracking_code=canonical).first()
    target = report if report is not None and not report.anonymous and report.mobile else None
    code = f"{secrets.randbelow(10**STATUS_CODE_DIGITS):0{STATUS_CODE_DIGITS}d}"
    with transaction.atomic(durable=True):
        StatusCode.objects.create(
            report=target,
            code_hash=_status_code_digest(target.pk if target else "-", code),
            expires_at=timezone.now() + timedelta(seconds=settings.KALANTARI_STATUS_CODE_SECONDS),
        )
        audit_record(
            action="report.status_code_sent",
            actor=None,
            target=target,
            unit_id=target.station_id if target else None,
            context=context,
            outcome="ok" if target else "no_report",
        )
        mobile = target.mobile if target is not None else ""
        text = _("Kalantari: your code to follow report %(code)s is %(otp)s") % {
            "code": format_tracking_code(canonical),
            "otp": code,
        }
        transaction.on_commit(lambda: _send_sms_later(mobile, text))
    # The steps are the same either way; a floor on the time taken hides what is left
    # (a text handed to the gateway, a report's fields decrypted).
    floor = settings.KALANTARI_STATUS_CODE_MIN_SECONDS - (time.monotonic() - started)
    if floor > 0:
        time.sleep(floor)


def _status_code_matches(report: Report | None, typed: str) -> bool:
    """A live, unused one-time code for this report; it is spent once it matches (one query,
    run for unknown codes too)."""
    now = timezone.now()
    report_id = report.pk if report is not None else None
    spent = StatusCode.objects.filter(
        report=report,
        code_hash=_status_code_digest(report_id if report_id else "-", typed),
        used_at__isnull=True,
        expires_at__gt=now,
    ).update(used_at=now)
    return spent == 1 and report is not None and not report.anonymous


def _secret_matches(report: Report | None, secret: str) -> bool:
    """Does `secret` open `report`? Always exactly one argon2 check and the same queries for
    a given shape of input, whether or not the report exists or what kind it is."""
    typed = to_ascii_digits((secret or "").strip())
    digits = typed.replace(" ", "")
    if len(digits) == STATUS_CODE_DIGITS and digits.isdigit():
        matched = _status_code_matches(report, digits)
        check_password(digits, _DUMMY_HASH)
        return matched
    if report is not None and report.anonymous and report.pin_hash:
        return check_password(typed, report.pin_hash) and bool(typed)
    check_password(typed, _DUMMY_HASH)
    if report is None or report.anonymous:
        return False
    try:
        mobile = identifiers.normalise_mobile(typed)
    except ValidationFailed:
        return False
    return hmac.compare_digest(mobile, report.mobile)


def followup_clean(*, message: str, files: list[IncomingFile]) -> tuple[str, list[Any]]:
    """Check a citizen's follow-up (message or file): every field error at once."""
    errors: list[ValidationFailed] = []
    text = _text(message, "message", MAX_STATEMENT, required=False, errors=errors)
    clean: list[Any] = []
    try:
        clean = clean_files(files)
    except ValidationFailed as exc:
        errors.append(exc)
    if not text and not clean and not errors:
        errors.append(
            ValidationFailed(
                _("Write a message or attach a file."), code="required", field="message"
            )
        )
    collect_errors(errors)
    return text, clean


def followup_create(
    *, report: Report, text: str, files: list[Any], context: RequestContext = NO_CONTEXT
) -> FollowUp:
    """Insert a checked follow-up and its files, inside the caller's transaction
    (`cases.services.followup_add` owns it and tells the case)."""
    wait = throttle.hit(
        [
            throttle.Limit(
                f"followup:ip:{throttle.address_key(context.ip)}",
                settings.KALANTARI_FOLLOWUPS_PER_ADDRESS_PER_HOUR,
                3600,
            ),
            throttle.Limit(
                f"followup:report:{report.pk}",
                settings.KALANTARI_FOLLOWUPS_PER_REPORT_PER_DAY,
                86400,
            ),
        ]
    )
    if wait:
        throttle.refuse(wait, rate=True)
    followup = FollowUp.objects.create(report=report, message=text)
    for f in files:
        attachment = Attachment(
            report=report,
            followup=followup,
            original_name=f.name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=f.sha256,
        )
        attachment.file.save(
            stored_name(attachment.pk),
            ContentFile(seal_file(f.content, attachment_id=attachment.pk)),
            save=False,
        )
        attachment.save()
    return followup


def followups_mark_read(*, report_id: Any, reader: User) -> int:
    """Mark a report's unread follow-ups read by `reader` (inside the caller's transaction)."""
    return FollowUp.objects.filter(report_id=report_id, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=reader
    )
