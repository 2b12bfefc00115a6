"""Moving a case along its life cycle (`cases.workflow.MOVES`): assignment and referral
included."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    EventKind,
    ReferralTarget,
    SlaPause,
)
from kalantari.cases.services._guards import _bump, _check_allowed, _locked_case, _reason
from kalantari.cases.services.pauses import record_resumed
from kalantari.cases.sla import pause_begin, pause_end
from kalantari.cases.workflow import FIRST_RESPONSE_MOVES, MOVES
from kalantari.core.errors import ValidationFailed
from kalantari.core.text import clean_text
from kalantari.intake import catalogue
from kalantari.org.models import User


def case_transition(  # noqa: PLR0913 - one keyword for each thing a move may need
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
        clock = _clock_on_move(case, action, move.target, now)
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
        _record_clock(case, actor, now, clock)
        audit_record(
            action=move.audit,
            actor=actor,
            target=case,
            unit_id=case.station_id,
            changes={"from": before, "to": move.target, **data, **clock},
            context=context,
        )
    return case


def _clock_on_move(case: Case, action: str, target: str, now: datetime) -> dict[str, Any]:
    """Stop or restart the SLA clock as the move asks (the caller saves the case).

    A pause ends when the case leaves the open statuses (resolved, closed, rejected: no clock
    is left to stop) or is reopened (after a referral); a referral starts its own pause. Moves
    between open statuses (triage, assign, start) leave a citizen's pause running.
    """
    clock: dict[str, Any] = {}
    if case.sla_paused_at is not None and (target not in OPEN_STATUSES or action == "reopen"):
        clock["sla_resumed_after"] = pause_end(case, now)
    if action == "refer":
        pause_begin(case, SlaPause.REFERRAL, now)
        clock["sla_paused"] = SlaPause.REFERRAL.value
    return clock


def _record_clock(case: Case, actor: User, now: datetime, clock: dict[str, Any]) -> None:
    if "sla_resumed_after" in clock:
        record_resumed(case, actor=actor, at=now, seconds=clock["sla_resumed_after"], by="move")
    if "sla_paused" in clock:
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            kind=EventKind.SLA_PAUSED,
            data={"waiting_on": clock["sla_paused"]},
        )


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
