"""Keeping `UnitDay` current: the upsert, and the case events that feed it.

What each figure counts, and on which local day (settings.TIME_ZONE) of which station:

- received: a case opened (its `opened` event's day);
- first_responses: the case's first response (one per case, on the day of
  `first_responded_at`): the move out of `received`, or the citizen asked for something
  (a pause, `cases.services.case_pause`), whichever came first; first_response_in_sla when
  `first_responded_at + sla_paused_seconds <= first_response_due` (no pause comes before a
  first response, so this is its due time as it stood then); the histogram holds
  `first_responded_at - created_at`;
- resolved: every move to `resolved` (a case reopened and resolved again counts again, on
  each day); resolutions_in_sla when `resolved_at <= resolution_due` as they stand then;
  the histogram holds the resolution time `resolved_at - created_at - sla_paused_seconds`
  (the pauses gathered until then);
- closed / rejected / referred / reopened: every move to that status; closed_complete when
  `cases.completeness.case_missing(case) == []` at the close;
- ratings, rating_sum, complaints: bumped by oversight's conduct part (`rollup_bump`).

The receiver runs on `CaseEvent` post_save, in the transaction of the service that wrote
the event, and reads the case row that service just saved (`event.case`). Only the
station's own row is touched: counties, provinces and the nation are summed at query time
over their stations' rows (`oversight.indicators`), so that no two stations' writes ever
wait on one shared row.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Field
from django.utils import timezone

from kalantari.cases.completeness import case_missing
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit
from kalantari.oversight.buckets import (
    FIRST_RESPONSE_FIELDS,
    RESOLUTION_FIELDS,
    first_response_field,
    resolution_field,
)
from kalantari.oversight.models import COUNTERS, AreaDay, DayFigures, FoldMark, UnitDay

ROLLUP_FIELDS: frozenset[str] = frozenset(COUNTERS + FIRST_RESPONSE_FIELDS + RESOLUTION_FIELDS)
# What cases and case events give (the rest, ratings and complaints, conduct bumps).
CONDUCT_FIELDS: frozenset[str] = frozenset({"ratings", "rating_sum", "complaints"})
CASE_FIELDS: frozenset[str] = ROLLUP_FIELDS - CONDUCT_FIELDS

# Days before today that readers always sum live from UnitDay (today and yesterday); the
# days before them are read from the fold (oversight.fold).
LIVE_DAYS = 2
FOLD_LOCK = 0x6B616C_0008  # our advisory lock key ("kal", issue 8): folds and folded bumps

STATUS_COUNTERS: dict[str, str] = {
    Status.CLOSED: "closed",
    Status.REJECTED: "rejected",
    Status.REFERRED: "referred",
    Status.REOPENED: "reopened",
}


def rollup_bump(station_id: Any, day: date, *, unit_path: str | None = None, **deltas: int) -> None:
    """Add `deltas` to the station's row for `day` (made if missing), in the caller's
    transaction.

    One `INSERT … ON CONFLICT (station, day) DO UPDATE SET x = x + excluded.x` statement
    (SQLite and PostgreSQL): concurrent transactions bumping the same row queue on its
    lock and none of their additions is lost. `unit_path` saves a look-up of the station.
    A day already folded (before yesterday: a late rating, a seeded history) is added to
    its areas' rows too (`oversight.fold`); today's bumps never touch a shared row.
    """
    unknown = set(deltas) - ROLLUP_FIELDS
    if unknown:
        raise ValueError(f"unknown rollup fields: {sorted(unknown)}")
    deltas = {name: value for name, value in deltas.items() if value}
    if not deltas:
        return
    if unit_path is None:
        unit_path = OrgUnit.objects.values_list("path", flat=True).get(pk=station_id)
    _upsert_add(UnitDay, "station", station_id, day, unit_path, deltas)
    if day <= timezone.localdate(timezone=timezone.get_default_timezone()) - timedelta(
        days=LIVE_DAYS
    ):
        _bump_folded(day, unit_path, deltas)


def _upsert_add(
    model: type[DayFigures], key: str, key_value: Any, day: date, path: str, deltas: dict[str, int]
) -> None:
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    key_field = model._meta.get_field(key)
    day_field = model._meta.get_field("day")
    if not isinstance(key_field, Field) or not isinstance(day_field, Field):  # pragma: no cover
        raise TypeError(key)
    key_column = f"{key}_id"
    names = sorted(deltas)
    # Columns the insert leaves out would take their database default; Django's defaults
    # are not database defaults, so every other figure is listed with 0.
    rest = sorted(ROLLUP_FIELDS - set(names))
    columns = ", ".join(qn(n) for n in [*names, *rest])
    values = ", ".join(["%s"] * len(names) + ["0"] * len(rest))
    updates = ", ".join(f"{qn(n)} = {table}.{qn(n)} + excluded.{qn(n)}" for n in names)
    sql = (
        f"INSERT INTO {table} ({qn(key_column)}, day, unit_path, {columns}) "  # noqa: S608 - our names  # nosec B608
        f"VALUES (%s, %s, %s, {values}) "
        f"ON CONFLICT ({qn(key_column)}, day) DO UPDATE SET {updates}"
    )
    params = [
        key_field.get_db_prep_value(key_value, connection),
        day_field.get_db_prep_value(day, connection),
        path,
        *(deltas[n] for n in names),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _bump_folded(day: date, unit_path: str, deltas: dict[str, int]) -> None:
    """Add a bump of a folded day to the rows of the areas above the station."""
    if connection.vendor == "postgresql":
        # Shared with other bumps, exclusive with a fold: a fold running now either sees
        # this bump (and refolds the day from the station rows) or finishes before it.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [FOLD_LOCK])
    mark = FoldMark.objects.values_list("through", flat=True).first()
    if mark is None or day > mark:
        return
    parts = unit_path.strip("/").split("/")
    prefixes = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
    areas = OrgUnit.objects.filter(path__in=prefixes).exclude(kind__in=FRONT_LINE_KINDS)
    for area_id, area_path in areas.values_list("pk", "path"):
        _upsert_add(AreaDay, "unit", area_id, day, area_path, deltas)


# The timeline's kinds for the SLA clock (cases, issue 8): by value.
PAUSED_KIND = "sla_paused"
RESUMED_KIND = "sla_resumed"


def is_first_response(event: CaseEvent, case: Case) -> bool:
    """Whether this event is the case's first response (the one that set `first_responded_at`)."""
    if case.first_responded_at is None or case.first_responded_at != event.at:
        return False
    if event.kind == EventKind.TRANSITION:
        return event.from_status == Status.RECEIVED
    return event.kind == PAUSED_KIND and (event.data or {}).get("waiting_on") == "citizen"


