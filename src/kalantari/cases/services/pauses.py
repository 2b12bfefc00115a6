"""The SLA clock's pauses by hand: "we wait for the citizen" and "go on" (cases.sla has the
arithmetic; referrals and citizen follow-ups pause and restart it by themselves)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from kalantari.access import policy
from kalantari.audit.actions import Action
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case, CaseEvent, EventKind, SlaPause
from kalantari.cases.services._guards import _bump, _check_allowed, _locked_case, _reason
from kalantari.cases.sla import pause_begin, pause_end
from kalantari.org.models import User


def case_pause(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    expected_version: int | None,
    note: str,
    context: RequestContext = NO_CONTEXT,
) -> Case:
    """Stop the clock to wait for the citizen; `note` tells them what is needed (public)."""
    with transaction.atomic(durable=True):
        case = _locked_case(case_id, actor)
        _check_allowed(actor, case, policy.PAUSE, expected_version)
        text = _reason(note, required=True)
        now = timezone.now()
        pause_begin(case, SlaPause.CITIZEN, now)
        if case.first_responded_at is None:
            case.first_responded_at = now  # asking the citizen is answering them
        _bump(case, actor, now)
        case.save()
        CaseEvent.objects.create(
            case=case,
            at=now,
            actor=actor,
            kind=EventKind.SLA_PAUSED,
            reason=text,
            public=True,
            data={"waiting_on": SlaPause.CITIZEN.value},
        )
        audit_record(
            action=Action.CASE_SLA_PAUSED,
            actor=actor,
            target=case,
            unit_id=case.station_id,
            changes={"waiting_on": SlaPause.CITIZEN.value},
            context=context,
        )
    return case


def case_resume(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    expected_version: int | None,
    context: RequestContext = NO_CONTEXT,
) -> Case:
    """Restart the clock of a case waiting on the citizen; the due times move on by the wait."""
    with transaction.atomic(durable=True):
        case = _locked_case(case_id, actor)
        _check_allowed(actor, case, policy.RESUME, expected_version)
        now = timezone.now()
        seconds = pause_end(case, now)
        _bump(case, actor, now)
        case.save()
        record_resumed(case, actor=actor, at=now, seconds=seconds, by="hand")
        audit_record(
            action=Action.CASE_SLA_RESUMED,
            actor=actor,
            target=case,
            unit_id=case.station_id,
            changes={"paused_seconds": seconds, "by": "hand"},
            context=context,
        )
    return case


def record_resumed(case: Case, *, actor: User | None, at: Any, seconds: int, by: str) -> None:
    """The timeline's line for a restarted clock (after the case row is saved)."""
    CaseEvent.objects.create(
        case=case,
        at=at,
        actor=actor,
        kind=EventKind.SLA_RESUMED,
        data={"paused_seconds": seconds, "by": by},
    )
