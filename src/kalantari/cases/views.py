"""The station desk: queue, search, case page with its actions, walk-in intake, files."""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from kalantari.access import policy
from kalantari.audit.purposes import PurposeCode
from kalantari.audit.services import RequestContext
from kalantari.cases import selectors, services
from kalantari.cases.models import Case, ReferralTarget, SlaState, Status
from kalantari.cases.public_views import submit_from_form
from kalantari.cases.sla import sla_clock
from kalantari.cases.workflow import MOVES
from kalantari.core.errors import DomainError, NotFound
from kalantari.core.templatetags.kalantari import digits
from kalantari.intake import selectors as intake_selectors
from kalantari.intake.extra_fields import field_label
from kalantari.intake.models import Channel, Priority
from kalantari.intake.views import errors_by_field
from kalantari.org.models import User

PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    """The desk's user; other roles (planner, admin, …) get the 403 page, not an empty desk."""
    user: User = request.user  # type: ignore[assignment]
    if not policy.can_use_desk(user) and not policy.can_take_walk_ins(user):
        raise PermissionDenied
    return user


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    g = request.GET
    filters = selectors.CaseFilters(
        status=g.get("status", "open"),
        category=g.get("category", ""),
        priority=_int(g.get("priority")),
        sla=g.get("sla", ""),
        assignee=g.get("assignee", ""),
        unread=g.get("unread") == "1",
    )
    qs = selectors.case_list_visible_to(user=user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(g.get("page"))
    query = g.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "page": page,
        "rows": sla_rows(page.object_list),
        "querystring": query.urlencode(),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request:
        # A changed filter (htmx): only the results; the page around them stays.
        response = render(request, "cases/_queue_results.html", context)
    else:
        response = _queue_page(request, user, filters, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _queue_page(
    request: HttpRequest, user: User, filters: selectors.CaseFilters, context: dict[str, Any]
) -> HttpResponse:
    return render(
        request,
        "cases/queue.html",
        context
        | {
            "filters": filters,
            "counts": selectors.queue_counts(user=user),
            "statuses": Status.choices,
            "sla_states": [(s.value, s.label) for s in SlaState if s != SlaState.DONE],
            "priorities": Priority.choices,
            "categories": intake_selectors.categories_public(),
            "can_intake": user.role in ("desk_officer", "commander"),
        },
    )


def sla_rows(cases: Any) -> list[tuple[Case, SlaState, str]]:
    """Each case with its SLA state and what its clock says (time left, or how late)."""
    now = timezone.now()
    return [(c, selectors.sla_state(c, now), sla_clock(c, now)) for c in cases]


@login_required
@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """A POST, so national IDs and mobiles never end up in a URL or a log."""
    _user(request)
    context: dict[str, Any] = {
        "q": "",
        "purpose": "",
        "purpose_code": "",
        "purposes": [(c.value, c.label) for c in PurposeCode if c in services.SEARCH_PURPOSES],
        "results": None,
        "errors": {},
    }
    if request.method == "POST":
        q = request.POST.get("q", "")
        context["q"] = q
        context["purpose"] = request.POST.get("purpose", "")
        context["purpose_code"] = request.POST.get("purpose_code", "")
        try:
            kind, found = services.case_search_audited(
                actor=_user(request),
                query=q,
                purpose_code=context["purpose_code"],
                purpose=context["purpose"],
                context=RequestContext.from_request(request),
            )
            context["matched_as"] = kind
            context["matched_as_label"] = selectors.SEARCH_KIND_LABELS.get(kind, "")
            context["results"] = sla_rows(found)
        except DomainError as exc:
            context["errors"] = errors_by_field(exc)
    response = render(request, "cases/search.html", context)
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@login_required
@require_http_methods(["GET", "POST"])
def desk_intake(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policy.can_take_walk_ins(user):
        raise PermissionDenied
    initial = {"station": user.unit.code} if user.unit and user.unit.is_front_line else {}
    return submit_from_form(request, Channel.DESK, "cases/desk_intake.html", initial)


def extra_items(case: Case) -> list[tuple[str, str, str]]:
    """The category's extra fields: label in the page's language, value, kind (for layout)."""
    specs = {spec["name"]: spec for spec in case.category.extra_fields}
    return [
        (
            field_label(specs[name]) if name in specs else name,
            str(value),
            str(specs.get(name, {}).get("kind", "text")),
        )
        for name, value in case.report.extra.items()
    ]


def extra_labels(case: Case) -> dict[str, str]:
    """Labels of the category's fields, for files sent in one of them (a missing person's photo)."""
    return {spec["name"]: field_label(spec) for spec in case.category.extra_fields}


def routing_label(reason: str) -> str:
    return {
        "chosen": _("chosen by the citizen"),
        "nearest_in_county": _("nearest station of the county"),
        "nearest": _("nearest station to the location"),
        "county_default": _("the county's duty station"),
        "inspectorate": _("the inspectorate above the station complained about"),
    }.get(reason, _("routed by the system"))


def routing_distance(detail: str) -> str:
    """The distance in a routing detail (`nearest:ST-101:1.23km`), in the page's language.

    The rest of the detail is the station's code, which the page already names: the raw
    string is for the log, not the screen.
    """
    last = detail.rsplit(":", 1)[-1] if detail else ""
    if not last.endswith("km"):
        return ""
    try:
        km = float(last[:-2])
    except ValueError:
        return ""
    return _("%(km)s km from the location") % {"km": digits(number_format(km, 1))}


# The reason box is labelled per move ("Outcome" for resolve); its error names the same thing.
REASON_REQUIRED = {
    "resolve": gettext_lazy("Write the outcome; the citizen will see it."),
    "reject": gettext_lazy("Write the reason for rejecting; the citizen will see it."),
    "note": gettext_lazy("Write the note."),
    "pause": gettext_lazy("Say what the citizen should bring or send; they will see it."),
}


def action_errors(action: str, exc: DomainError) -> tuple[str, dict[str, str]]:
    """The summary and per-field errors of a refused move, named as that move's form names them."""
    errors = {f"{action}.{k}": v for k, v in errors_by_field(exc).items()}
    message = str(exc.message)
    if exc.code == "reason_required" and action in REASON_REQUIRED:
        message = str(REASON_REQUIRED[action])
        errors[f"{action}.reason"] = message
    return message, errors


def _page(
    request: HttpRequest,
    case: Case,
    *,
    error: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    actions = policy.case_available_actions(user, case, MOVES)
    moves = [(a, MOVES[a]) for a in actions if a in MOVES]
    response = render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "report": case.report,
            "sla": selectors.sla_state(case),
            "sla_clock": sla_clock(case, timezone.now()),
            "timeline": selectors.case_timeline(case=case),
            "attachments": case.report.attachments.all(),
            "extra_items": extra_items(case),
            "extra_labels": extra_labels(case),
            "routing": routing_label(case.report.routing_reason),
            "routing_distance": routing_distance(case.report.routing_detail),
            "followups": case.report.followups.prefetch_related("attachments"),
            "moves": moves,
            "can_note": policy.NOTE in actions,
            "can_claim": policy.CLAIM in actions,
            "can_release": policy.RELEASE in actions,
            "can_pause": policy.PAUSE in actions,
            "can_resume": policy.RESUME in actions,
            "assignable": selectors.assignable_staff(user=user, case=case)
            if "assign" in actions
            else [],
            "referral_targets": ReferralTarget.choices,
            "can_defer": policy.can_defer_disclosure(user, case),
            "error": error,
            "conflict": status == 409,
            "errors": errors or {},
            "values": request.POST if request.method == "POST" else {},
        },
        status=status,
    )
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@login_required
def case_detail(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    try:
        case = services.case_view(
            actor=_user(request), case_id=case_id, context=RequestContext.from_request(request)
        )
    except NotFound:
        raise Http404 from None
    return _page(request, case)


@login_required
@require_POST
def case_act(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    user = _user(request)
    post = request.POST
    action = post.get("action", "")
    version = _int(post.get("version"))
    ctx = RequestContext.from_request(request)
    try:
        if action == "note":
            services.case_note_add(
                actor=user,
                case_id=case_id,
                body=post.get("body", ""),
                public=post.get("public") == "on",
                context=ctx,
            )
        elif action in (policy.PAUSE, policy.RESUME):
            _pause_or_resume(user, case_id, action, post.get("reason", ""), version, ctx)
        elif action in ("claim", "release"):
            services.case_claim(
                actor=user,
                case_id=case_id,
                expected_version=version,
                release=action == "release",
                context=ctx,
            )
        else:
            services.case_transition(
                actor=user,
                case_id=case_id,
                action=action,
                expected_version=version,
                reason=post.get("reason", ""),
                assignee_id=_int(post.get("assignee")),
                referral_target=post.get("referral_target") or None,
                referral_unit_code=post.get("referral_unit", ""),
                referral_name=post.get("referral_name", ""),
                referral_contact=post.get("referral_contact", ""),
                context=ctx,
            )
    except NotFound:
        raise Http404 from None
    except DomainError as exc:
        # The page shows personal data again: it is a read like any other, so audited.
        try:
            case = services.case_view(actor=user, case_id=case_id, context=ctx)
        except NotFound:
            raise Http404 from None
        message, errors = action_errors(action, exc)
        return _page(request, case, error=message, errors=errors, status=exc.status)
    return redirect("cases:detail", case_id=case_id)


def _pause_or_resume(
    user: User, case_id: uuid.UUID, action: str, note: str, version: int | None, ctx: Any
) -> None:
    if action == policy.PAUSE:
        services.case_pause(
            actor=user, case_id=case_id, expected_version=version, note=note, context=ctx
        )
    else:
        services.case_resume(actor=user, case_id=case_id, expected_version=version, context=ctx)


@login_required
def attachment(request: HttpRequest, case_id: uuid.UUID, attachment_id: uuid.UUID) -> FileResponse:
    """Files are never served from a public folder: every download is access-checked and audited."""
    try:
        download = services.attachment_download(
            actor=_user(request),
            case_id=case_id,
            attachment_id=attachment_id,
            context=RequestContext.from_request(request),
        )
    except NotFound:
        raise Http404 from None
    response = FileResponse(
        io.BytesIO(download.content),
        as_attachment=True,
        filename=download.name,
        content_type=download.content_type,
    )
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
