"""The figures of `oversight.rollups`, computed set-wise from the raw tables.

`rollups.event_deltas` says, event by event, what the receiver adds; this module says the
same to the database, so that `kalantari rollups rebuild` and
`indicators.naive_unit_indicators` compute it by GROUP BY over cases and case events. Two
sources: case events (received, resolutions, closes, rejections, referrals, reopenings) and
cases (the first response, one per case, on the day of `first_responded_at`).

The raw tables only hold a case's *current* paused total and due times, while a resolution
is judged with the values it had then. Every pause that ends writes an `sla_resumed` event
with its length, so the pause time a case gathered after an instant is the sum of those
events after it: a resolution's paused total then = now - later ones, and its due time
then = now - later ones. (A first response comes before any pause, whose start is itself a
first response: its due time then = the due time now - the whole paused total.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    BigIntegerField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from kalantari.cases.completeness import case_missing
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.oversight.buckets import (
    FIRST_RESPONSE_EDGES_MS,
    FIRST_RESPONSE_FIELDS,
    RESOLUTION_EDGES_MS,
    RESOLUTION_FIELDS,
)
from kalantari.oversight.rollups import RESUMED_KIND, STATUS_COUNTERS


class ElapsedUs(Func):
    """`later - earlier` in whole microseconds (exact on both engines)."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) * 1000000)::bigint",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Django's own exact difference in microseconds (the stored text is parsed).
        return self.as_sql(
            compiler,
            connection,
            template="django_timestamp_diff(%(expressions)s)",
            arg_joiner=", ",
            **extra,
        )


def local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants from local midnight of `start` to local midnight after `end`."""
    tz = timezone.get_default_timezone()
    begin = datetime.combine(start, time.min, tzinfo=tz)
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return begin, after


def _within(qs: QuerySet[Any], field: str, start: date | None, end: date | None) -> QuerySet[Any]:
    if start is not None:
        qs = qs.filter(**{f"{field}__gte": local_bounds(start, start)[0]})
    if end is not None:
        qs = qs.filter(**{f"{field}__lt": local_bounds(end, end)[1]})
    return qs


def _local_day(field: str) -> TruncDate:
    return TruncDate(field, tzinfo=timezone.get_default_timezone())


EVENT_STATUSES = (Status.RESOLVED, *STATUS_COUNTERS)


def _paused_after() -> Any:
    """Pause seconds the event's case gathered after the event (its later `sla_resumed`)."""
    later = (
        CaseEvent.objects.filter(
            case_id=OuterRef("case_id"), kind=RESUMED_KIND, at__gt=OuterRef("at")
        )
        .order_by()
        .values("case_id")
        .annotate(total=Sum(Cast(KeyTextTransform("paused_seconds", "data"), IntegerField())))
        .values("total")
    )
    return CaseWhen(
        When(to_status=Status.RESOLVED, then=Coalesce(Subquery(later), Value(0))),
        default=Value(0),
        output_field=BigIntegerField(),
    )


def event_rows(prefix: str | None, start: date | None, end: date | None) -> QuerySet[Any]:
    """One row per counted case event: station, path, local day, what it was, its measures."""
    events = CaseEvent.objects.filter(
        Q(kind=EventKind.OPENED) | Q(kind=EventKind.TRANSITION, to_status__in=EVENT_STATUSES)
    )
    if prefix:
        events = events.filter(case__unit_path__startswith=prefix)
    events = _within(events, "at", start, end)
    return events.order_by().values(
        st=F("case__station_id"),
        path=F("case__unit_path"),
        d=_local_day("at"),
        k=F("kind"),
        s=F("to_status"),
        res_us=ElapsedUs(F("at"), F("case__created_at")),
        slack_us=ElapsedUs(F("case__resolution_due"), F("at")),
        paused=F("case__sla_paused_seconds"),
        after=_paused_after(),
    )


