"""The case events the rollups count, as one set-wise query (rebuild and the naive figures).

`oversight.rollups.event_deltas` says, event by event, what the receiver adds; this module
says the same thing to the database, so that `kalantari rollups rebuild` and
`indicators.naive_unit_indicators` compute it by GROUP BY over the raw tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Func,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from kalantari.cases.completeness import case_missing
from kalantari.cases.models import CaseEvent, EventKind, Status
from kalantari.oversight.buckets import (
    FIRST_RESPONSE_EDGES_MS,
    FIRST_RESPONSE_FIELDS,
    RESOLUTION_EDGES_MS,
    RESOLUTION_FIELDS,
)
from kalantari.oversight.rollups import STATUS_COUNTERS


class ElapsedMs(Func):
    """`later - earlier` in whole milliseconds, rounded half up (as `buckets.elapsed_ms`)."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template=(
                "FLOOR((EXTRACT(EPOCH FROM (%(expressions)s)) * 1000000 + 500) / 1000)::bigint"
            ),
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Django's own exact difference in microseconds (the stored text is parsed).
        return self.as_sql(
            compiler,
            connection,
            template="((django_timestamp_diff(%(expressions)s) + 500) / 1000)",
            arg_joiner=", ",
            **extra,
        )


def local_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants from local midnight of `start` to local midnight after `end`."""
    tz = timezone.get_current_timezone()
    begin = datetime.combine(start, time.min, tzinfo=tz)
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return begin, after


FIRST_RESPONSE_Q = Q(
    kind=EventKind.TRANSITION,
    from_status=Status.RECEIVED,
    case__first_responded_at__isnull=False,
)
RESOLVED_Q = Q(kind=EventKind.TRANSITION, to_status=Status.RESOLVED)


def _between(name: str, edges: tuple[int, ...], i: int) -> Q:
    q = Q()
    if i > 0:
        q &= Q(**{f"{name}__gt": edges[i - 1]})
    if i < len(edges):
        q &= Q(**{f"{name}__lte": edges[i]})
    return q


def counted_events(prefix: str | None, start: date | None, end: date | None) -> QuerySet[Any]:
    """The events that count, under a unit path and within local days, with their measures."""
    events = CaseEvent.objects.filter(kind__in=[EventKind.OPENED, EventKind.TRANSITION])
    if prefix:
        events = events.filter(case__unit_path__startswith=prefix)
    if start is not None or end is not None:
        begin, after = local_bounds(start or date.min + timedelta(days=1), end or date(9998, 1, 1))
        if start is not None:
            events = events.filter(at__gte=begin)
        if end is not None:
            events = events.filter(at__lt=after)
    return events.alias(
        local_day=TruncDate("at", tzinfo=timezone.get_current_timezone()),
        fr_ms=ElapsedMs(F("case__first_responded_at"), F("case__created_at")),
        res_ms=ElapsedMs(F("at"), F("case__created_at")) - F("case__sla_paused_seconds") * 1000,
    )


def event_aggregates() -> dict[str, Any]:
    """Each counter and histogram bucket as an aggregate over `counted_events`."""
    aggregates: dict[str, Any] = {
        "received": Count("pk", filter=Q(kind=EventKind.OPENED)),
        "first_responses": Count("pk", filter=FIRST_RESPONSE_Q),
        "first_response_in_sla": Count(
            "pk",
            filter=FIRST_RESPONSE_Q
            & Q(case__first_responded_at__lte=F("case__first_response_due")),
        ),
        "resolved": Count("pk", filter=RESOLVED_Q),
        "resolutions_in_sla": Count("pk", filter=RESOLVED_Q & Q(at__lte=F("case__resolution_due"))),
    }
    for status, name in STATUS_COUNTERS.items():
        aggregates[name] = Count("pk", filter=Q(kind=EventKind.TRANSITION, to_status=status))
    for i, name in enumerate(FIRST_RESPONSE_FIELDS):
        aggregates[name] = Count(
            "pk", filter=FIRST_RESPONSE_Q & _between("fr_ms", FIRST_RESPONSE_EDGES_MS, i)
        )
    for i, name in enumerate(RESOLUTION_FIELDS):
        aggregates[name] = Count(
            "pk", filter=RESOLVED_Q & _between("res_ms", RESOLUTION_EDGES_MS, i)
        )
    return aggregates


# Case-event figures the database cannot judge (completeness is Python: cases.completeness).
EVENT_FIELDS: tuple[str, ...] = (*event_aggregates(), "closed_complete")


def closed_complete_counts(events: QuerySet[Any]) -> Counter[tuple[Any, date]]:
    """Closes of complete files per (station, local day), judged by `case_missing`."""
    counts: Counter[tuple[Any, date]] = Counter()
    closes = (
        events.filter(kind=EventKind.TRANSITION, to_status=Status.CLOSED)
        .select_related("case", "case__report")
        .only("at", "case")
    )
    for event in closes.iterator(chunk_size=2000):
        if case_missing(event.case) == []:
            counts[(event.case.station_id, timezone.localdate(event.at))] += 1
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


def ms_values(events: QuerySet[Any], which: str) -> Iterable[int]:
    """Raw elapsed milliseconds (`fr_ms` or `res_ms`) of the counted events."""
    q = FIRST_RESPONSE_Q if which == "fr_ms" else RESOLVED_Q
    return events.filter(q).annotate(value=F(which)).values_list("value", flat=True)
