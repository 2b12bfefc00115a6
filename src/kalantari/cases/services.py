"""Every write to a case: file a report and open its case, move, note, claim, follow-up.
One transaction each, audited.

Filing a report and adding a citizen's follow-up touch both a report (intake's, written by
intake's own functions) and its case, so their transactions are owned here: cases sits
above intake (docs/architecture.md, "Layers")."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, NoReturn

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.purposes import PurposeCode
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case, CaseEvent, EventKind, ReferralTarget, Status
from kalantari.cases.workflow import FIRST_RESPONSE_MOVES, MOVES
from kalantari.core import idempotency
from kalantari.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from kalantari.core.text import clean_text
from kalantari.intake import catalogue
from kalantari.intake.files import IncomingFile, read_attachment
from kalantari.intake.models import Attachment, FollowUp, Report
from kalantari.intake.services import (
    PIN_DIGITS,
    ReportDraft,
    SubmitOutcome,
    followup_clean,
    followup_create,
    followups_mark_read,
    report_create,
    report_validate,
    submit_body,
)
from kalantari.org.models import User
from kalantari.people import services as people_services

MAX_REASON = 4000


def report_submit(
    *,
    actor: User | None,
    draft: ReportDraft,
    idempotency_key: str | None = None,
    fingerprint: str | None = None,
    context: RequestContext = NO_CONTEXT,
) -> SubmitOutcome:
    """File a citizen's report and open the station's case, once per Idempotency-Key."""
    clean = report_validate(draft)
    decision = clean["decision"]
    pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}" if clean["anonymous"] else ""
    pin_hash = make_password(pin) if pin else ""
    with transaction.atomic(durable=True):
        claimed = None
        if idempotency_key is not None:
            claimed = idempotency.claim(
                scope="report_submit", key=idempotency_key, fingerprint=fingerprint or ""
            )
            if isinstance(claimed, dict):
                return SubmitOutcome(body=claimed["body"], replayed=True)
        staff = actor if actor is not None and actor.is_authenticated else None
        report = report_create(
            draft=draft, clean=clean, staff=staff, pin_hash=pin_hash, ip=context.ip
        )
        case_open_for_report(report=report, actor=staff)
        # The registry's person (the report keeps its identity as filed; a tip makes none).
        people_services.person_link_complainant(
            actor=staff,
            report_id=report.pk,
            unit=report.station,
            name=clean["name"],
            national_id=clean["national_id"],
            mobile=clean["mobile"],
            context=context,
        )
        audit_record(
            action="report.submitted",
            actor=staff,
            target=report,
            unit_id=decision.station.pk,
            changes={"channel": draft.channel, "routing": decision.reason},
            context=context,
        )
        body = submit_body(report, pin=pin)
        if claimed is not None and not isinstance(claimed, dict):
            idempotency.store(claimed, status=201, body=body)
    return SubmitOutcome(body=body, replayed=False)


def case_open_for_report(*, report: Report, actor: User | None) -> Case:
    """Open the station's case for a new report (inside the report's own transaction)."""
    now = report.created_at or timezone.now()
    category = report.category
    case = Case.objects.create(
        report=report,
        station=report.station,
        unit_path=report.station.path,
        category=category,
        priority=category.default_priority,
        status=Status.RECEIVED,
        first_response_due=now + timedelta(minutes=category.sla_first_response_minutes),
        resolution_due=now + timedelta(hours=category.sla_resolution_hours),
        last_activity_at=now,
        created_by=actor if actor and actor.is_authenticated else None,
    )
    CaseEvent.objects.create(
        case=case,
        at=now,
        actor=case.created_by,
        kind=EventKind.OPENED,
        to_status=Status.RECEIVED,
        public=True,
        data={"routing": report.routing_reason},
    )
    return case


def _locked_case(case_id: uuid.UUID | str, user: User) -> Case:
    try:
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("station", "report")
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("No such case.")) from exc
    if not policy.can_view_case(user, case):
        raise NotFound(_("No such case."))
    return case


def _check_version(case: Case, expected_version: int | None) -> None:
    """Every write names the version it was based on: a missing one is refused, not skipped."""
    if expected_version is None:
        raise ValidationFailed(
            _("The case's version is missing from the request; reload the page and try again."),
            code="version_required",
            field="version",
        )
    if case.version != expected_version:
        raise Conflict(
            _(
                "This case was changed by someone else while you were looking at it. "
                "Reload the page to see the change, then try again."
            ),
            code="stale_version",
        )


def _check_allowed(
    user: User, case: Case, action: str, expected_version: int | None, *, versioned: bool = True
) -> None:
    """Refuse what `access.policy` refuses, with the error its reason calls for.

    A request based on a stale version is told to reload before it is told the case's state
    forbids it (it was looking at another state).
    """
    refusal = policy.case_action_refusal(user, case, action, MOVES)
    if refusal is not None and refusal.status != Conflict.status:
        _refuse(case, action, refusal)
    if versioned:
        _check_version(case, expected_version)
    if refusal is not None:
        _refuse(case, action, refusal)


def _refuse(case: Case, action: str, refusal: policy.Refusal) -> NoReturn:
    code = refusal.value
    if refusal is policy.Refusal.NOT_VISIBLE:
        raise NotFound(_("No such case."))
    if refusal is policy.Refusal.UNKNOWN:
        raise ValidationFailed(_("Unknown action."), code=code, field="action")
    if refusal is policy.Refusal.ROLE:
        raise Forbidden(_("Your role may not do this on this case."), code=code)
    if refusal is policy.Refusal.CLAIMED_BY_OTHER:
        holder = case.claimed_by.display_name if case.claimed_by else ""
        message = (
            _("%(name)s is already working on this case.")
            if action == policy.CLAIM
            else _("%(name)s is working on this case; ask them or the commander.")
        )
        raise Conflict(message % {"name": holder}, code=code)
    status = Status(case.status).label
    messages = {
        policy.Refusal.ILLEGAL_MOVE: _("A case that is “%(status)s” cannot be moved this way."),
        policy.Refusal.NOT_CLAIMABLE: _("A case that is “%(status)s” cannot be claimed."),
        policy.Refusal.ALREADY_CLAIMED: _("You are already working on this case."),
        policy.Refusal.NOT_CLAIMED: _(
            "Nobody is working on this case: there is no claim to release."
        ),
    }
    raise Conflict(messages[refusal] % {"status": status}, code=code)


def _reason(value: str | None, *, required: bool) -> str:
    text = clean_text(value or "")
    if required and not text:
        raise ValidationFailed(_("Give a reason."), code="reason_required", field="reason")
    if len(text) > MAX_REASON:
        raise ValidationFailed(
            _("The text is too long (at most %(n)d characters).") % {"n": MAX_REASON},
            code="too_long",
            field="reason",
        )
    return text


def _bump(case: Case, actor: User, now: Any) -> None:
    case.version += 1
    case.updated_by = actor
    case.last_activity_at = now


def case_transition(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    action: str,
    expected_version: int | None,
    reason: str | None = None,
    assignee_id: Any = None,
    referral_target: str | None = None,
    referral_unit_code: str | None = None,
    referral_name: str | None = None,
    referral_contact: str | None = None,
    context: RequestContext = NO_CONTEXT,
) -> Case:
    """Move a case along its life cycle, refusing illegal, forbidden or stale moves."""
    move = MOVES.get(action)
    if move is None:
        raise ValidationFailed(_("Unknown action."), code="unknown_action", field="action")
    with transaction.atomic(durable=True):
        case = _locked_case(case_id, actor)
        _check_allowed(actor, case, action, expected_version)
        text = _reason(reason, required=move.needs_reason)
        now = timezone.now()
        data: dict[str, Any] = {}
        if action == "assign":
            assignee = _assignee(actor, case, assignee_id)
            case.assignee = assignee
            data["assignee"] = str(assignee.pk)
        elif action == "refer":
            data.update(
                _apply_referral(
                    case, referral_target, referral_unit_code, referral_name, referral_contact
                )
            )
        elif action == "reject":
            case.rejection_reason = text
        elif action == "resolve":
            case.resolved_at = now
        elif action == "close":
            case.closed_at = now
            case.claimed_by = None
        elif action == "reopen":
            case.closed_at = None
            case.resolved_at = None
            case.rejection_reason = ""
        if action in FIRST_RESPONSE_MOVES and case.first_responded_at is None:
            case.first_responded_at = now
        before = case.status
        case.status = move.target
        _bump(case, actor, now)
        case.save()
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            kind=EventKind.TRANSITION,
            from_status=before,
            to_status=move.target,
            reason=text,
            public=move.reason_is_public or action in {"resolve", "close", "reopen"},
            data=data | {"action": action},
        )
        audit_record(
            action=move.audit,
            actor=actor,
            target=case,
            unit_id=case.station_id,
            changes={"from": before, "to": move.target, **data},
            context=context,
        )
    return case


def _assignee(actor: User, case: Case, assignee_id: Any) -> User:
    if not assignee_id:
        raise ValidationFailed(
            _("Choose who will work the case."), code="assignee_required", field="assignee"
        )
    scope = policy.assignable_scope(actor)
    try:
        assignee = User.objects.get(pk=assignee_id, is_active=True)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise ValidationFailed(
            _("That officer was not found."), code="assignee_unknown", field="assignee"
        ) from exc
    if (
        scope is None
        or assignee.unit is None
        or (
            not case.unit_path.startswith(assignee.unit.path)
            and not assignee.unit.path.startswith(case.unit_path)
        )
        or not User.objects.filter(scope, pk=assignee.pk).exists()
    ):
        raise ValidationFailed(
            _("That officer does not serve at this case's station."),
            code="assignee_out_of_unit",
            field="assignee",
        )
    return assignee


def _apply_referral(
    case: Case,
    target: str | None,
    unit_code: str | None,
    name: str | None,
    contact: str | None,
) -> dict[str, Any]:
    if target not in ReferralTarget.values:
        raise ValidationFailed(
            _("Say where the case is referred."), code="referral_target_required", field="target"
        )
    case.referral_target = target
    case.referral_unit = None
    if target == ReferralTarget.UNIT:
        unit = catalogue.unit((unit_code or "").strip())
        if unit is None:
            raise ValidationFailed(
                _("Choose the unit the case goes to."), code="referral_unit_unknown", field="unit"
            )
        case.referral_unit = unit
        case.referral_name = unit.name_fa if not name else clean_text(name)
        case.referral_contact = clean_text(contact or "") or unit.phone
    else:
        body = clean_text(name or "")
        if not body:
            raise ValidationFailed(
                _("Name the body that is now responsible."),
                code="referral_name_required",
                field="referral_name",
            )
        case.referral_name = body[:200]
        case.referral_contact = clean_text(contact or "")[:200]
    return {"target": target, "name": case.referral_name}


def case_note_add(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    body: str,
    public: bool,
    context: RequestContext = NO_CONTEXT,
) -> CaseEvent:
    """Add an internal or public note (a note never changes the case's version)."""
    with transaction.atomic(durable=True):
        case = _locked_case(case_id, actor)
        _check_allowed(actor, case, policy.NOTE, None, versioned=False)
        text = _reason(body, required=True)
        now = timezone.now()
        event = CaseEvent.objects.create(
            case=case, at=now, actor=actor, kind=EventKind.NOTE, reason=text, public=public
        )
        update: dict[str, Any] = {"last_activity_at": now}
        if public and case.first_responded_at is None:
            update["first_responded_at"] = now
        Case.objects.filter(pk=case.pk).update(**update)
        audit_record(
            action="case.note_added",
            actor=actor,
            target=case,
            unit_id=case.station_id,
            changes={"public": public, "event": str(event.pk)},
            context=context,
        )
    return event


def case_claim(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    expected_version: int | None,
    release: bool = False,
    context: RequestContext = NO_CONTEXT,
) -> Case:
    """Claim a case (so two officers do not work it at once) or release the claim."""
    action = policy.RELEASE if release else policy.CLAIM
    with transaction.atomic(durable=True):
        case = _locked_case(case_id, actor)
        _check_allowed(actor, case, action, expected_version)
        now = timezone.now()
        case.claimed_by = None if release else actor
        case.claimed_at = None if release else now
        _bump(case, actor, now)
        case.save()
        CaseEvent.objects.create(
            case=case, at=now, actor=actor, kind=EventKind.RELEASE if release else EventKind.CLAIM
        )
        audit_record(
            action="case.released" if release else "case.claimed",
            actor=actor,
            target=case,
            unit_id=case.station_id,
            context=context,
        )
    return case


def case_followup_received(*, report: Report, followup_id: uuid.UUID) -> None:
    """Mark the case as having an unread citizen follow-up (inside the follow-up's transaction)."""
    now = timezone.now()
    case = Case.objects.get(report=report)
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=EventKind.FOLLOWUP,
        public=True,
        data={"followup": str(followup_id)},
    )
    Case.objects.filter(pk=case.pk).update(
        unread_followups=F("unread_followups") + 1, last_activity_at=now
    )


