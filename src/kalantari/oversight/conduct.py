"""Complaints about officers: the inspectorate's file, its finding and corrective actions.

A report in the police-conduct group is filed at the unit above the accused station
(`intake.routing.route_complaint`), and only inspectors there and above see its case
(`access.policy`). An inspector opens the complaint's file (`conduct_complaint_open`: the
accused station, the officer if known, what they are accused of), records a finding with its
reasons (`conduct_finding_record`) and, where upheld, corrective actions tracked until done
(`corrective_action_add`, `corrective_action_complete`). The officer the file names never
sees it, even as an inspector.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.actions import Action
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case
from kalantari.core import jalali
from kalantari.core.errors import (
    Conflict,
    Forbidden,
    NotFound,
    ValidationFailed,
    collect_errors,
)
from kalantari.core.text import clean_text, drop_invisible
from kalantari.intake.routing import accused_station_code
from kalantari.org.models import OrgUnit, User
from kalantari.oversight.conduct_selectors import Patterns, conduct_patterns
from kalantari.oversight.models import (
    ActionKind,
    ConductComplaint,
    CorrectiveAction,
    Finding,
)
from kalantari.oversight.rollups import rollup_bump

MAX_TEXT = 5000
MIN_REASONS = 20


def _text(value: str, field: str, *, required: bool, minimum: int = 0) -> str:
    raw = value or ""
    text = clean_text(drop_invisible(raw))
    if raw.strip() and not text:
        raise ValidationFailed(
            _("This holds only invisible characters; write it again."),
            code="invisible_only",
            field=field,
        )
    if required and not text:
        raise ValidationFailed(_("This field is required."), code="required", field=field)
    if len(text) > MAX_TEXT:
        raise ValidationFailed(
            _("Too long: at most %(n)d characters.") % {"n": MAX_TEXT},
            code="too_long",
            field=field,
        )
    if text and len(text) < minimum:
        raise ValidationFailed(
            _("Write at least %(n)d characters.") % {"n": minimum}, code="too_short", field=field
        )
    return text


def as_uuid(value: Any) -> uuid.UUID | None:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None


def _visible_complaint(actor: User, complaint_id: Any, *, lock: bool = False) -> ConductComplaint:
    query = ConductComplaint.objects.select_related("case", "accused_unit", "handling_unit")
    if lock:
        query = query.select_for_update(of=("self",))
    pk = as_uuid(complaint_id)
    complaint = query.filter(pk=pk).first() if pk else None
    if complaint is None or not policy.can_view_complaint(
        actor, complaint.unit_path, complaint.accused_officer_id
    ):
        raise NotFound(_("Not found."))
    return complaint


def _subjects(complaint: ConductComplaint) -> list[str]:
    return [f"case:{complaint.case_id}", f"report:{complaint.case.report_id}"]


def conduct_case_for(actor: User, case_id: Any) -> Case:
    """A complaint's case this inspector may open a file for (404 otherwise)."""
    pk = as_uuid(case_id)
    case = (
        Case.objects.select_related("report", "station", "category").filter(pk=pk).first()
        if pk
        else None
    )
    if (
        case is None
        or not policy.is_conduct_case(case)
        or not policy.can_view_case(actor, case)
        or policy.conduct_scope(actor) is None
    ):
        raise NotFound(_("Not found."))
    return case


def _accused_unit(case: Case, code: str) -> OrgUnit:
    code = (code or "").strip() or accused_station_code(case.report.routing_detail) or ""
    unit = OrgUnit.objects.filter(code=code).first() if code else None
    if unit is None or unit.path == case.unit_path or not unit.path.startswith(case.unit_path):
        raise ValidationFailed(
            _("Choose the accused officer's station among the units below this inspectorate."),
            code="accused_unit_invalid",
            field="accused_unit",
        )
    return unit


def _accused_officer(unit: OrgUnit | None, badge: str) -> User | None:
    badge = clean_text(badge or "")
    if not badge:
        return None
    officer = None
    if unit is not None:
        officer = User.objects.filter(badge_number=badge, unit__path__startswith=unit.path).first()
    if officer is None:
        raise ValidationFailed(
            _("No officer with that badge number serves at that station."),
            code="officer_unknown",
            field="accused_badge",
        )
    return officer


