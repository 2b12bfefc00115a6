"""Set-wise SQL for bench/dashboard.py: the rollups without a Python pass, and the naive figures.

`kalantari rollups rebuild` counts every counter by one `INSERT … SELECT … GROUP BY`, then
judges each close's completeness in Python (`cases.completeness.case_missing`, two or three
queries per close). At a few million closes that pass takes hours, so the bench (above
`--real-rebuild-max` cases) runs the same INSERT (built from `oversight.measures`, as
rebuild builds it) and then `closed_complete` by one UPDATE whose condition is
`case_missing(case) == []` written in SQL, per category from `cases.completeness.rules_for`.
Below that size it runs the real rebuild too and checks that both give the same rows.

What SQL cannot read is assumed as intake guarantees it: a sealed statement or address is
present when its column is not empty (intake refuses blank ones), and a category's required
extra fields are present (intake requires them at filing); a required photo is looked up in
the report's attachments, as `case_missing` does.

The naive figures (`naive_sql`) are one GROUP BY over case events joined to their cases
under a unit path and within the period, counters, percentiles (percentile_disc) and
completeness together: what one would write without rollups.
"""

from __future__ import annotations

from datetime import date
from typing import Any

OPEN = ("received", "triaged", "assigned", "in_progress", "reopened")


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def complete_expr() -> str:
    """`case_missing(case) == []` for the row aliases c (case), r (report), per category."""
    from kalantari.cases.completeness import rules_for
    from kalantari.intake.models import Category

    opened = ", ".join(_lit(s) for s in OPEN)
    fr_ok = (
        "(c.first_responded_at IS NOT NULL AND c.first_responded_at <= c.first_response_due"
        f" OR c.first_responded_at IS NULL AND c.status IN ({opened})"
        " AND c.first_response_due >= now())"
    )
    reason_ok = (
        "(c.status NOT IN ('closed', 'rejected', 'referred')"
        " OR c.status = 'rejected' AND c.rejection_reason <> ''"
        " OR c.status <> 'rejected' AND (btrim(c.referral_name) <> '' OR EXISTS ("
        "SELECT 1 FROM cases_caseevent x WHERE x.case_id = c.id AND x.kind = 'transition'"
        " AND x.to_status = 'resolved' AND x.reason <> '')))"
    )
    branches = []
    for cat in Category.objects.all():
        rules = rules_for(cat.code, cat.group)
        parts = ["true"]
        if rules.statement:
            parts.append("r.statement <> ''")
        if rules.location:
            parts.append("(r.address <> '' OR r.latitude IS NOT NULL)")
        if rules.extra_fields:
            for spec in cat.extra_fields:
                if spec.get("required") and spec.get("kind") == "photo":
                    parts.append(
                        "EXISTS (SELECT 1 FROM intake_attachment a WHERE a.report_id = r.id"  # noqa: S608 - our SQL
                        f" AND a.field_name = {_lit(spec['name'])})"
                    )
        if rules.first_response:
            parts.append(fr_ok)
        if rules.closing_reason:
            parts.append(reason_ok)
        branches.append(f"WHEN {_lit(str(cat.pk))} THEN ({' AND '.join(parts)})")
    return f"(CASE c.category_id::text {' '.join(branches)} ELSE false END)"


def rebuild_counters(cursor: Any) -> None:
    """rebuild.py's INSERT … SELECT (every counter but closed_complete), all days."""
    from django.db import connection
    from django.db.models import F

    from kalantari.oversight.measures import counted_events, event_aggregates
    from kalantari.oversight.models import UnitDay
    from kalantari.oversight.rollups import ROLLUP_FIELDS

    qn = connection.ops.quote_name
    aggregates = event_aggregates()
    names = list(aggregates)
    grouped = (
        counted_events(None, None, None)
        .values(st=F("case__station_id"), path=F("case__unit_path"), d=F("local_day"))
        .annotate(**aggregates)
        .order_by()
    )
    inner, params = grouped.query.sql_with_params()
    zeros = sorted(ROLLUP_FIELDS - set(names))
    columns = ", ".join(qn(n) for n in [*names, *zeros])
    selected = ", ".join([*(f"s.{qn(n)}" for n in names), *("0" for _ in zeros)])
    cursor.execute(f"DELETE FROM {qn(UnitDay._meta.db_table)}")  # noqa: S608 - our names
    cursor.execute(
        f"INSERT INTO {qn(UnitDay._meta.db_table)} (station_id, unit_path, day, {columns}) "  # noqa: S608
        f"SELECT s.st, s.path, s.d, {selected} FROM ({inner}) s",
        params,
    )