def followup_add(
    *,
    report: Report,
    message: str,
    files: list[IncomingFile],
    context: RequestContext = NO_CONTEXT,
) -> FollowUp:
    """Add the citizen's follow-up (message or file); the case handler sees it as unread."""
    text, clean = followup_clean(message=message, files=files)
    with transaction.atomic(durable=True):
        followup = followup_create(report=report, text=text, files=clean, context=context)
        case_followup_received(report=report, followup_id=followup.pk)
        audit_record(
            action="report.followup_added",
            actor=None,
            target=report,
            unit_id=report.station_id,
            changes={"followup": str(followup.pk), "files": len(clean)},
            context=context,
        )
    return followup


def case_view(
    *, actor: User, case_id: uuid.UUID | str, context: RequestContext = NO_CONTEXT
) -> Case:
    """Open a case for reading: the read of personal data is audited, follow-ups marked read."""
    from kalantari.cases.selectors import case_get_visible

    case = case_get_visible(user=actor, case_id=case_id)
    with transaction.atomic(durable=True):
        audit_record(
            action="case.viewed",
            actor=actor,
            target=case,
            unit_id=case.station_id,
            context=context,
        )
        if case.unread_followups and policy.case_actions(actor, case):
            followups_mark_read(report_id=case.report_id, reader=actor)
            Case.objects.filter(pk=case.pk).update(unread_followups=0)
            case.unread_followups = 0
    return case


