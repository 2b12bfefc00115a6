"""`kalantari rollups rebuild`: recompute UnitDay's case-event figures from the raw tables.

Set-wise: one `INSERT … SELECT … GROUP BY` over case events (station, local day), then the
closes judged complete (`cases.completeness`, Python, one pass over the closes). The
ratings and complaints that conduct bumps are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.db.models import F

from kalantari.oversight.measures import (
    EVENT_FIELDS,
    closed_complete_counts,
    counted_events,
    event_aggregates,
)
from kalantari.oversight.models import UnitDay
from kalantari.oversight.rollups import ROLLUP_FIELDS, rollup_bump


@dataclass(frozen=True)
class RebuildRun:
    rows: int
    since: date | None


def rollups_rebuild(*, since: date | None = None) -> RebuildRun:
    """Recompute the case-event figures of every station's days from `since` (all: None)."""
    qn = connection.ops.quote_name
    aggregates = event_aggregates()
    names = list(aggregates)
    grouped = (
        counted_events(None, since, None)
        .values(st=F("case__station_id"), path=F("case__unit_path"), d=F("local_day"))
        .annotate(**aggregates)
        .order_by()
    )
    inner, params = grouped.query.sql_with_params()
    table = qn(UnitDay._meta.db_table)
    columns = ", ".join(qn(n) for n in names)
    selected = ", ".join(f"s.{qn(n)}" for n in names)
    updates = ", ".join(f"{qn(n)} = excluded.{qn(n)}" for n in names)
    # A new row's other figures (closed_complete, conduct's) start at zero.
    zeros = sorted(ROLLUP_FIELDS - set(names))
    columns += "".join(f", {qn(n)}" for n in zeros)
    selected += ", 0" * len(zeros)
    insert = (
        f"INSERT INTO {table} (station_id, unit_path, day, {columns}) "  # noqa: S608 - our names  # nosec B608
        f"SELECT s.{qn('st')}, s.{qn('path')}, s.{qn('d')}, {selected} FROM ({inner}) s WHERE true "
        f"ON CONFLICT (station_id, day) DO UPDATE SET {updates}"
    )
    with transaction.atomic(durable=True):
        stale = UnitDay.objects.all() if since is None else UnitDay.objects.filter(day__gte=since)
        stale.update(**dict.fromkeys(EVENT_FIELDS, 0))
        with connection.cursor() as cursor:
            cursor.execute(insert, params)
        for (station_id, day), n in closed_complete_counts(
            counted_events(None, since, None)
        ).items():
            rollup_bump(station_id, day, closed_complete=n)
        rows = (
            UnitDay.objects.all() if since is None else UnitDay.objects.filter(day__gte=since)
        ).count()
    return RebuildRun(rows=rows, since=since)
