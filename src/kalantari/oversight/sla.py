"""Reads for the commander's and inspector's lists: SLA breaches and near-breaches, and the
files that lack something (cases.completeness), each scoped by `access.policy`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case as CaseWhen
from django.db.models import F, Prefetch, Q, QuerySet, When
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from kalantari.access import policy
from kalantari.cases.completeness import FINISHED, case_missing, missing_label
from kalantari.cases.models import OPEN_STATUSES, Case, CaseEvent, EventKind, SlaState, Status
from kalantari.cases.selectors import sla_q
from kalantari.core.errors import Forbidden, NotFound
from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit, User

BREACH_STATES = (SlaState.BREACHED, SlaState.AT_RISK)
PERIODS = (7, 30, 90)
SCAN_LIMIT = 2000  # files examined for the missing-data list (newest activity first)


def _scope(user: User, allowed: bool) -> str:
    scope = policy.station_oversight_scope(user)
    if scope is None or not allowed:
        raise Forbidden("")
    return scope


def stations_in_scope(user: User) -> QuerySet[OrgUnit]:
    """The stations and outposts of the user's subtree (for the station filter)."""
    scope = policy.station_oversight_scope(user)
    if scope is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=scope, kind__in=FRONT_LINE_KINDS).order_by(
        "path"
    )


def _station(scope: str, code: str) -> OrgUnit | None:
    """The unit named by a station filter, or NotFound when it is not in the user's scope."""
    if not code:
        return None
    unit = OrgUnit.objects.filter(code=code, path__startswith=scope).first()
    if unit is None:
        raise NotFound("")
    return unit


def breach_list(
    *, user: User, state: str = "", station: str = "", now: datetime | None = None
) -> QuerySet[Case]:
    """Open cases breached or at risk in the user's units, most overdue first.

    Each case carries `due`: its nearest due time still to meet (the first response's while
    none was given, else the resolution's). A paused case is on neither list.
    """
    scope = _scope(user, policy.can_view_sla_breaches(user))
    now = now or timezone.now()
    wanted = [s for s in BREACH_STATES if s == state] or list(BREACH_STATES)
    match = Q()
    for s in wanted:
        match |= sla_q(s, now)
    qs = Case.objects.filter(match, unit_path__startswith=scope)
    unit = _station(scope, station)
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    due = CaseWhen(
        When(
            first_responded_at__isnull=True,
            then=Least("first_response_due", "resolution_due"),
        ),
        default=F("resolution_due"),
    )
    return (
        qs.annotate(due=due).select_related("report", "category", "station").order_by("due", "pk")
    )


@dataclass(frozen=True)
class BreachRow:
    case: Case
    state: SlaState
    due: datetime
    which: str  # "first_response" or "resolution"
    late: timedelta  # positive: overdue by; negative: time left


def breach_rows(cases: list[Case], now: datetime) -> list[BreachRow]:
    rows = []
    for c in cases:
        due: datetime = c.due  # type: ignore[attr-defined]
        which = (
            "first_response"
            if c.first_responded_at is None and due == c.first_response_due
            else "resolution"
        )
        state = SlaState.BREACHED if due < now else SlaState.AT_RISK
        rows.append(BreachRow(c, state, due, which, now - due))
    return rows


@dataclass(frozen=True)
class ThinFile:
    case: Case
    missing: list[str]
    labels: list[str]


@dataclass(frozen=True)
class StationFiles:
    station: OrgUnit
    files: list[ThinFile]


@dataclass(frozen=True)
class Completeness:
    finished: int  # files closed, rejected or referred in the period (examined)
    complete: int  # of which nothing is missing
    stations: list[StationFiles]  # thin files, by station
    capped: bool  # more files than SCAN_LIMIT: the newest were examined

    @property
    def rate(self) -> float | None:
        return self.complete / self.finished if self.finished else None


def completeness(
    *, user: User, station: str = "", days: int = 30, now: datetime | None = None
) -> Completeness:
    """Thin files of the user's units: open ones, and those finished in the last `days` days
    (whose completeness rate this also gives)."""
    scope = _scope(user, policy.can_view_completeness(user))
    now = now or timezone.now()
    unit = _station(scope, station)
    path = unit.path if unit is not None else scope
    start = now - timedelta(days=days if days in PERIODS else 30)
    finished_in_period = Q(status__in=FINISHED) & Q(finished_at__gte=start, finished_at__lte=now)
    qs = (
        Case.objects.filter(unit_path__startswith=path)
        .annotate(finished_at=Coalesce("closed_at", "last_activity_at"))
        .filter(Q(status__in=OPEN_STATUSES) | finished_in_period)
        .select_related("report", "category", "station")
        .prefetch_related(
            "report__attachments",
            Prefetch(
                "events",
                queryset=CaseEvent.objects.filter(
                    kind=EventKind.TRANSITION, to_status=Status.RESOLVED
                ).order_by("at", "id"),
                to_attr="resolutions",
            ),
        )
        .order_by("-last_activity_at", "pk")
    )
    cases = list(qs[: SCAN_LIMIT + 1])
    capped = len(cases) > SCAN_LIMIT
    by_station: dict[object, StationFiles] = {}
    finished = complete = 0
    for case in cases[:SCAN_LIMIT]:
        missing = case_missing(case)
        if case.status in FINISHED:
            finished += 1
            complete += not missing
        if missing:
            group = by_station.setdefault(case.station_id, StationFiles(case.station, []))
            labels = [missing_label(code, case) for code in missing]
            group.files.append(ThinFile(case, missing, labels))
    stations = sorted(by_station.values(), key=lambda s: s.station.path)
    return Completeness(finished, complete, stations, capped)
