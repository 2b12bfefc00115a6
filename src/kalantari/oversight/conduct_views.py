"""The inspectorate's pages for complaints about officers: the list, opening a complaint's
file from its case, the complaint with its finding and corrective actions, and the repeat
patterns per officer and station."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kalantari.access import policy
from kalantari.audit.services import RequestContext
from kalantari.core.errors import DomainError, NotFound
from kalantari.core.tracking import format_tracking_code
from kalantari.intake.routing import accused_station_code
from kalantari.intake.views import errors_by_field
from kalantari.org.models import User
from kalantari.oversight import conduct, conduct_selectors
from kalantari.oversight.models import ActionKind, Finding


def _inspector(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if policy.conduct_scope(user) is None:
        raise PermissionDenied
    return user


def _handler(request: HttpRequest) -> User:
    """An inspector, for a page about one complaint: anyone else gets 404, as for a complaint
    they may not see (a station never learns that a complaint about it exists)."""
    user: User = request.user  # type: ignore[assignment]
    if policy.conduct_scope(user) is None:
        raise Http404
    return user


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


@require_http_methods(["GET"])
def complaint_list(request: HttpRequest) -> HttpResponse:
    """Complaints awaiting a file, open ones, decided ones and overdue corrective actions."""
    user = _inspector(request)
    complaints = list(conduct_selectors.complaints_visible_to(user=user)[:500])
    awaiting = [
        (c, format_tracking_code(c.report.tracking_code))
        for c in conduct_selectors.cases_awaiting_file(user=user)[:200]
    ]
    return render(
        request,
        "oversight/complaint_list.html",
        {
            "awaiting": awaiting,
            "open": [c for c in complaints if not c.finding],
            "decided": [c for c in complaints if c.finding],
            "overdue": list(conduct_selectors.overdue_actions(user=user)[:200]),
        },
    )


@require_http_methods(["GET", "POST"])
def complaint_open(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Open the file of a complaint from its case: accused station, officer, allegation."""
    user = _handler(request)
    try:
        case = conduct.conduct_case_for(user, case_id)
    except NotFound:
        raise Http404 from None
    context: dict[str, Any] = {
        "case": case,
        "code": format_tracking_code(case.report.tracking_code),
        "units": conduct_selectors.units_below(complaint_unit_path=case.unit_path),
        "suggested": accused_station_code(case.report.routing_detail) or "",
        "values": request.POST,
        "errors": {},
    }
    status = 200
    if request.method == "POST":
        try:
            complaint = conduct.conduct_complaint_open(
                actor=user,
                case_id=case.pk,
                accused_unit=request.POST.get("accused_unit", ""),
                accused_badge=request.POST.get("accused_badge", ""),
                description=request.POST.get("description", ""),
                context=RequestContext.from_request(request),
            )
            return redirect("oversight:complaint", complaint_id=complaint.pk)
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
            status = exc.status
    return render(request, "oversight/complaint_open.html", context, status=status)


def _post(request: HttpRequest, user: User, complaint_id: uuid.UUID) -> None:
    ctx = RequestContext.from_request(request)
    action = request.POST.get("action", "")
    if action == "finding":
        conduct.conduct_finding_record(
            actor=user,
            complaint_id=complaint_id,
            version=_version(request),
            finding=request.POST.get("finding", ""),
            reasons=request.POST.get("reasons", ""),
            context=ctx,
        )
    elif action == "add_action":
        conduct.corrective_action_add(
            actor=user,
            complaint_id=complaint_id,
            kind=request.POST.get("kind", ""),
            responsible_id=request.POST.get("responsible", ""),
            due_date=request.POST.get("due_date", ""),
            note=request.POST.get("note", ""),
            context=ctx,
        )
    elif action == "complete_action":
        conduct.corrective_action_complete(
            actor=user,
            action_id=request.POST.get("corrective_action", ""),
            version=_version(request),
            note=request.POST.get("note", ""),
            context=ctx,
        )
    else:
        raise NotFound(_("Not found."))


@require_http_methods(["GET", "POST"])
def complaint_detail(request: HttpRequest, complaint_id: uuid.UUID) -> HttpResponse:
    """A complaint: what the officer is accused of, the finding, the corrective actions."""
    user = _handler(request)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            _post(request, user, complaint_id)
            return redirect("oversight:complaint", complaint_id=complaint_id)
        except DomainError as exc:
            if exc.status == 404:
                raise Http404 from None
            errors = errors_by_field(exc)
            status = exc.status
    try:
        complaint = conduct.conduct_complaint_view(
            actor=user, complaint_id=complaint_id, context=RequestContext.from_request(request)
        )
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "oversight/complaint_detail.html",
        {
            "c": complaint,
            "code": format_tracking_code(complaint.case.report.tracking_code),
            "actions": list(complaint.actions.select_related("responsible")),
            "findings": Finding.choices,
            "kinds": ActionKind.choices,
            "staff": conduct_selectors.responsible_choices(complaint=complaint),
            "today": timezone.localdate(),
            "errors": errors,
            "action": request.POST.get("action", ""),
            "values": request.POST,
        },
        status=status,
    )


@require_http_methods(["GET"])
def complaint_patterns(request: HttpRequest) -> HttpResponse:
    """Complaints and upheld findings per officer and station, 90 and 365 days."""
    user = _inspector(request)
    patterns = conduct.conduct_patterns_review(
        actor=user, context=RequestContext.from_request(request)
    )
    return render(
        request,
        "oversight/complaint_patterns.html",
        {"p": patterns, "repeat_at": conduct_selectors.REPEAT_AT},
    )
