"""Access review for inspectors and privacy officers: per person, and unusual readers.

Readings of the audit log that name cases and staff: oversight's, not audit's
(docs/architecture.md, "Layers"); the audit record of each review is written by a service."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kalantari.access import policy
from kalantari.audit.services import RequestContext
from kalantari.core import crypto, identifiers
from kalantari.core.errors import ValidationFailed
from kalantari.core.text import clean_text
from kalantari.org.models import User
from kalantari.oversight import readings, services


def _scope(request: HttpRequest) -> tuple[User, str]:
    user: User = request.user  # type: ignore[assignment]
    scope = policy.access_review_scope(user)
    if scope is None:
        raise PermissionDenied
    return user, scope


@login_required
@require_http_methods(["GET", "POST"])
def person_accesses(request: HttpRequest) -> HttpResponse:
    """Who read one person's records (a POST: the national ID stays out of URLs and logs)."""
    user, scope = _scope(request)
    context: dict[str, Any] = {"errors": {}, "values": request.POST, "accesses": None}
    if request.method == "POST":
        purpose = clean_text(request.POST.get("purpose", ""))[:300]
        try:
            nid = identifiers.normalise_national_id(request.POST.get("national_id", ""))
        except ValidationFailed as exc:
            context["errors"]["national_id"] = exc.message
            nid = ""
        if len(purpose) < 5:
            context["errors"]["purpose"] = _("Say why you are reviewing this person's accesses.")
        if not context["errors"]:
            index = crypto.blind_index("national_id", nid)
            services.person_accesses_review(
                actor=user,
                national_id_index=index,
                context=RequestContext.from_request(
                    request, purpose=purpose, purpose_code="oversight"
                ),
            )
            context["accesses"] = readings.accesses_to_person(
                national_id_index=index, scope_path=scope
            )
    response = render(request, "oversight/person_accesses.html", context)
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@login_required
def unusual(request: HttpRequest) -> HttpResponse:
    """Accounts in the reviewer's units that opened many case files unrelated to their work."""
    user, scope = _scope(request)
    try:
        days = max(1, min(90, int(request.GET.get("days", "7"))))
        threshold = max(1, min(1000, int(request.GET.get("threshold", "20"))))
    except ValueError:
        days, threshold = 7, 20
    services.unusual_readers_review(
        actor=user, days=days, threshold=threshold, context=RequestContext.from_request(request)
    )
    rows = readings.unusual_readers(scope_path=scope, days=days, threshold=threshold)
    return render(
        request, "oversight/unusual.html", {"rows": rows, "days": days, "threshold": threshold}
    )
