"""Public pages: the home page, the report form's parts, the receipt, the status grant.

Filing a report, the status page and follow-ups touch the case too, so their views are
`cases.public_views`; "who has seen my report" is `oversight.views` (docs/architecture.md,
"Layers"). All lookups are POSTs."""

from __future__ import annotations

import time
import uuid
from typing import Any

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kalantari.core import crypto
from kalantari.core.errors import DomainError, InvalidInput
from kalantari.core.gate import public
from kalantari.core.tracking import format_tracking_code
from kalantari.intake import selectors
from kalantari.intake.files import IncomingFile, refused_uploads
from kalantari.intake.models import Report
from kalantari.intake.services import ReportDraft, report_for_receipt

GRANT_KEY = "status_grant"
RECEIPT_KEY = "receipt"
RECEIPT_SUMMARY_WORDS = 12


@public
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/home.html", {"categories": selectors.categories_public()})


def errors_by_field(exc: DomainError) -> dict[str, str]:
    items: list[DomainError] = list(exc.errors) if isinstance(exc, InvalidInput) else [exc]
    out: dict[str, str] = {}
    for e in items:
        out.setdefault(e.field or "form", str(e.message))
    return out


def files_from(request: HttpRequest, category: str = "") -> list[IncomingFile]:
    """The general attachments, plus the photo fields of the chosen category only."""
    files = [
        IncomingFile(name=f.name or "file", content=f.read())
        for f in request.FILES.getlist("attachments")
    ]
    prefix = f"extra.{category}:"
    for key in request.FILES:
        if category and key.startswith(prefix):
            f = request.FILES.getlist(key)[0]
            files.append(
                IncomingFile(
                    name=f.name or "photo", content=f.read(), field_name=key[len(prefix) :]
                )
            )
    return files + refused_uploads(request)


def draft_from_post(request: HttpRequest, channel: str) -> ReportDraft:
    post = request.POST
    category = post.get("category", "")
    prefix = f"extra.{category}:"
    extra = {k[len(prefix) :]: v for k, v in post.items() if category and k.startswith(prefix)}
    return ReportDraft(
        category=category,
        statement=post.get("statement", ""),
        occurred_date=post.get("occurred_date", ""),
        occurred_time=post.get("occurred_time", ""),
        address=post.get("address", ""),
        latitude=post.get("latitude") or None,
        longitude=post.get("longitude") or None,
        station=post.get("station", ""),
        county=post.get("county", ""),
        anonymous=post.get("anonymous") == "on",
        name=post.get("name", ""),
        national_id=post.get("national_id", ""),
        mobile=post.get("mobile", ""),
        extra=extra,
        files=files_from(request, category),
        channel=channel,
        language=translation.get_language() or "fa",
    )


def form_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    units = selectors.units_public()
    return {
        "categories": selectors.categories_public(),
        "counties": [u for u in units if u["kind"] == "county"],
        "stations": [u for u in units if u["kind"] in ("station", "outpost")],
        "values": request.POST if request.method == "POST" else {},
        "idempotency_key": request.POST.get("idempotency_key") or uuid.uuid4().hex,
        "max_files": settings.KALANTARI_UPLOAD_MAX_FILES,
        "max_mb": settings.KALANTARI_UPLOAD_MAX_BYTES // (1024 * 1024),
    } | extra


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


def remember_receipt(request: HttpRequest, body: dict[str, Any]) -> None:
    """Bind the receipt to this browser's session: no bearer token in any URL or log.

    An anonymous tip's PIN is kept sealed (the session store is a database table too).
    """
    report_id = body["report_id"]
    pin = body.get("pin") or ""
    request.session[RECEIPT_KEY] = {
        "report": report_id,
        "pin": crypto.encrypt(pin, context=f"session.receipt_pin:{report_id}") if pin else "",
        "until": time.time() + settings.KALANTARI_RECEIPT_SECONDS,
    }


@public
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt of the report this browser session has just filed (for an hour)."""
    held = request.session.get(RECEIPT_KEY) or {}
    report = None
    if held.get("until", 0) > time.time():
        report = report_for_receipt(held.get("report"))
    if report is None:
        message = _("This receipt is no longer available here. Use the status page with your code.")
        return render(request, "intake/receipt_expired.html", {"message": message}, status=404)
    code = format_tracking_code(report.tracking_code)
    status_url = request.build_absolute_uri(reverse("intake:status")) + f"#code={code}"
    sealed_pin = held.get("pin") or ""
    pin = (
        crypto.decrypt(sealed_pin, context=f"session.receipt_pin:{report.pk}") if sealed_pin else ""
    )
    response = render(
        request,
        "intake/receipt.html",
        {
            "report": report,
            "code": code,
            "qr": mark_safe(qr_svg(status_url)),  # noqa: S308 - segno SVG of our URL  # nosec B308 B703
            "pin": pin,
            "case": report.case,
            "summary": " ".join(report.statement.split()[:RECEIPT_SUMMARY_WORDS]),
            "summary_cut": len(report.statement.split()) > RECEIPT_SUMMARY_WORDS,
        },
    )
    response.personal_data = True  # type: ignore[attr-defined]
    return response


def granted_report(request: HttpRequest) -> Report | None:
    grant = request.session.get(GRANT_KEY)
    if not grant or grant.get("until", 0) < time.time():
        return None
    return (
        Report.objects.select_related("station", "category", "case")
        .filter(pk=grant.get("report"))
        .first()
    )


@public
@require_POST
def status_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(GRANT_KEY, None)
    return redirect("intake:status")
