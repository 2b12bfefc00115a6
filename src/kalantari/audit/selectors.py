"""Reads of the audit log: who read a citizen's data, and accounts that read too widely."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalantari.audit.labels import ACTION_LABELS, action_label
from kalantari.audit.models import AuditEvent, AuditSubject
from kalantari.org.models import OrgUnit, Role

# What a citizen is told each kind of staff access was.
ACCESS_LABELS: dict[str, Any] = {
    "case.viewed": _("Opened the case file"),
    "case.searched": _("Found it in a search"),
    "attachment.downloaded": _("Opened an attached file"),
    "case.note_added": _("Added a note"),
    "case.claimed": _("Took the case on"),
    "report.submitted": _("Recorded the report at the desk"),
}


@dataclass(frozen=True)
class Access:
    at: datetime
    action: str
    label: str
    unit: OrgUnit | None
    role: str
    purpose: str


def _label(action: str, changes: dict[str, Any]) -> str:
    if action in ACCESS_LABELS:
        return str(ACCESS_LABELS[action])
    if action.startswith("case.") and changes.get("to"):
        from kalantari.cases.models import Status

        try:
            status = str(Status(changes["to"]).label)
        except ValueError:
            status = str(changes["to"])
        return str(_("Moved the case to “%(status)s”")) % {"status": status}
    if action.startswith("case.") and action not in ACTION_LABELS:
        return str(_("Worked on the case"))
    return action_label(action)


def _role_label(role: str) -> str:
    try:
        return str(Role(role).label)
    except ValueError:
        return role


def _staff_events(condition: Q) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(condition, actor__isnull=False)
        .select_related("actor_unit")
        .order_by("-at", "-id")
    )


def _as_accesses(events: QuerySet[AuditEvent], limit: int) -> list[Access]:
    return [
        Access(
            at=e.at,
            action=e.action,
            label=_label(e.action, e.changes),
            unit=e.actor_unit,
            role=_role_label(e.actor_role),
            purpose=e.purpose,
        )
        for e in events[:limit]
    ]


def _subject_events(subjects: list[tuple[str, str]]) -> Q:
    if not subjects:
        return Q(pk__in=[])
    match = Q()
    for kind, ident in subjects:
        match |= Q(subject_type=kind, subject_id=ident)
    return Q(pk__in=AuditSubject.objects.filter(match).values("event_id"))


def accesses_to_report(report: Any, *, limit: int = 500) -> list[Access]:
    """Every staff access to one report, its case and (by blind index) its person."""
    case_id = str(report.case.pk) if hasattr(report, "case") else ""
    targets = Q(target_type="intake.report", target_id=str(report.pk))
    if case_id:
        targets |= Q(target_type="cases.case", target_id=case_id)
    subjects = [("case", case_id)] if case_id else []
    if report.national_id_index:
        subjects.append(("person", f"nid:{report.national_id_index}"))
    if report.mobile_index:
        subjects.append(("person", f"mobile:{report.mobile_index}"))
    return _as_accesses(_staff_events(targets | _subject_events(subjects)), limit)


def accesses_to_person(
    *, national_id_index: str, scope_path: str, limit: int = 500
) -> list[Access]:
    """Staff accesses to everything filed under one national ID, within an inspector's units."""
    from kalantari.cases.models import Case

    cases = [
        str(pk)
        for pk in Case.objects.filter(report__national_id_index=national_id_index).values_list(
            "pk", flat=True
        )
    ]
    condition = Q(target_type="cases.case", target_id__in=cases) | _subject_events(
        [("case", c) for c in cases] + [("person", f"nid:{national_id_index}")]
    )
    events = _staff_events(condition).filter(
        Q(unit__path__startswith=scope_path) | Q(actor_unit__path__startswith=scope_path)
    )
    return _as_accesses(events, limit)


@dataclass(frozen=True)
class UnusualReader:
    actor_id: int
    name: str
    unit: str
    role: str
    unrelated_cases: int
    searches: int


def unusual_readers(
    *, scope_path: str, days: int = 7, threshold: int = 20, now: datetime | None = None
) -> list[UnusualReader]:
    """Accounts that opened many case files they had nothing to do with.

    "Nothing to do with": not assigned to them, not moved or noted by them, not filed by
    them. Reading is legitimate work, so this is a list to review, not an accusation.
    """
    from kalantari.cases.models import Case, CaseEvent
    from kalantari.org.models import User

    since = (now or timezone.now()) - timedelta(days=days)
    views = (
        AuditEvent.objects.filter(
            action="case.viewed",
            at__gte=since,
            actor__isnull=False,
            unit__path__startswith=scope_path,
        )
        .values_list("actor_id", "target_id")
        .distinct()
    )
    opened: dict[int, set[str]] = {}
    for actor_id, case_id in views:
        opened.setdefault(actor_id, set()).add(case_id)
    found = []
    for actor_id, case_ids in opened.items():
        if len(case_ids) < threshold:
            continue
        related = {
            str(pk)
            for pk in Case.objects.filter(pk__in=case_ids)
            .filter(
                Q(assignee_id=actor_id)
                | Q(created_by_id=actor_id)
                | Q(pk__in=CaseEvent.objects.filter(actor_id=actor_id).values("case_id"))
            )
            .values_list("pk", flat=True)
        }
        unrelated = len(case_ids - related)
        if unrelated >= threshold:
            user = User.objects.select_related("unit").get(pk=actor_id)
            searches = AuditEvent.objects.filter(
                action="case.searched", actor_id=actor_id, at__gte=since
            ).count()
            found.append(
                UnusualReader(
                    actor_id=actor_id,
                    name=user.display_name,
                    unit=user.unit.name if user.unit else "",
                    role=_role_label(user.role),
                    unrelated_cases=unrelated,
                    searches=searches,
                )
            )
    return sorted(found, key=lambda r: -r.unrelated_cases)
