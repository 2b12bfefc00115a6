"""Reads of the audit log: who read a citizen's data, and accounts that read too widely.

They name cases, units and staff, so they live in oversight, above the audit app that
writes the log (docs/architecture.md, "Layers").

What a citizen is told is deliberately narrower than what an inspector sees: accesses to
the citizen's own report only (or, after an identity check in person, to the person),
grouped by reader and day, with the reader's unit and role (never the name) and the
purpose as a chosen category (never the officer's free text). Accesses covered by an
active disclosure deferral stay hidden until it ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kalantari.audit import labels
from kalantari.audit.models import AuditEvent, AuditSubject, DisclosureDeferral
from kalantari.audit.purposes import purpose_label
from kalantari.cases.models import Case, CaseEvent, Status
from kalantari.org.models import OrgUnit, Role, User

# What a citizen is told each kind of staff access was (others: audit.labels).
ACCESS_LABELS: dict[str, Any] = {
    "case.viewed": _("Opened the case file"),
    "case.searched": _("Found it in a search"),
    "attachment.downloaded": _("Opened an attached file"),
    "case.note_added": _("Added a note"),
    "case.claimed": _("Took the case on"),
    "report.submitted": _("Recorded the report at the desk"),
}

Subject = tuple[str, str]  # ("case", id), ("report", id), ("person", "nid:<index>")
_TARGET_TYPES = {"case": "cases.case", "report": "intake.report"}


def action_label(action: str, changes: dict[str, Any] | None = None) -> str:
    """A person-readable label for an audit action (never the raw key)."""
    changes = changes or {}
    if action in ACCESS_LABELS:
        return str(ACCESS_LABELS[action])
    if action.startswith("case.") and changes.get("to"):
        try:
            status = str(Status(changes["to"]).label)
        except ValueError:
            status = str(_("another state"))
        return str(_("Moved the case to “%(status)s”")) % {"status": status}
    if action.startswith("case.") and action not in labels.ACTION_LABELS:
        return str(_("Worked on the case"))
    return labels.action_label(action)


def _role_label(role: str) -> str:
    try:
        return str(Role(role).label)
    except ValueError:
        return "—"


def _touching(subjects: Iterable[Subject]) -> Q:
    """Events whose target or indexed subjects include any of `subjects`."""
    condition = Q(pk__in=[])
    indexed = Q()
    any_indexed = False
    for kind, ident in subjects:
        if kind in _TARGET_TYPES:
            condition |= Q(target_type=_TARGET_TYPES[kind], target_id=ident)
        indexed |= Q(subject_type=kind, subject_id=ident)
        any_indexed = True
    if any_indexed:
        condition |= Q(pk__in=AuditSubject.objects.filter(indexed).values("event_id"))
    return condition


def deferred_subjects(subjects: Iterable[Subject], *, now: datetime | None = None) -> set[Subject]:
    """Those of `subjects` that an active deferral keeps from the citizen for now."""
    wanted = {f"{k}:{i}" for k, i in subjects}
    if not wanted:
        return set()
    now = now or timezone.now()
    hidden: set[Subject] = set()
    active = DisclosureDeferral.objects.filter(
        ended_at__isnull=True, starts_at__lte=now, expires_at__gt=now
    ).values_list("subjects", flat=True)
    for covered in active:
        for ref in set(covered) & wanted:
            kind, _sep, ident = ref.partition(":")
            hidden.add((kind, ident))
    return hidden


def _staff_events(condition: Q) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(condition, actor__isnull=False)
        .select_related("actor_unit")
        .order_by("-at", "-id")
    )


@dataclass
class CitizenAccess:
    """One reader's accesses on one day, as a citizen is shown them."""

    day: date
    first_at: datetime
    last_at: datetime
    unit: OrgUnit | None
    role: str
    labels: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    times: int = 0


