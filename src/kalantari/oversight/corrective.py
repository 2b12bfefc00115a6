"""Corrective actions on an upheld complaint about an officer: set with a responsible person
and a due date, tracked until completed (the overdue ones are listed for the inspectorate)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.audit.actions import Action
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.core import jalali
from kalantari.core.errors import Conflict, NotFound, ValidationFailed, collect_errors
from kalantari.org.models import User
from kalantari.oversight.conduct import (
    as_uuid,
    clean_field,
    complaint_subjects,
    visible_complaint,
)
from kalantari.oversight.models import ActionKind, ConductComplaint, CorrectiveAction


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
    complaint = visible_complaint(actor, complaint_id)
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
        clean_note = clean_field(note, "note", required=False)
    except ValidationFailed as exc:
        errors.append(exc)
    collect_errors(errors)
    if responsible is None or due is None:  # each added an error
        raise AssertionError("corrective_action_add: a value is missing without its error")
    with transaction.atomic(durable=True):
        complaint = visible_complaint(actor, complaint_id, lock=True)
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
            subjects=complaint_subjects(complaint),
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
    clean_note = clean_field(note, "note", required=False)
    with transaction.atomic(durable=True):
        pk = as_uuid(action_id)
        action = CorrectiveAction.objects.select_for_update().filter(pk=pk).first() if pk else None
        if action is None:
            raise NotFound(_("Not found."))
        complaint = visible_complaint(actor, action.complaint_id)
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
            subjects=complaint_subjects(complaint),
            context=context,
        )
    return action
