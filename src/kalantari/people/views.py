"""Staff pages of the person registry: search (with a purpose) and a person's record."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kalantari.access import policy
from kalantari.audit.purposes import PurposeCode
from kalantari.audit.services import RequestContext
from kalantari.core.errors import DomainError, NotFound
from kalantari.org.models import User
from kalantari.people import selectors, services


def _user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not policy.can_search_persons(user):
        raise PermissionDenied
    return user


def _errors(exc: DomainError) -> dict[str, str]:
    items = list(getattr(exc, "errors", None) or [exc])
    out: dict[str, str] = {}
    for e in items:
        out.setdefault(e.field or "form", str(e.message))
    return out


@login_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """A POST, so national IDs and mobiles never end up in a URL or a log."""
    user = _user(request)
    context: dict[str, Any] = {
        "q": request.POST.get("q", ""),
        "purpose": request.POST.get("purpose", ""),
        "purpose_code": request.POST.get("purpose_code", ""),
        "purposes": [(c.value, c.label) for c in PurposeCode if c in services.SEARCH_PURPOSES],
        "results": None,
        "errors": {},
    }
    if request.method == "POST":
        try:
            kind, found = services.person_search_audited(
                actor=user,
                query=context["q"],
                purpose_code=context["purpose_code"],
                purpose=context["purpose"],
                context=RequestContext.from_request(request),
            )
            context["matched_as"] = kind
            context["results"] = found
        except DomainError as exc:
            context["errors"] = _errors(exc)
    response = render(request, "people/search.html", context)
    response.personal_data = True  # type: ignore[attr-defined]
    return response


def _person_page(
    request: HttpRequest, user: User, person_id: uuid.UUID, *, error: str = ""
) -> HttpResponse:
    try:
        person = services.person_view(
            actor=user, person_id=person_id, context=RequestContext.from_request(request)
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    paths = selectors.person_unit_paths(person)
    response = render(
        request,
        "people/person.html",
        {
            "person": person,
            "links": selectors.person_links(person=person),
            "can_merge": policy.can_merge_persons(user, paths),
            "error": error,
        },
        status=400 if error else 200,
    )
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@login_required
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    return _person_page(request, _user(request), person_id)


@login_required
@require_POST
def person_merge(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """Merge the person with the id typed (a duplicate) into this one."""
    user = _user(request)
    try:
        duplicate = uuid.UUID(request.POST.get("duplicate", "").strip())
    except ValueError:
        return _person_page(request, user, person_id, error=str(_bad_id()))
    try:
        services.person_merge(
            actor=user,
            survivor_id=person_id,
            duplicate_id=duplicate,
            reason=request.POST.get("reason", ""),
            context=RequestContext.from_request(request),
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except DomainError as exc:
        return _person_page(request, user, person_id, error=str(exc))
    return redirect("people:detail", person_id=person_id)


@login_required
@require_POST
def person_unmerge(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    user = _user(request)
    try:
        services.person_unmerge(
            actor=user,
            person_id=person_id,
            reason=request.POST.get("reason", ""),
            context=RequestContext.from_request(request),
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except DomainError as exc:
        return _person_page(request, user, person_id, error=str(exc))
    return redirect("people:detail", person_id=person_id)


def _bad_id() -> str:
    return _("Give the record number of the duplicate, as shown on its page.")
