"""`kalantari rollups rebuild`: recompute UnitDay's case figures from the raw tables.

Set-wise: one `INSERT … SELECT … GROUP BY` over case events and one over cases (station,
local day), each an upsert; then the closes judged complete (`cases.completeness` is
Python: one pass over the closes). The ratings and complaints that conduct bumps are kept.
The area rows are then folded again from the same day (`oversight.fold`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from kalantari.oversight.fold import rollups_fold
from kalantari.oversight.measures import (
    closed_complete_counts,
    event_totals_sql,
    first_response_totals_sql,
)
from kalantari.oversight.models import UnitDay
from kalantari.oversight.rollups import CASE_FIELDS, ROLLUP_FIELDS, rollup_bump


@dataclass(frozen=True)
class RebuildRun:
    rows: int
    since: date | None


def _upsert(sql: str, names: list[str]) -> str:
    qn = connection.ops.quote_name
    table = qn(UnitDay._meta.db_table)
    zeros = sorted(ROLLUP_FIELDS - set(names))  # a new row's other figures start at zero
    columns = ", ".join(qn(n) for n in [*names, *zeros])
    selected = ", ".join([*(f"s.{qn(n)}" for n in names), *("0" for _ in zeros)])
    updates = ", ".join(f"{qn(n)} = excluded.{qn(n)}" for n in names)
    return (
        f"INSERT INTO {table} (station_id, unit_path, day, {columns}) "  # noqa: S608 - our names  # nosec B608
        f"SELECT s.st, s.path, s.d, {selected} FROM ({sql}) s WHERE true "
        f"ON CONFLICT (station_id, day) DO UPDATE SET {updates}"
    )


def rollups_rebuild(*, since: date | None = None) -> RebuildRun:
    """Recompute the case figures of every station's days from `since` (all days: None)."""
    with transaction.atomic(durable=True):
        rows = UnitDay.objects.all() if since is None else UnitDay.objects.filter(day__gte=since)
        rows.update(**dict.fromkeys(CASE_FIELDS, 0))
        with connection.cursor() as cursor:
            for build in (event_totals_sql, first_response_totals_sql):
                sql, params, names = build(None, since, None, grouped=True)
                cursor.execute(_upsert(sql, names), params)
        for (station_id, day), n in closed_complete_counts(None, since, None).items():
            rollup_bump(station_id, day, closed_complete=n)
        count = rows.count()
    rollups_fold(since=since, full=since is None)
    return RebuildRun(rows=count, since=since)
