"""Public pages: file a report, print its receipt, follow it by code (all lookups are POSTs)."""

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
from django.views.decorators.http import require_http_methods, require_POST

from kalantari.audit.selectors import accesses_to_report
from kalantari.audit.services import RequestContext
from kalantari.core import crypto, idempotency
from kalantari.core.errors import DomainError, InvalidInput, TooManyAttempts
from kalantari.core.gate import public
from kalantari.core.tracking import format_tracking_code
from kalantari.intake import selectors
from kalantari.intake.files import IncomingFile, refused_uploads
from kalantari.intake.models import Channel, Report
from kalantari.intake.services import (
    ReportDraft,
    followup_add,
    report_for_receipt,
    report_submit,
    status_code_send,
    status_lookup,
)

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


def submit_from_form(
    request: HttpRequest, channel: str, template: str, initial: dict[str, str] | None = None
) -> HttpResponse:
    """Shared by the public form and the desk's walk-in form: one service, one set of errors."""
    if request.method == "POST":
        draft = draft_from_post(request, channel)
        fingerprint_source: dict[str, object] = {
            k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"
        }
        fingerprint_source["files"] = [(f.name, f.field_name, len(f.content)) for f in draft.files]
        try:
            outcome = report_submit(
                actor=request.user if request.user.is_authenticated else None,
                draft=draft,
                idempotency_key=request.POST.get("idempotency_key") or None,
                fingerprint=idempotency.request_fingerprint(fingerprint_source),
                context=RequestContext.from_request(request),
            )
        except DomainError as exc:
            response = render(request, template, form_context(request, errors=errors_by_field(exc)))
            response.status_code = exc.status
            if isinstance(exc, TooManyAttempts):
                response["Retry-After"] = str(exc.retry_after)
            return response
        remember_receipt(request, outcome.body)
        return redirect("intake:receipt")
    return render(request, template, form_context(request, errors={}, values=initial or {}))


@public
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    return submit_from_form(request, Channel.WEB, "intake/report_form.html")


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


def _granted_report(request: HttpRequest) -> Report | None:
    grant = request.session.get(GRANT_KEY)
    if not grant or grant.get("until", 0) < time.time():
        return None
    return (
        Report.objects.select_related("station", "category", "case")
        .filter(pk=grant.get("report"))
        .first()
    )


@public
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"errors": {}, "values": {}}
    report = None
    http_status = 200
    if request.method == "POST" and request.POST.get("send_code"):
        context["values"] = request.POST
        try:
            status_code_send(
                tracking_code=request.POST.get("tracking_code", ""),
                context=RequestContext.from_request(request),
            )
            context["code_sent"] = True
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
            http_status = exc.status
    elif request.method == "POST":
        context["values"] = request.POST
        try:
            report = status_lookup(
                tracking_code=request.POST.get("tracking_code", ""),
                secret=request.POST.get("secret", ""),
                context=RequestContext.from_request(request),
            )
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
            http_status = exc.status
        else:
            request.session.cycle_key()
            request.session[GRANT_KEY] = {
                "report": str(report.pk),
                "until": time.time() + settings.KALANTARI_STATUS_GRANT_SECONDS,
            }
    else:
        report = _granted_report(request)
        context["followup_sent"] = request.session.pop("followup_sent", False)
    if report is not None:
        context["status"] = selectors.public_status(report)
    response = render(request, "intake/status.html", context, status=http_status)
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@public
@require_POST
def followup(request: HttpRequest) -> HttpResponse:
    report = _granted_report(request)
    if report is None:
        return redirect("intake:status")
    try:
        followup_add(
            report=report,
            message=request.POST.get("message", ""),
            files=[
                IncomingFile(name=f.name or "file", content=f.read())
                for f in request.FILES.getlist("attachments")
            ]
            + refused_uploads(request),
            context=RequestContext.from_request(request),
        )
    except DomainError as exc:
        context = {
            "errors": {},
            "followup_errors": errors_by_field(exc),
            "followup_values": request.POST,
            "values": {},
            "status": selectors.public_status(report),
        }
        response = render(request, "intake/status.html", context, status=exc.status)
        response.personal_data = True  # type: ignore[attr-defined]
        if isinstance(exc, TooManyAttempts):
            response["Retry-After"] = str(exc.retry_after)
        return response
    request.session["followup_sent"] = True
    return redirect("intake:status")


@public
def accesses(request: HttpRequest) -> HttpResponse:
    """Who at the police has seen this report and its person (needs the status grant)."""
    report = _granted_report(request)
    if report is None:
        return redirect("intake:status")
    response = render(
        request,
        "intake/accesses.html",
        {
            "code": format_tracking_code(report.tracking_code),
            "accesses": accesses_to_report(report),
        },
    )
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@public
@require_POST
def status_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(GRANT_KEY, None)
    return redirect("intake:status")
