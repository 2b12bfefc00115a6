"""The status check: a report found by its tracking code and the mobile, PIN or texted
one-time code, every wrong pair doing the same work; and the texting of that code."""

from __future__ import annotations

import hmac
import logging
import secrets
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.core import crypto, identifiers, throttle
from kalantari.core.errors import NotFound, ValidationFailed
from kalantari.core.sms import send_sms
from kalantari.core.text import to_ascii_digits
from kalantari.core.tracking import format_tracking_code, parse_tracking_code
from kalantari.intake.models import Report, StatusCode

logger = logging.getLogger(__name__)

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