def conduct_complaint_open(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    accused_unit: str = "",
    accused_badge: str = "",
    description: str,
    context: RequestContext = NO_CONTEXT,
) -> ConductComplaint:
    """The inspectorate opens the file of a complaint about an officer from its case."""
    case = conduct_case_for(actor, case_id)
    errors: list[ValidationFailed] = []
    unit = officer = None
    clean_description = ""
    try:
        unit = _accused_unit(case, accused_unit)
    except ValidationFailed as exc:
        errors.append(exc)
    try:
        officer = _accused_officer(unit, accused_badge)
    except ValidationFailed as exc:
        if unit is not None:
            errors.append(exc)
    try:
        clean_description = _text(description, "description", required=True)
    except ValidationFailed as exc:
        errors.append(exc)
    collect_errors(errors)
    if unit is None:  # it added an error
        raise AssertionError("conduct_complaint_open: no unit without its error")
    with transaction.atomic(durable=True):
        Case.objects.select_for_update().filter(pk=case.pk).first()
        if ConductComplaint.objects.filter(case=case).exists():
            raise Conflict(
                _("This complaint already has its file."), code="already_open", field="form"
            )
        try:
            with transaction.atomic():
                complaint = ConductComplaint.objects.create(
                    case=case,
                    accused_unit=unit,
                    accused_officer=officer,
                    description=clean_description,
                    handling_unit_id=case.station_id,
                    unit_path=case.unit_path,
                    received_at=case.created_at,
                    created_by=actor,
                )
        except IntegrityError as exc:
            raise Conflict(
                _("This complaint already has its file."), code="already_open", field="form"
            ) from exc
        audit_record(
            action=Action.CONDUCT_COMPLAINT_OPENED,
            actor=actor,
            target=complaint,
            unit_id=case.station_id,
            changes={"accused_unit": unit.code, "accused_officer": getattr(officer, "pk", None)},
            subjects=[f"case:{case.pk}", f"report:{case.report_id}"],
            context=context,
        )
        rollup_bump(unit.pk, timezone.localdate(case.created_at), unit_path=unit.path, complaints=1)
    return complaint


def conduct_complaint_view(
    *, actor: User, complaint_id: Any, context: RequestContext = NO_CONTEXT
) -> ConductComplaint:
    """Open a complaint's file for reading (its sealed description): audited."""
    complaint = _visible_complaint(actor, complaint_id)
    with transaction.atomic(durable=True):
        audit_record(
            action=Action.CONDUCT_COMPLAINT_VIEWED,
            actor=actor,
            target=complaint,
            unit_id=complaint.handling_unit_id,
            subjects=_subjects(complaint),
            context=context,
        )
    return complaint


def conduct_finding_record(
    *,
    actor: User,
    complaint_id: Any,
    version: int,
    finding: str,
    reasons: str,
    context: RequestContext = NO_CONTEXT,
) -> ConductComplaint:
    """Decide a complaint: upheld, partly upheld, not upheld or no finding, with reasons."""
    errors: list[ValidationFailed] = []
    clean_reasons = ""
    if finding not in Finding.values:
        errors.append(
            ValidationFailed(_("Choose a finding."), code="finding_invalid", field="finding")
        )
    try:
        clean_reasons = _text(reasons, "reasons", required=True, minimum=MIN_REASONS)
    except ValidationFailed as exc:
        errors.append(exc)
    collect_errors(errors)
    with transaction.atomic(durable=True):
        complaint = _visible_complaint(actor, complaint_id, lock=True)
        if complaint.finding:
            raise Conflict(
                _("A finding was already recorded on this complaint."),
                code="already_decided",
                field="finding",
            )
        if complaint.version != version:
            raise Conflict(
                _("Someone changed this complaint meanwhile; reload the page."),
                code="stale_version",
                field="form",
            )
        complaint.finding = finding
        complaint.finding_reasons = clean_reasons
        complaint.decided_by = actor
        complaint.decided_at = timezone.now()
        complaint.updated_by = actor
        complaint.version += 1
        complaint.save()
        audit_record(
            action=Action.CONDUCT_FINDING_RECORDED,
            actor=actor,
            target=complaint,
            unit_id=complaint.handling_unit_id,
            changes={"finding": finding},
            subjects=_subjects(complaint),
            context=context,
        )
    return complaint


