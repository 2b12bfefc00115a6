"""Claiming a case, so two officers do not work it at once, and releasing the claim."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from kalantari.access import policy
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case, CaseEvent, EventKind
from kalantari.cases.services._guards import _bump, _check_allowed, _locked_case
from kalantari.org.models import User


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
