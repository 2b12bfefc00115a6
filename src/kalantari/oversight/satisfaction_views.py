"""Pages of citizen satisfaction: the citizen's rating (public, with the status grant) and a
station's ratings for its commander and the inspectors above (never who rated)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kalantari.access import policy
from kalantari.audit.services import RequestContext
from kalantari.core.errors import DomainError, NotFound
from kalantari.core.gate import public
from kalantari.core.tracking import format_tracking_code
from kalantari.intake.views import errors_by_field, granted_report
from kalantari.org.models import User
from kalantari.oversight import satisfaction

SCORES = (5, 4, 3, 2, 1)


@public
@require_http_methods(["GET", "POST"])
def rate_service(request: HttpRequest) -> HttpResponse:
    """The citizen rates the service once the case is resolved or closed (needs the status
    grant; URL name `intake:rate`, config/urls.py)."""
    report = granted_report(request)
    if report is None:
        return redirect("intake:status")
    context: dict[str, Any] = {
        "code": format_tracking_code(report.tracking_code),
        "scores": SCORES,
        "errors": {},
        "values": {},
        "rating": satisfaction.rating_of(report),
        "can_rate": satisfaction.can_rate(report),
        "max_comment": satisfaction.MAX_COMMENT,
    }
    status = 200
    if request.method == "POST":
        context["values"] = request.POST
        try:
            satisfaction.rating_submit(
                report=report,
                score=request.POST.get("score", ""),
                comment=request.POST.get("comment", ""),
                context=RequestContext.from_request(request),
            )
            request.session["rating_sent"] = True
            return redirect("intake:rate")
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
            context["rating"] = satisfaction.rating_of(report)
            status = exc.status
    context["sent"] = request.session.pop("rating_sent", False)
    response = render(request, "oversight/rate_service.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@require_http_methods(["GET"])
def station_ratings(request: HttpRequest) -> HttpResponse:
    """A unit's ratings by week: the distribution and the comments, never who rated."""
    user: User = request.user  # type: ignore[assignment]
    if policy.ratings_scope(user) is None:
        raise PermissionDenied
    try:
        result = satisfaction.station_ratings_review(
            actor=user,
            unit_code=request.GET.get("unit", "")[:40],
            weeks=request.GET.get("weeks", satisfaction.DEFAULT_WEEKS),
            context=RequestContext.from_request(request),
        )
    except NotFound:
        raise Http404 from None
    return render(request, "oversight/station_ratings.html", {"r": result})