def _responsible(complaint: ConductComplaint, responsible_id: Any) -> User:
    try:
        user = User.objects.select_related("unit").filter(pk=int(responsible_id)).first()
    except (TypeError, ValueError):
        user = None
    if (
        user is None
        or not user.is_active
        or user.unit is None
        or not user.unit.path.startswith(complaint.unit_path)
    ):
        raise ValidationFailed(
            _("Choose who is responsible among the staff of this inspectorate's units."),
            code="responsible_unknown",
            field="responsible",
        )
    return user


def corrective_action_add(
    *,
    actor: User,
    complaint_id: Any,
    kind: str,
    responsible_id: Any,
    due_date: str,
    note: str = "",
    context: RequestContext = NO_CONTEXT,
) -> CorrectiveAction:
    """Set a corrective action on an upheld (or partly upheld) complaint."""
    complaint = _visible_complaint(actor, complaint_id)
    errors: list[ValidationFailed] = []
    due = responsible = None
    clean_note = ""
    if kind not in ActionKind.values:
        errors.append(
            ValidationFailed(_("Choose a kind of action."), code="kind_invalid", field="kind")
        )
    try:
        responsible = _responsible(complaint, responsible_id)
    except ValidationFailed as exc:
        errors.append(exc)
    try:
        due = jalali.parse_date(due_date, field="due_date")
        if due < timezone.localdate():
            raise ValidationFailed(
                _("The due date must not be in the past."), code="due_past", field="due_date"
            )
    except ValidationFailed as exc:
        errors.append(exc)
    try:
        clean_note = _text(note, "note", required=False)
    except ValidationFailed as exc:
        errors.append(exc)
    collect_errors(errors)
    if responsible is None or due is None:  # each added an error
        raise AssertionError("corrective_action_add: a value is missing without its error")
    with transaction.atomic(durable=True):
        complaint = _visible_complaint(actor, complaint_id, lock=True)
        if not complaint.upheld:
            raise Conflict(
                _("Corrective actions follow an upheld or partly upheld finding."),
                code="not_upheld",
                field="kind",
            )
        action = CorrectiveAction.objects.create(
            complaint=complaint,
            kind=kind,
            responsible=responsible,
            due_date=due,
            note=clean_note,
            created_by=actor,
        )
        audit_record(
            action=Action.CONDUCT_ACTION_ADDED,
            actor=actor,
            target=action,
            unit_id=complaint.handling_unit_id,
            changes={"kind": kind, "due_date": str(due)},
            subjects=_subjects(complaint),
            context=context,
        )
    return action


def corrective_action_complete(
    *,
    actor: User,
    action_id: Any,
    version: int,
    note: str = "",
    context: RequestContext = NO_CONTEXT,
) -> CorrectiveAction:
    """Mark a corrective action done (with a note of what was done)."""
    clean_note = _text(note, "note", required=False)
    with transaction.atomic(durable=True):
        pk = as_uuid(action_id)
        action = CorrectiveAction.objects.select_for_update().filter(pk=pk).first() if pk else None
        if action is None:
            raise NotFound(_("Not found."))
        complaint = _visible_complaint(actor, action.complaint_id)
        if action.completed_at is not None:
            raise Conflict(
                _("This action was already completed."), code="already_completed", field="form"
            )
        if action.version != version:
            raise Conflict(
                _("Someone changed this action meanwhile; reload the page."),
                code="stale_version",
                field="form",
            )
        action.completed_at = timezone.now()
        if clean_note:
            action.note = clean_note
        action.updated_by = actor
        action.version += 1
        action.save()
        audit_record(
            action=Action.CONDUCT_ACTION_COMPLETED,
            actor=actor,
            target=action,
            unit_id=complaint.handling_unit_id,
            subjects=_subjects(complaint),
            context=context,
        )
    return action


def conduct_patterns_review(*, actor: User, context: RequestContext = NO_CONTEXT) -> Patterns:
    """Repeat complaints per officer and per station, for an inspector (audited: it names
    officers)."""
    if policy.conduct_scope(actor) is None:
        raise Forbidden(_("Only inspectors see the complaints about officers."))
    patterns = conduct_patterns(user=actor)
    with transaction.atomic(durable=True):
        audit_record(
            action=Action.CONDUCT_PATTERNS_VIEWED,
            actor=actor,
            unit_id=actor.unit_id,
            context=context,
        )
    return patterns