def rebuild_completeness(cursor: Any, tz: str) -> None:
    """closed_complete of every station's day, by one UPDATE."""
    cursor.execute(
        "UPDATE oversight_unitday u SET closed_complete = s.n FROM ("  # noqa: S608 - our SQL
        f" SELECT c.station_id, (e.at AT TIME ZONE %s)::date AS day,"
        f" count(*) FILTER (WHERE {complete_expr()}) AS n"
        " FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id"
        " JOIN intake_report r ON r.id = c.report_id"
        " WHERE e.kind = 'transition' AND e.to_status = 'closed' GROUP BY 1, 2"
        ") s WHERE u.station_id = s.station_id AND u.day = s.day",
        (tz,),
    )


def naive_sql(path: str | None, start: date, end: date, tz: str) -> tuple[str, list[Any]]:
    """One query: a unit's counters, percentiles and completeness from the raw tables."""
    under = "AND c.unit_path LIKE %s" if path else ""
    fr = "e.kind = 'transition' AND e.from_status = 'received' AND c.first_responded_at IS NOT NULL"
    res = "e.kind = 'transition' AND e.to_status = 'resolved'"
    fr_ms = "extract(epoch FROM c.first_responded_at - c.created_at) * 1000"
    res_ms = "extract(epoch FROM e.at - c.created_at) * 1000 - c.sla_paused_seconds::bigint * 1000"
    sql = (
        "SELECT count(*) FILTER (WHERE e.kind = 'opened') AS received,"  # noqa: S608 - our SQL
        f" count(*) FILTER (WHERE {fr}) AS first_responses,"
        f" count(*) FILTER (WHERE {fr} AND c.first_responded_at <= c.first_response_due)"
        " AS first_response_in_sla,"
        f" count(*) FILTER (WHERE {res}) AS resolved,"
        f" count(*) FILTER (WHERE {res} AND e.at <= c.resolution_due) AS resolutions_in_sla,"
        " count(*) FILTER (WHERE e.kind = 'transition' AND e.to_status = 'closed') AS closed,"
        " count(*) FILTER (WHERE e.kind = 'transition' AND e.to_status = 'closed'"
        f" AND {complete_expr()}) AS closed_complete,"
        " count(*) FILTER (WHERE e.kind = 'transition' AND e.to_status = 'rejected') AS rejected,"
        " count(*) FILTER (WHERE e.kind = 'transition' AND e.to_status = 'referred') AS referred,"
        " count(*) FILTER (WHERE e.kind = 'transition' AND e.to_status = 'reopened') AS reopened,"
        f" percentile_disc(0.5) WITHIN GROUP (ORDER BY {fr_ms}) FILTER (WHERE {fr}),"
        f" percentile_disc(0.9) WITHIN GROUP (ORDER BY {fr_ms}) FILTER (WHERE {fr}),"
        f" percentile_disc(0.5) WITHIN GROUP (ORDER BY {res_ms}) FILTER (WHERE {res}),"
        f" percentile_disc(0.9) WITHIN GROUP (ORDER BY {res_ms}) FILTER (WHERE {res})"
        " FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id"
        " JOIN intake_report r ON r.id = c.report_id"
        " WHERE e.kind IN ('opened', 'transition')"
        " AND e.at >= (%s::date)::timestamp AT TIME ZONE %s"
        " AND e.at < (%s::date + 1)::timestamp AT TIME ZONE %s "
        f"{under}"
    )
    return sql, [start, tz, end, tz, *([path + "%"] if path else [])]