IDENTITY_SEARCHES = frozenset({"national_id", "mobile", "name"})
# What an officer may give as the reason for looking a person up (citizens see the label).
SEARCH_PURPOSES = frozenset(
    {
        PurposeCode.REPORT,
        PurposeCode.INVESTIGATION,
        PurposeCode.IDENTITY,
        PurposeCode.MISSING,
        PurposeCode.JUDICIAL,
        PurposeCode.OVERSIGHT,
    }
)


def case_search_audited(
    *,
    actor: User,
    query: str,
    purpose_code: str = "",
    purpose: str = "",
    context: RequestContext = NO_CONTEXT,
) -> tuple[str, list[Case]]:
    """Search cases; a search for a person needs a chosen purpose and is audited with it.

    The audit record names the cases found and, for an identity search, the person by the
    blind index of the identifier (never the identifier itself), so "who looked me up"
    can be answered even when the search found nothing. The person is later shown the
    purpose category, never the free-text details (those are for inspectors).
    """
    from kalantari.cases.selectors import case_search, search_identity_subject

    kind, rows = case_search(user=actor, query=query)
    purpose = clean_text(purpose or "")[:300]
    if kind in IDENTITY_SEARCHES and purpose_code not in SEARCH_PURPOSES:
        raise ValidationFailed(
            _("Choose why you are looking this person up."),
            code="purpose_required",
            field="purpose_code",
        )
    if kind not in IDENTITY_SEARCHES and purpose_code not in SEARCH_PURPOSES:
        purpose_code = ""
    cases = list(rows[:100])
    subjects = [f"case:{c.pk}" for c in cases]
    person = search_identity_subject(kind, query)
    if person:
        subjects.append(person)
    with transaction.atomic(durable=True):
        audit_record(
            action="case.searched",
            actor=actor,
            unit_id=actor.unit_id,
            changes={"matched_as": kind, "found": len(cases)},
            subjects=subjects,
            context=RequestContext(
                ip=context.ip,
                user_agent=context.user_agent,
                purpose=purpose,
                purpose_code=purpose_code,
            ),
        )
    return kind, cases


@dataclass(frozen=True)
class AttachmentDownload:
    """A file handed to a reader: its name, type and plaintext."""

    name: str
    content_type: str
    content: bytes


def attachment_download(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    attachment_id: uuid.UUID | str,
    context: RequestContext = NO_CONTEXT,
) -> AttachmentDownload:
    """Hand one file of a case to a reader who may see it, audited (NotFound otherwise)."""
    from kalantari.cases.selectors import case_get_visible

    case = case_get_visible(user=actor, case_id=case_id)
    item = Attachment.objects.filter(pk=attachment_id, report_id=case.report_id).first()
    if item is None or not policy.can_read_attachment(actor, case):
        raise NotFound(_("Not found."))
    with transaction.atomic(durable=True):
        audit_record(
            action="attachment.downloaded",
            actor=actor,
            target=item,
            unit_id=case.station_id,
            context=context,
        )
        content = read_attachment(item)  # sealed at rest (intake.files); after the record
    return AttachmentDownload(
        name=item.original_name, content_type=item.content_type, content=content
    )
