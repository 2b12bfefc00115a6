"""The citizen's pages that touch a case: file a report (it opens one), see its status,
add a follow-up. Their URL names stay in the `intake` namespace (config/urls.py); they
live here because cases sits above intake (docs/architecture.md, "Layers")."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from kalantari.audit.services import RequestContext
from kalantari.cases import selectors
from kalantari.cases.services import followup_add, report_submit
from kalantari.core import idempotency
from kalantari.core.errors import DomainError, TooManyAttempts
from kalantari.core.gate import public
from kalantari.intake.files import IncomingFile, refused_uploads
from kalantari.intake.models import Channel
from kalantari.intake.services import status_code_send, status_lookup
from kalantari.intake.views import (
    GRANT_KEY,
    draft_from_post,
    errors_by_field,
    form_context,
    granted_report,
    remember_receipt,
)


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
        report = granted_report(request)
        context["followup_sent"] = request.session.pop("followup_sent", False)
    if report is not None:
        context["status"] = selectors.public_status(report)
    response = render(request, "intake/status.html", context, status=http_status)
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@public
@require_POST
def followup(request: HttpRequest) -> HttpResponse:
    report = granted_report(request)
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