def event_deltas(event: CaseEvent, case: Case) -> dict[str, int]:
    """What one case event adds to its station's day (see the module's docstring)."""
    deltas: dict[str, int] = {}
    if event.kind == EventKind.OPENED:
        deltas["received"] = 1
        return deltas
    if is_first_response(event, case) and case.first_responded_at is not None:
        deltas["first_responses"] = 1
        paused = timedelta(seconds=case.sla_paused_seconds)
        if case.first_responded_at + paused <= case.first_response_due:
            deltas["first_response_in_sla"] = 1
        deltas[first_response_field(case.first_responded_at - case.created_at)] = 1
    if event.kind != EventKind.TRANSITION:
        return deltas
    target = event.to_status
    if target == Status.RESOLVED and case.resolved_at is not None:
        deltas["resolved"] = 1
        if case.resolved_at <= case.resolution_due:
            deltas["resolutions_in_sla"] = 1
        elapsed = case.resolved_at - case.created_at
        paused = timedelta(seconds=case.sla_paused_seconds)
        deltas[resolution_field(elapsed - paused)] = 1
    counter = STATUS_COUNTERS.get(target)
    if counter:
        deltas[counter] = 1
    if target == Status.CLOSED and case_missing(case) == []:
        deltas["closed_complete"] = 1
    return deltas


def on_case_event(sender: Any, instance: CaseEvent, created: bool, **kwargs: Any) -> None:
    """Bump the station's day for a new case event (CaseEvent post_save)."""
    if not created or kwargs.get("raw"):
        return
    case = instance.case
    deltas = event_deltas(instance, case)
    if deltas:
        rollup_bump(
            case.station_id,
            timezone.localdate(instance.at, timezone.get_default_timezone()),
            unit_path=case.unit_path,
            **deltas,
        )
