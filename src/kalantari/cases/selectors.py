"""Every read of cases, already limited by the policy module to what the user may see; and
what a citizen holding a status grant may see of their report and its case (`public_status`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kalantari.access import policy
from kalantari.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    EventKind,
    ReferralTarget,
    SlaState,
    Status,
)
from kalantari.core import crypto, identifiers
from kalantari.core.errors import NotFound, ValidationFailed
from kalantari.core.text import MAX_QUERY_WORDS, name_query, normalise
from kalantari.core.tracking import format_tracking_code, parse_tracking_code
from kalantari.intake.models import Priority, Report
from kalantari.org.models import OrgUnit, User

AT_RISK_WINDOW = timedelta(hours=24)
SLA_STATES = ("breached", "at_risk", "on_track", "paused", "done")


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    category: str = ""
    priority: int | None = None
    sla: str = ""
    assignee: str = ""  # a user id, "me" or "none"
    unread: bool = False


def case_list_visible_to(*, user: User, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """The user's queue: cases of their unit (and below), filtered and newest activity first."""
    scope = policy.case_scope(user)
    if scope is None:
        return Case.objects.none()
    qs = Case.objects.filter(scope).select_related(
        "report", "category", "station", "assignee", "claimed_by"
    )
    f = filters or CaseFilters()
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status in Status.values:
        qs = qs.filter(status=f.status)
    if f.category:
        qs = qs.filter(category__code=f.category)
    if f.priority:
        # Out-of-range numbers find nothing (rather than overflow the database's integers).
        qs = qs.filter(priority=f.priority) if f.priority in Priority.values else qs.none()
    if f.assignee == "me":
        qs = qs.filter(assignee=user)
    elif f.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif f.assignee:
        try:
            wanted = int(f.assignee)
        except ValueError:
            wanted = 0
        qs = qs.filter(assignee_id=wanted) if 0 < wanted < 2**63 else qs.none()
    if f.unread:
        qs = qs.filter(unread_followups__gt=0)
    if f.sla:
        qs = qs.filter(sla_q(f.sla, timezone.now()))
    return qs.order_by("-unread_followups", "priority", "-last_activity_at")


def sla_q(state: str, now: datetime) -> Q:
    """Cases in this SLA state at `now` (as `sla_state` says of one case).

    A paused case (waiting on the citizen) is neither at risk nor breached while it waits.
    """
    paused = Q(status__in=OPEN_STATUSES, sla_paused_at__isnull=False)
    if state == "paused":
        return paused
    open_ = Q(status__in=OPEN_STATUSES, sla_paused_at__isnull=True)
    late = Q(resolution_due__lt=now) | Q(
        first_responded_at__isnull=True, first_response_due__lt=now
    )
    soon = Q(resolution_due__lt=now + AT_RISK_WINDOW) | Q(
        first_responded_at__isnull=True, first_response_due__lt=now + AT_RISK_WINDOW
    )
    if state == "breached":
        return open_ & late
    if state == "at_risk":
        return open_ & soon & ~late
    if state == "on_track":
        return open_ & ~soon
    if state == "done":
        return ~Q(status__in=OPEN_STATUSES)
    return Q()


def sla_state(case: Case, now: datetime | None = None) -> SlaState:
    """Where one case stands: done, paused, breached, at risk (due within AT_RISK_WINDOW) or
    on track."""
    now = now or timezone.now()
    if case.status not in OPEN_STATUSES:
        return SlaState.DONE
    if case.sla_paused_at is not None:
        return SlaState.PAUSED
    first_due = case.first_response_due if case.first_responded_at is None else None
    dues = [d for d in (case.resolution_due, first_due) if d is not None]
    if any(d < now for d in dues):
        return SlaState.BREACHED
    if any(d < now + AT_RISK_WINDOW for d in dues):
        return SlaState.AT_RISK
    return SlaState.ON_TRACK


