"""Notes on a case, internal or public to the citizen."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone

from kalantari.access import policy
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case, CaseEvent, EventKind
from kalantari.cases.services._guards import _check_allowed, _locked_case, _reason
from kalantari.org.models import User


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