def first_response_rows(prefix: str | None, start: date | None, end: date | None) -> QuerySet[Any]:
    """One row per case first answered within the days: station, path, day, its measures."""
    cases = Case.objects.filter(first_responded_at__isnull=False)
    if prefix:
        cases = cases.filter(unit_path__startswith=prefix)
    cases = _within(cases, "first_responded_at", start, end)
    return cases.order_by().values(
        st=F("station_id"),
        path=F("unit_path"),
        d=_local_day("first_responded_at"),
        fr_us=ElapsedUs(F("first_responded_at"), F("created_at")),
        slack_us=ElapsedUs(F("first_response_due"), F("first_responded_at")),
        paused=F("sla_paused_seconds"),
    )


def _sql(qs: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = qs.query.sql_with_params()
    return sql, tuple(params)


def _lit(value: str) -> str:
    """A constant of ours (a status or kind) as an SQL string literal."""
    if not value.replace("_", "").isalnum():  # pragma: no cover - our enum values
        raise ValueError(value)
    return f"'{value}'"


def _buckets(column: str, names: Sequence[str], edges: Sequence[int], when: str) -> list[str]:
    out = []
    for i, name in enumerate(names):
        cond = [when]
        if i > 0:
            cond.append(f"{column} > {edges[i - 1]}")
        if i < len(edges):
            cond.append(f"{column} <= {edges[i]}")
        out.append(f"SUM(CASE WHEN {' AND '.join(cond)} THEN 1 ELSE 0 END) AS {name}")
    return out


RESOLVED_WHEN = f"s = {_lit(Status.RESOLVED)}"


def event_measures_sql(
    prefix: str | None, start: date | None, end: date | None
) -> tuple[str, tuple[Any, ...]]:
    """Per event: st, path, d, k, s, res_ms (resolution time then), res_in (on time then)."""
    inner, params = _sql(event_rows(prefix, start, end))
    sql = (
        "SELECT st, path, d, k, s, "  # noqa: S608 - our columns  # nosec B608
        "((res_us + 500) / 1000 - (CAST(paused AS BIGINT) - after) * 1000) AS res_ms, "
        "CASE WHEN slack_us >= CAST(after AS BIGINT) * 1000000 THEN 1 ELSE 0 END AS res_in "
        f"FROM ({inner}) e1"
    )
    return sql, params


def first_response_measures_sql(
    prefix: str | None, start: date | None, end: date | None
) -> tuple[str, tuple[Any, ...]]:
    """Per first response: st, path, d, fr_ms, fr_in (on time: before any pause moved it)."""
    inner, params = _sql(first_response_rows(prefix, start, end))
    sql = (
        "SELECT st, path, d, ((fr_us + 500) / 1000) AS fr_ms, "  # noqa: S608 - our columns  # nosec B608
        "CASE WHEN slack_us >= CAST(paused AS BIGINT) * 1000000 THEN 1 ELSE 0 END AS fr_in "
        f"FROM ({inner}) f1"
    )
    return sql, params


def event_totals_sql(
    prefix: str | None, start: date | None, end: date | None, *, grouped: bool
) -> tuple[str, tuple[Any, ...], list[str]]:
    """The event counters (and resolution buckets) summed, per (st, d) if `grouped`."""
    rows, params = event_measures_sql(prefix, start, end)
    names = [
        "received",
        "resolved",
        "resolutions_in_sla",
        *STATUS_COUNTERS.values(),
        *RESOLUTION_FIELDS,
    ]
    sums = [
        f"SUM(CASE WHEN k = {_lit(EventKind.OPENED)} THEN 1 ELSE 0 END) AS received",
        f"SUM(CASE WHEN {RESOLVED_WHEN} THEN 1 ELSE 0 END) AS resolved",
        f"SUM(CASE WHEN {RESOLVED_WHEN} THEN res_in ELSE 0 END) AS resolutions_in_sla",
        *(
            f"SUM(CASE WHEN s = {_lit(status)} THEN 1 ELSE 0 END) AS {name}"
            for status, name in STATUS_COUNTERS.items()
        ),
        *_buckets("res_ms", RESOLUTION_FIELDS, RESOLUTION_EDGES_MS, RESOLVED_WHEN),
    ]
    keys = "st, MAX(path) AS path, d, " if grouped else ""
    tail = " GROUP BY st, d" if grouped else ""
    sql = f"SELECT {keys}{', '.join(sums)} FROM ({rows}) e2{tail}"  # noqa: S608  # nosec B608
    return sql, params, names


def first_response_totals_sql(
    prefix: str | None, start: date | None, end: date | None, *, grouped: bool
) -> tuple[str, tuple[Any, ...], list[str]]:
    """The first-response counters and buckets summed, per (st, d) if `grouped`."""
    rows, params = first_response_measures_sql(prefix, start, end)
    names = ["first_responses", "first_response_in_sla", *FIRST_RESPONSE_FIELDS]
    sums = [
        "COUNT(*) AS first_responses",
        "SUM(fr_in) AS first_response_in_sla",
        *_buckets("fr_ms", FIRST_RESPONSE_FIELDS, FIRST_RESPONSE_EDGES_MS, "1 = 1"),
    ]
    keys = "st, MAX(path) AS path, d, " if grouped else ""
    tail = " GROUP BY st, d" if grouped else ""
    sql = f"SELECT {keys}{', '.join(sums)} FROM ({rows}) f2{tail}"  # noqa: S608  # nosec B608
    return sql, params, names


def fetch_totals(prefix: str | None, start: date | None, end: date | None) -> dict[str, int]:
    """Every case figure but closed_complete, summed over the unit and days (naive)."""
    totals: dict[str, int] = {}
    with connection.cursor() as cursor:
        for build in (event_totals_sql, first_response_totals_sql):
            sql, params, names = build(prefix, start, end, grouped=False)
            cursor.execute(sql, params)
            row = cursor.fetchone()
            totals.update({name: int(value or 0) for name, value in zip(names, row, strict=True)})
    return totals


def measure_values(
    prefix: str | None, start: date | None, end: date | None, which: str
) -> tuple[str, tuple[Any, ...]]:
    """SQL giving one column `v`: every first-response ms (`fr_ms`) or resolution ms (`res_ms`)."""
    if which == "fr_ms":
        rows, params = first_response_measures_sql(prefix, start, end)
        return f"SELECT fr_ms AS v FROM ({rows}) f3", params  # noqa: S608  # nosec B608
    rows, params = event_measures_sql(prefix, start, end)
    return f"SELECT res_ms AS v FROM ({rows}) e3 WHERE {RESOLVED_WHEN}", params  # noqa: S608  # nosec B608


def closed_complete_counts(
    prefix: str | None, start: date | None, end: date | None
) -> Counter[tuple[Any, date]]:
    """Closes of complete files per (station, local day), judged by `case_missing` on the file
    as it is now (the receiver judged it at the close: the two differ only for a file reopened
    after its close and changed since)."""
    closes = CaseEvent.objects.filter(kind=EventKind.TRANSITION, to_status=Status.CLOSED)
    if prefix:
        closes = closes.filter(case__unit_path__startswith=prefix)
    resolutions = CaseEvent.objects.filter(kind=EventKind.TRANSITION, to_status=Status.RESOLVED)
    closes = (
        _within(closes, "at", start, end)
        .select_related("case", "case__report", "case__category")
        .prefetch_related(
            # What cases.completeness reads for the closing reason, fetched per chunk.
            Prefetch("case__events", queryset=resolutions, to_attr="resolutions"),
            "case__report__attachments",
        )
    )
    counts: Counter[tuple[Any, date]] = Counter()
    for event in closes.iterator(chunk_size=2000):
        if case_missing(event.case) == []:
            counts[
                (
                    event.case.station_id,
                    timezone.localdate(event.at, timezone.get_default_timezone()),
                )
            ] += 1
    return counts


# Other parts (conduct: ratings and complaints) register how to count their figures from
# their own tables: fn(prefix, begin, after) -> {field: count}, for the naive figures.
NaiveSource = Callable[[str, datetime, datetime], dict[str, int]]
NAIVE_SOURCES: list[NaiveSource] = []


def register_naive_source(source: NaiveSource) -> None:
    """Add a counter source to the naive figures (ratings, rating_sum, complaints)."""
    if source not in NAIVE_SOURCES:
        NAIVE_SOURCES.append(source)


def naive_extra(prefix: str, start: date, end: date) -> dict[str, int]:
    begin, after = local_bounds(start, end)
    totals: Counter[str] = Counter()
    for source in NAIVE_SOURCES:
        totals.update(source(prefix, begin, after))
    return dict(totals)