def case_get_visible(*, user: User, case_id: uuid.UUID | str) -> Case:
    """One case, or NotFound when it does not exist or the user may not see it."""
    scope = policy.case_scope(user)
    try:
        case = (
            Case.objects.filter(scope if scope is not None else Q(pk__in=[]))
            .select_related(
                "report",
                "report__category",
                "report__station",
                "category",
                "station",
                "assignee",
                "claimed_by",
                "referral_unit",
            )
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
        raise NotFound(_("No such case.")) from exc
    return case


def case_timeline(*, case: Case, public_only: bool = False) -> QuerySet[CaseEvent]:
    qs = case.events.select_related("actor").order_by("at", "id")
    if public_only:
        qs = qs.filter(public=True)
    return qs


# What the search page says a query was taken as (the kinds case_search returns).
SEARCH_KIND_LABELS = {
    "national_id": gettext_lazy("Searched as a national ID."),
    "mobile": gettext_lazy("Searched as a mobile number."),
    "tracking_code": gettext_lazy("Searched as a tracking code."),
    "name": gettext_lazy("Searched as a name."),
}


def case_search(*, user: User, query: str) -> tuple[str, QuerySet[Case]]:
    """Find cases by tracking code, national ID, mobile or name, folding letter/digit variants.

    Returns what kind of key the query was taken as and the visible matches.
    """
    base = case_list_visible_to(user=user)
    text = (query or "").strip()
    if not text:
        raise ValidationFailed(_("Type something to search for."), code="required", field="q")
    key = normalise(text)
    compact = key.replace(" ", "").replace("-", "")
    digits = compact.isascii() and compact.lstrip("+").isdigit()  # "²".isdigit() is True
    if digits and compact.isdigit() and len(compact) == 10:
        try:
            nid = identifiers.normalise_national_id(compact)
            indexes = crypto.blind_index_candidates("national_id", nid)
            return "national_id", base.filter(report__national_id_index__in=indexes)
        except ValidationFailed:
            pass
    if digits:
        try:
            mobile = identifiers.normalise_mobile(compact)
            indexes = crypto.blind_index_candidates("mobile", mobile)
            return "mobile", base.filter(report__mobile_index__in=indexes)
        except ValidationFailed:
            pass
    if len(compact) == 13:
        try:
            code = parse_tracking_code(compact)
            return "tracking_code", base.filter(report__tracking_code=code)
        except ValidationFailed:
            pass
    return "name", base.filter(name_matches(key))


def name_matches(key: str) -> Q:
    """Cases whose complainant's name holds every word of `key` (a normalised query).

    Names are encrypted: each word is matched whole through the name's blind index, as
    itself or joined with the word before or after it, so compounds match however they
    were written (احمدرضا / احمد رضا / احمد‌رضا; see core.text.name_tokens). At most
    MAX_QUERY_WORDS words: each is one condition, and a long query is not a name.
    """
    if len(key) < 2:
        raise ValidationFailed(
            _("Type at least two letters of the name."), code="too_short", field="q"
        )
    groups = name_query(key)
    if len(groups) > MAX_QUERY_WORDS:
        raise ValidationFailed(
            _("A name search takes at most %(n)d words.") % {"n": MAX_QUERY_WORDS},
            code="too_many_words",
            field="q",
        )
    match = Q()
    for alternatives in groups:
        either = Q()
        for token in sorted(alternatives):
            for digest in crypto.token_digest_candidates("name", token):  # any index key in use
                either |= Q(report__name_index__contains=f" {digest} ")
        match &= either
    return match


def search_identity_subject(kind: str, query: str) -> str:
    """The audit subject naming the person a search was for ("person:nid:<blind index>")."""
    compact = normalise(query).replace(" ", "").replace("-", "")
    try:
        if kind == "national_id":
            nid = identifiers.normalise_national_id(compact)
            return f"person:nid:{crypto.blind_index('national_id', nid)}"
        if kind == "mobile":
            mobile = identifiers.normalise_mobile(compact)
            return f"person:mobile:{crypto.blind_index('mobile', mobile)}"
    except ValidationFailed:
        return ""
    return ""


def assignable_staff(*, user: User, case: Case) -> QuerySet[User]:
    scope = policy.assignable_scope(user)
    if scope is None:
        return User.objects.none()
    return (
        User.objects.filter(scope, unit__path__startswith=case.unit_path)
        .select_related("unit")
        .order_by("role", "last_name", "first_name")
    )


def queue_counts(*, user: User) -> dict[str, Any]:
    qs = case_list_visible_to(user=user)
    now = timezone.now()
    return {
        "open": qs.filter(status__in=OPEN_STATUSES).count(),
        "breached": qs.filter(sla_q("breached", now)).count(),
        "unread": qs.filter(unread_followups__gt=0).count(),
        "mine": qs.filter(assignee=user, status__in=OPEN_STATUSES).count(),
    }


def _station(unit: OrgUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name_fa": unit.name_fa,
        "name_en": unit.name_en,
        "phone": unit.phone,
    }


def public_status(report: Report) -> dict[str, Any]:
    """What the citizen sees: status, public notes, rejection reason, referral, and what they
    wrote themselves (statement, follow-ups); no staff names."""
    case = report.case
    timeline = []
    for e in case.events.filter(public=True).order_by("at", "id"):
        status = e.to_status or ""
        text = e.reason
        if e.kind == EventKind.FOLLOWUP:
            text = ""
        kind_label = str(EventKind(e.kind).label)
        if e.kind == EventKind.SLA_PAUSED:
            kind_label = _("The station needs something from you")
        timeline.append(
            {
                "at": e.at,
                "kind": e.kind,
                "kind_label": kind_label,
                "status": status,
                "status_label": str(Status(status).label) if status else "",
                "text": text,
            }
        )
    referral = None
    if case.status == Status.REFERRED and case.referral_target:
        referral = {
            "target": case.referral_target,
            "target_label": str(ReferralTarget(case.referral_target).label),
            "name": case.referral_name,
            "contact": case.referral_contact,
        }
    lang = translation.get_language()
    return {
        "tracking_code": format_tracking_code(report.tracking_code),
        "status": case.status,
        "status_label": str(Status(case.status).label),
        "category": report.category.name_en if lang == "en" else report.category.name_fa,
        "station": _station(report.station),
        "submitted_at": report.created_at,
        "last_activity_at": case.last_activity_at,
        "rejection_reason": case.rejection_reason if case.status == Status.REJECTED else "",
        "referral": referral,
        "timeline": timeline,
        "anonymous": report.anonymous,
        # The citizen's own words, shown back to them (no audit: it is their own report).
        "occurred_at": report.occurred_at,
        "statement": report.statement,
        "messages": [
            {"at": f.created_at, "text": f.message, "files": len(f.attachments.all())}
            for f in report.followups.prefetch_related("attachments").order_by("created_at")
        ],
    }
