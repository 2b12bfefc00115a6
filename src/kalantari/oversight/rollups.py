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
from django.utils import timezone

from kalantari.cases.completeness import case_missing
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.org.models import OrgUnit
from kalantari.oversight.buckets import (
    FIRST_RESPONSE_FIELDS,
    RESOLUTION_FIELDS,
    first_response_field,
    resolution_field,
)
from kalantari.oversight.models import COUNTERS, UnitDay

ROLLUP_FIELDS: frozenset[str] = frozenset(COUNTERS + FIRST_RESPONSE_FIELDS + RESOLUTION_FIELDS)
# What cases and case events give (the rest, ratings and complaints, conduct bumps).
CONDUCT_FIELDS: frozenset[str] = frozenset({"ratings", "rating_sum", "complaints"})
CASE_FIELDS: frozenset[str] = ROLLUP_FIELDS - CONDUCT_FIELDS

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
    """
    unknown = set(deltas) - ROLLUP_FIELDS
    if unknown:
        raise ValueError(f"unknown rollup fields: {sorted(unknown)}")
    deltas = {name: value for name, value in deltas.items() if value}
    if not deltas:
        return
    if unit_path is None:
        unit_path = OrgUnit.objects.values_list("path", flat=True).get(pk=station_id)
    table = connection.ops.quote_name(UnitDay._meta.db_table)
    names = sorted(deltas)
    columns = ", ".join(connection.ops.quote_name(n) for n in names)
    placeholders = ", ".join(["%s"] * len(names))
    updates = ", ".join(
        f"{q} = {table}.{q} + excluded.{q}" for q in (connection.ops.quote_name(n) for n in names)
    )
    # Columns the insert leaves out take their database default; Django defaults are not
    # database defaults, so list every counter explicitly with 0.
    rest = sorted(ROLLUP_FIELDS - set(names))
    rest_columns = "".join(f", {connection.ops.quote_name(n)}" for n in rest)
    rest_values = ", 0" * len(rest)
    sql = (
        f"INSERT INTO {table} (station_id, day, unit_path, {columns}{rest_columns}) "  # noqa: S608 - our names  # nosec B608
        f"VALUES (%s, %s, %s, {placeholders}{rest_values}) "
        f"ON CONFLICT (station_id, day) DO UPDATE SET {updates}"
    )
    meta = UnitDay._meta
    params = [
        meta.get_field("station").get_db_prep_value(station_id, connection),
        meta.get_field("day").get_db_prep_value(day, connection),
        unit_path,
        *(deltas[n] for n in names),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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
            timezone.localdate(instance.at),
            unit_path=case.unit_path,
            **deltas,
        )
