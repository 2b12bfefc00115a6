"""Pages for disclosure: the desk's identity check, deferrals, the inspector's review, and
the citizen's "my data" page (the only public one here)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kalantari.access import policy
from kalantari.audit.models import DisclosureRequest, IdentityDocument
from kalantari.audit.services import RequestContext
from kalantari.cases.models import Case
from kalantari.core.errors import DomainError, NotFound
from kalantari.core.gate import public
from kalantari.core.tracking import format_tracking_code
from kalantari.intake.views import errors_by_field, granted_report
from kalantari.org.models import User
from kalantari.oversight import selectors, services
from kalantari.oversight.readings import accesses_to_report

MY_DATA_KEY = "kalantari_my_data"
MY_DATA_SECONDS = 3600


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


@login_required
@require_http_methods(["GET", "POST"])
def identity_check(request: HttpRequest) -> HttpResponse:
    """The desk checks a person's identity in person and hands a one-time disclosure code."""
    user = _user(request)
    if not policy.can_verify_identity(user):
        raise PermissionDenied
    context: dict[str, Any] = {
        "documents": IdentityDocument.choices,
        "values": request.POST,
        "errors": {},
        "code": None,
    }
    if request.method == "POST":
        if request.POST.get("confirmed") != "1":
            context["errors"]["confirmed"] = _(
                "Confirm that you saw the person and the document yourself."
            )
        else:
            try:
                disclosure, code = services.disclosure_request_issue(
                    actor=user,
                    national_id=request.POST.get("national_id", ""),
                    document=request.POST.get("document", ""),
                    document_number=request.POST.get("document_number", ""),
                    context=RequestContext.from_request(request),
                )
                context.update(code=code, disclosure=disclosure, values={})
            except DomainError as exc:
                context["errors"] = errors_by_field(exc)
    response = render(request, "oversight/identity_check.html", context)
    response["Cache-Control"] = "no-store"
    return response


@public
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """Public: a person redeems the code from the station and sees who accessed their data.

    The result stays on this browser session for an hour (to print it); the code itself is
    spent at once.
    """
    context: dict[str, Any] = {"errors": {}, "accesses": None, "code": ""}
    if request.method == "POST":
        context["code"] = request.POST.get("code", "")[:40]
        try:
            disclosure = services.disclosure_request_redeem(
                code=context["code"], context=RequestContext.from_request(request)
            )
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
            response = render(request, "oversight/my_data.html", context, status=exc.status)
            if getattr(exc, "retry_after", None):
                response["Retry-After"] = str(exc.retry_after)  # type: ignore[attr-defined]
            return response
        request.session.cycle_key()
        request.session[MY_DATA_KEY] = {
            "id": str(disclosure.pk),
            "until": (timezone.now() + timedelta(seconds=MY_DATA_SECONDS)).isoformat(),
        }
        return redirect("oversight:my_data")
    granted = request.session.get(MY_DATA_KEY)
    if granted:
        until = datetime.fromisoformat(granted["until"])
        opened = DisclosureRequest.objects.filter(pk=granted["id"]).first()
        if opened is None or until <= timezone.now():
            request.session.pop(MY_DATA_KEY, None)
        else:
            context["accesses"] = selectors.person_disclosure(opened)
            context["until"] = until
    response = render(request, "oversight/my_data.html", context)
    response["Cache-Control"] = "no-store"
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@public
@require_http_methods(["POST"])
def my_data_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(MY_DATA_KEY, None)
    return redirect("oversight:my_data")


def _case_for(user: User, case_id: uuid.UUID) -> Case:
    case = Case.objects.select_related("report", "station").filter(pk=case_id).first()
    if case is None or not policy.can_view_case(user, case):
        raise NotFound("")
    return case


@login_required
@require_http_methods(["GET", "POST"])
def case_deferrals(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """A case's disclosure deferrals: ask for one, renew or end it."""
    user = _user(request)
    try:
        case = _case_for(user, case_id)
    except NotFound:
        raise Http404 from None
    if not policy.can_defer_disclosure(user, case):
        raise PermissionDenied
    context: dict[str, Any] = {"case": case, "errors": {}, "values": request.POST}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "create")
        ctx = RequestContext.from_request(request)
        try:
            if action == "create":
                services.disclosure_deferral_create(
                    actor=user,
                    case_id=case.pk,
                    reason=request.POST.get("reason", ""),
                    until=request.POST.get("until", ""),
                    national_id=request.POST.get("national_id", ""),
                    context=ctx,
                )
            elif action == "renew":
                services.disclosure_deferral_renew(
                    actor=user,
                    deferral_id=uuid.UUID(request.POST.get("deferral", "")),
                    version=_version(request),
                    reason=request.POST.get("reason", ""),
                    until=request.POST.get("until", ""),
                    context=ctx,
                )
            else:
                services.disclosure_deferral_end(
                    actor=user,
                    deferral_id=uuid.UUID(request.POST.get("deferral", "")),
                    version=_version(request),
                    context=ctx,
                )
            return redirect("oversight:case_deferrals", case_id=case.pk)
        except ValueError:
            context["errors"] = {
                "form": _("The form was incomplete; reload the page and try again.")
            }
            status = 400
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
            context["action"] = action
            status = exc.status
    context["deferrals"] = selectors.deferrals_of_case(user=user, case=case)
    context["now"] = timezone.now()
    return render(request, "oversight/case_deferrals.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def deferral_review(request: HttpRequest) -> HttpResponse:
    """Inspectors: the active deferrals in their units, to uphold or lift."""
    user = _user(request)
    if policy.deferral_review_scope(user) is None:
        raise PermissionDenied
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        try:
            services.disclosure_deferral_review(
                actor=user,
                deferral_id=uuid.UUID(request.POST.get("deferral", "")),
                version=_version(request),
                uphold=request.POST.get("decision") == "uphold",
                note=request.POST.get("note", ""),
                context=RequestContext.from_request(request),
            )
            return redirect("oversight:deferral_review")
        except ValueError:
            errors = {"form": _("The form was incomplete; reload the page and try again.")}
            status = 400
        except DomainError as exc:
            errors = errors_by_field(exc)
            status = exc.status
    deferrals = list(selectors.deferrals_to_review(user=user))
    titles = selectors.case_titles([d.case_id for d in deferrals])
    open_cases = selectors.open_case_ids([d.case_id for d in deferrals])
    rows = [(d, titles.get(str(d.case_id), ""), str(d.case_id) in open_cases) for d in deferrals]
    return render(
        request,
        "oversight/deferral_review.html",
        {"rows": rows, "errors": errors, "failed": request.POST.get("deferral", "")},
        status=status,
    )


@public
def report_accesses(request: HttpRequest) -> HttpResponse:
    """Who at the police has seen this report and its person (needs the status grant; its URL
    name stays `intake:accesses`, config/urls.py)."""
    report = granted_report(request)
    if report is None:
        return redirect("intake:status")
    response = render(
        request,
        "oversight/report_accesses.html",
        {
            "code": format_tracking_code(report.tracking_code),
            "accesses": accesses_to_report(report),
        },
    )
    response.personal_data = True  # type: ignore[attr-defined]
    return response
