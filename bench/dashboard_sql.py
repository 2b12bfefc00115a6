"""Set-wise SQL for bench/dashboard.py: completeness without a Python pass.

(Since the benchmark showed the cost, `kalantari rollups rebuild` and the naive figures do
the same on PostgreSQL by themselves, through `oversight.completeness_sql`, which this module
now uses; what follows is how the bench still checks the two agree.)

`kalantari rollups rebuild` counts the figures by `INSERT … SELECT … GROUP BY`, then judges
each close's completeness in Python (`cases.completeness.case_missing`, a query or more per
close). At millions of closes that pass takes hours, so above `--real-rebuild-max` cases the
bench runs `rollups_rebuild` with that pass left out and then sets `closed_complete` by one
UPDATE whose condition is `case_missing(case) == []` written in SQL, per category from
`cases.completeness.rules_for`. Below that size it runs the real rebuild first and checks
that both give the same rows, every column.

What SQL cannot read is assumed as intake guarantees it: a sealed statement or address is
present when its column is not empty (intake refuses blank ones), and a category's required
extra fields are present (intake requires them at filing); a required photo is looked up in
the report's attachments, as `case_missing` does.

The naive figures are `oversight.indicators.naive_unit_indicators` (its GROUP BY queries
over cases and case events) with the same replacement for its completeness pass
(`complete_closes`).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any


def complete_expr() -> str:
    """`case_missing(case) == []` in SQL: the project's own (oversight.completeness_sql)."""
    from kalantari.oversight.completeness_sql import complete_expr as project_expr

    return project_expr()


def completeness_update(cursor: Any, tz: str) -> None:
    """closed_complete of every station's day, by one UPDATE."""
    cursor.execute(
        "UPDATE oversight_unitday u SET closed_complete = s.n FROM ("  # noqa: S608 - our SQL
        " SELECT c.station_id, (e.at AT TIME ZONE %s)::date AS day,"
        f" count(*) FILTER (WHERE {complete_expr()}) AS n"
        " FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id"
        " JOIN intake_report r ON r.id = c.report_id"
        " WHERE e.kind = 'transition' AND e.to_status = 'closed' GROUP BY 1, 2"
        ") s WHERE u.station_id = s.station_id AND u.day = s.day",
        (tz,),
    )


def complete_closes(prefix: str | None, start: date | None, end: date | None) -> Counter[Any]:
    """In place of `oversight.measures.closed_complete_counts` for the naive figures: the
    complete closes under `prefix` within the local days, counted by one query (the total
    under a single key: naive_unit_indicators only sums them)."""
    from django.db import connection

    from kalantari.oversight.measures import local_bounds

    where = ["e.kind = 'transition'", "e.to_status = 'closed'"]
    params: list[Any] = []
    if prefix:
        where.append("c.unit_path LIKE %s")
        params.append(prefix.replace("%", r"\%").replace("_", r"\_") + "%")
    if start is not None:
        where.append("e.at >= %s")
        params.append(local_bounds(start, start)[0])
    if end is not None:
        where.append("e.at < %s")
        params.append(local_bounds(end, end)[1])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FILTER (WHERE {complete_expr()})"  # noqa: S608 - our SQL
            " FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id"
            f" JOIN intake_report r ON r.id = c.report_id WHERE {' AND '.join(where)}",
            params,
        )
        (n,) = cursor.fetchone()
    return Counter({("all", None): n})
