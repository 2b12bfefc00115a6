"""Filing a report and opening its case; a citizen's follow-up and the case that learns of it.

Both touch a report (intake's, written by intake's own functions) and its case, so their
transactions are owned here: cases sits above intake (docs/architecture.md, "Layers")."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kalantari.audit.actions import Action
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case, CaseEvent, EventKind, SlaPause, Status
from kalantari.cases.services.pauses import record_resumed
from kalantari.cases.sla import pause_end, sla_targets
from kalantari.core import idempotency
from kalantari.intake.files import IncomingFile
from kalantari.intake.models import FollowUp, Report
from kalantari.intake.services import (
    PIN_DIGITS,
    ReportDraft,
    SubmitOutcome,
    followup_clean,
    followup_create,
    report_create,
    report_validate,
    submit_body,
)
from kalantari.org.models import User
from kalantari.people import services as people_services


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
    decision = clean.decision
    pin = f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}" if clean.anonymous else ""
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
            name=clean.name,
            national_id=clean.national_id,
            mobile=clean.mobile,
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
    priority = category.default_priority
    targets = sla_targets(category, priority)
    case = Case.objects.create(
        report=report,
        station=report.station,
        unit_path=report.station.path,
        category=category,
        priority=priority,
        status=Status.RECEIVED,
        first_response_due=now + targets.first_response,
        resolution_due=now + targets.resolution,
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


def case_followup_received(*, report: Report, followup_id: uuid.UUID) -> None:
    """Mark the case as having an unread citizen follow-up (inside the follow-up's transaction).

    A case waiting on the citizen has its answer: its SLA clock restarts.
    """
    now = timezone.now()
    case = Case.objects.select_for_update(of=("self",)).get(report=report)
    CaseEvent.objects.create(
        case=case,
        at=now,
        kind=EventKind.FOLLOWUP,
        public=True,
        data={"followup": str(followup_id)},
    )
    if case.sla_paused_at is not None and case.sla_pause_reason == SlaPause.CITIZEN:
        _resume_on_followup(case, now)
    Case.objects.filter(pk=case.pk).update(
        unread_followups=F("unread_followups") + 1, last_activity_at=now
    )


def _resume_on_followup(case: Case, now: datetime) -> None:
    seconds = pause_end(case, now)
    case.version += 1  # a page showing "resume" is stale now
    Case.objects.filter(pk=case.pk).update(
        first_response_due=case.first_response_due,
        resolution_due=case.resolution_due,
        sla_paused_seconds=case.sla_paused_seconds,
        sla_paused_at=None,
        sla_pause_reason="",
        version=case.version,
    )
    record_resumed(case, actor=None, at=now, seconds=seconds, by="followup")
    audit_record(
        action=Action.CASE_SLA_RESUMED,
        actor=None,
        target=case,
        unit_id=case.station_id,
        changes={"paused_seconds": seconds, "by": "followup"},
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
