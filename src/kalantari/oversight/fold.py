"""Folding stations' days into their counties', provinces' and the nation's (`AreaDay`).

Why: summing station rows at query time is fast for a few weeks (the nation, 30 days:
~60,000 rows, ~50 ms) but not for a year (~700,000 rows, ~600 ms; children ~950 ms) on
the 2-core machine; a folded row per area and day makes a year at the nation 365 rows.

How it stays right: the rows of today and yesterday are never read from the fold but summed
live from `UnitDay` (which the case events' own transactions keep current), so a case event
shows on every dashboard at once; `kalantari rollups fold` (run every minute, or at least
daily) folds the days up to the day before yesterday and records that day in `FoldMark`.
Readers use the fold only up to the mark, so a fold that has not run costs speed, never
correctness. Each run refolds from the day before the old mark; a bump of a day already
folded (a late rating, a seeded history) is added to the areas' rows by `rollup_bump`
itself, under a lock shared by bumps and exclusive with a fold.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit
from kalantari.oversight.models import AreaDay, FoldMark, UnitDay
from kalantari.oversight.rollups import FOLD_LOCK, LIVE_DAYS, ROLLUP_FIELDS


@dataclass(frozen=True)
class FoldRun:
    start: date | None
    through: date
    rows: int


def fold_mark() -> date | None:
    """The last day whose area rows are complete (None: read everything live)."""
    return FoldMark.objects.values_list("through", flat=True).first()


def _ancestry() -> list[tuple[Any, Any, str]]:
    """(unit, area, area path) for every unit and each area at or above it."""
    units = list(OrgUnit.objects.values_list("pk", "path", "kind"))
    front_line = set(FRONT_LINE_KINDS)
    areas = [(pk, path) for pk, path, kind in units if kind not in front_line]
    return [
        (pk, area, area_path)
        for pk, path, _kind in units
        for area, area_path in areas
        if path.startswith(area_path)
    ]


def rollups_fold(
    *, since: date | None = None, through: date | None = None, full: bool = False
) -> FoldRun:
    """Fold station days into area days from `since` (default: the day before the mark; all
    days if none, or `full`) through `through` (at the latest, and by default, the day
    before yesterday), and move the mark."""
    # Never past the day before yesterday: later days are read live, and a bump of them
    # does not reach the areas' rows.
    latest = timezone.localdate(timezone=timezone.get_default_timezone()) - timedelta(
        days=LIVE_DAYS
    )
    through = min(through or latest, latest)
    mark = fold_mark()
    if since is None and mark is not None and not full:
        since = min(mark, through) - timedelta(days=1)
    pairs = _ancestry()
    qn = connection.ops.quote_name
    names = sorted(ROLLUP_FIELDS)
    unit_field = UnitDay._meta.get_field("station")
    values = ", ".join(["(%s, %s, %s)"] * len(pairs))
    params: list[Any] = []
    for unit, area, area_path in pairs:
        params += [
            unit_field.get_db_prep_value(unit, connection),
            unit_field.get_db_prep_value(area, connection),
            area_path,
        ]
    where = "s.day <= %s"
    params.append(UnitDay._meta.get_field("day").get_db_prep_value(through, connection))
    if since is not None:
        where += " AND s.day >= %s"
        params.append(UnitDay._meta.get_field("day").get_db_prep_value(since, connection))
    sql = (
        f"WITH m (unit, area, apath) AS (VALUES {values}) "  # noqa: S608 - our names  # nosec B608
        f"INSERT INTO {qn(AreaDay._meta.db_table)} (unit_id, unit_path, day, "
        f"{', '.join(qn(n) for n in names)}) "
        f"SELECT m.area, m.apath, s.day, {', '.join(f'SUM(s.{qn(n)})' for n in names)} "
        f"FROM {qn(UnitDay._meta.db_table)} s "
        f"JOIN m ON s.station_id = m.unit "
        f"WHERE {where} GROUP BY m.area, m.apath, s.day"
    )
    with transaction.atomic(durable=True):
        if connection.vendor == "postgresql":
            # Two folds at once (a slow run and the next minute's) would insert the same
            # rows: the second waits for the first, then folds again.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        stale = AreaDay.objects.filter(day__lte=through)
        if since is not None:
            stale = stale.filter(day__gte=since)
        stale.delete()
        rows = 0
        if pairs:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.rowcount
        FoldMark.objects.update_or_create(
            pk=1, defaults={"through": through, "folded_at": timezone.now()}
        )
    return FoldRun(start=since, through=through, rows=rows)
