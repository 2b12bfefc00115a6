"""Reads of complaints about officers, already limited to what the inspector may see: the
inspectorate's units and below, never a complaint naming the reader as the accused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kalantari.access import policy
from kalantari.cases.models import Case
from kalantari.org.models import OrgUnit, User
from kalantari.oversight.models import UPHELD_FINDINGS, ConductComplaint, CorrectiveAction

REPEAT_AT = 2  # complaints in a year that flag an officer or a station
WINDOWS = (90, 365)


def complaints_visible_to(*, user: User) -> QuerySet[ConductComplaint]:
    scope = policy.conduct_scope(user)
    if scope is None:
        return ConductComplaint.objects.none()
    query = ConductComplaint.objects.filter(unit_path__startswith=scope)
    if not user.is_superuser:
        query = query.exclude(accused_officer=user)
    return query.select_related(
        "case", "case__report", "accused_unit", "accused_officer", "handling_unit"
    ).order_by("-received_at")


def cases_awaiting_file(*, user: User) -> QuerySet[Case]:
    """Complaint cases in scope whose file the inspectorate has not opened yet."""
    scope = policy.case_scope(user)
    if scope is None or policy.conduct_scope(user) is None:
        return Case.objects.none()
    return (
        Case.objects.filter(scope, category__group=policy.CONDUCT_GROUP)
        .filter(conduct_complaint__isnull=True)
        .select_related("report", "station", "category")
        .order_by("created_at")
    )


def actions_visible_to(*, user: User) -> QuerySet[CorrectiveAction]:
    return CorrectiveAction.objects.filter(
        complaint__in=complaints_visible_to(user=user).values("pk")
    ).select_related("complaint", "complaint__accused_unit", "responsible")


def overdue_actions(*, user: User, today: date | None = None) -> QuerySet[CorrectiveAction]:
    today = today or timezone.localdate()
    return actions_visible_to(user=user).filter(completed_at__isnull=True, due_date__lt=today)


def responsible_choices(*, complaint: ConductComplaint) -> QuerySet[User]:
    return User.objects.filter(is_active=True, unit__path__startswith=complaint.unit_path).order_by(
        "unit__path", "last_name", "username"
    )


def units_below(*, complaint_unit_path: str) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=complaint_unit_path, active=True).exclude(
        path=complaint_unit_path
    )


@dataclass(frozen=True)
class PatternRow:
    key: Any  # an officer (User) or a station (OrgUnit)
    complaints_90: int
    upheld_90: int
    complaints_365: int
    upheld_365: int

    @property
    def repeat(self) -> bool:
        return self.complaints_365 >= REPEAT_AT


@dataclass(frozen=True)
class Patterns:
    today: date
    officers: list[PatternRow]
    stations: list[PatternRow]


def _since(today: date, days: int) -> datetime:
    return timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time.min))


def _counts(query: QuerySet[ConductComplaint], today: date, field: str) -> list[dict[str, Any]]:
    d90, d365 = (_since(today, n) for n in WINDOWS)
    upheld = Q(finding__in=UPHELD_FINDINGS)
    return list(
        query.filter(received_at__gte=d365)
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(
            complaints_90=Count("pk", filter=Q(received_at__gte=d90)),
            upheld_90=Count("pk", filter=Q(received_at__gte=d90) & upheld),
            complaints_365=Count("pk"),
            upheld_365=Count("pk", filter=upheld),
        )
        .order_by()
    )


def _rows(counts: list[dict[str, Any]], field: str, objects: dict[Any, Any]) -> list[PatternRow]:
    rows = [
        PatternRow(
            key=objects[c[field]],
            complaints_90=c["complaints_90"],
            upheld_90=c["upheld_90"],
            complaints_365=c["complaints_365"],
            upheld_365=c["upheld_365"],
        )
        for c in counts
        if c[field] in objects
    ]
    return sorted(rows, key=lambda r: (-r.complaints_365, -r.upheld_365, str(r.key)))


def conduct_patterns(*, user: User, today: date | None = None) -> Patterns:
    """Complaints and upheld findings per officer and per station over the last 90 and 365
    days (received day), repeat ones (two or more in a year) flagged."""
    today = today or timezone.localdate()
    query = complaints_visible_to(user=user).order_by()
    officers = _counts(query, today, "accused_officer")
    stations = _counts(query, today, "accused_unit")
    users = User.objects.select_related("unit").in_bulk([c["accused_officer"] for c in officers])
    units = OrgUnit.objects.in_bulk([c["accused_unit"] for c in stations])
    return Patterns(
        today=today,
        officers=_rows(officers, "accused_officer", users),
        stations=_rows(stations, "accused_unit", units),
    )