def _grouped(events: QuerySet[AuditEvent], limit: int) -> list[CitizenAccess]:
    groups: dict[tuple[int, date], CitizenAccess] = {}
    for e in events[: limit * 20]:
        day = timezone.localtime(e.at).date()
        key = (int(e.actor_id or 0), day)
        group = groups.get(key)
        if group is None:
            if len(groups) >= limit:
                continue
            group = groups[key] = CitizenAccess(
                day=day,
                first_at=e.at,
                last_at=e.at,
                unit=e.actor_unit,
                role=_role_label(e.actor_role),
            )
        group.first_at = min(group.first_at, e.at)
        group.last_at = max(group.last_at, e.at)
        group.times += 1
        label = action_label(e.action, e.changes)
        if label not in group.labels:
            group.labels.append(label)
        purpose = purpose_label(e.purpose_code)
        if e.purpose_code and purpose not in group.purposes:
            group.purposes.append(purpose)
    return sorted(groups.values(), key=lambda g: g.last_at, reverse=True)


IDENTITY_SEARCH_KINDS = ("national_id", "mobile", "name")


def citizen_accesses(
    subjects: list[Subject],
    *,
    include_person_searches: bool,
    limit: int = 200,
    now: datetime | None = None,
) -> list[CitizenAccess]:
    """Staff accesses to these records, grouped by reader and day, deferred ones left out.

    A search for a person that happened to list a report is about the person, not the
    report: it is disclosed only with `include_person_searches` (after an identity check).
    """
    hidden = deferred_subjects(subjects, now=now)
    visible = [s for s in subjects if s not in hidden]
    if not visible:
        return []
    events = _staff_events(_touching(visible))
    if hidden:
        events = events.exclude(_touching(hidden))
    if not include_person_searches:
        events = events.exclude(
            action="case.searched", changes__matched_as__in=IDENTITY_SEARCH_KINDS
        )
    return _grouped(events, limit)


def report_subjects(report: Any) -> list[Subject]:
    """The records that make up one report: itself and its case file (not the person)."""
    subjects: list[Subject] = [("report", str(report.pk))]
    case = getattr(report, "case", None)
    if case is not None:
        subjects.append(("case", str(case.pk)))
    return subjects


def accesses_to_report(report: Any, *, limit: int = 200) -> list[CitizenAccess]:
    """What a report's status page discloses: accesses to that report and its case only.

    Searches for the person by identifier are not shown here: anyone can type someone
    else's national ID into a report, so those are disclosed only after an identity check
    in person (`DisclosureRequest`).
    """
    return citizen_accesses(report_subjects(report), include_person_searches=False, limit=limit)


@dataclass(frozen=True)
class ReviewedAccess:
    """One access as an inspector sees it: who, from where, which case, and why."""

    at: datetime
    action: str
    label: str
    staff: str
    unit: OrgUnit | None
    role: str
    case_code: str
    purpose_code: str
    purpose: str


def accesses_to_person(
    *, national_id_index: str, scope_path: str, limit: int = 500
) -> list[ReviewedAccess]:
    """Staff accesses to everything filed under one national ID, within an inspector's units."""
    cases = dict(
        Case.objects.filter(report__national_id_index=national_id_index).values_list(
            "pk", "report__tracking_code"
        )
    )
    subjects: list[Subject] = [("case", str(c)) for c in cases]
    subjects.append(("person", f"nid:{national_id_index}"))
    events = (
        _staff_events(_touching(subjects))
        .filter(Q(unit__path__startswith=scope_path) | Q(actor_unit__path__startswith=scope_path))
        .select_related("actor")
    )
    codes = {str(pk): code for pk, code in cases.items()}
    found = []
    for e in events[:limit]:
        case_code = codes.get(e.target_id, "") if e.target_type == "cases.case" else ""
        found.append(
            ReviewedAccess(
                at=e.at,
                action=e.action,
                label=action_label(e.action, e.changes),
                staff=e.actor.display_name if e.actor else "—",
                unit=e.actor_unit,
                role=_role_label(e.actor_role),
                case_code=case_code,
                purpose_code=purpose_label(e.purpose_code),
                purpose=e.purpose,
            )
        )
    return found


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
