"""The fixed histogram buckets of first-response minutes and resolution hours, and percentiles.

A value falls in the first bucket whose upper edge it does not exceed (`value <= edge`); the
last bucket holds everything above the last edge. A percentile is read by nearest rank: with
`n` values, the p-th percentile is the value of rank `ceil(p * n / 100)` in ascending order;
from a histogram we report the upper edge of the bucket where the cumulative count first
reaches that rank (for the last, open bucket: its lower edge, i.e. "at least"). Because
bucketing is monotonic, this is exactly the bucket of the exact nearest-rank percentile, so
the rollup's answer and the naive one (bucket of the exact percentile) are equal, not close.

Elapsed times are compared in whole milliseconds (rounded), so that Python and SQL put a
value that sits exactly on an edge in the same bucket.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

# Upper edges (inclusive).
FIRST_RESPONSE_EDGES_MINUTES: tuple[int, ...] = (
    5, 10, 15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880,
)  # fmt: skip
RESOLUTION_EDGES_HOURS: tuple[int, ...] = (
    1, 2, 4, 8, 12, 24, 48, 72, 96, 120, 168, 240, 336, 504, 720,
)  # fmt: skip

FIRST_RESPONSE_FIELDS: tuple[str, ...] = tuple(
    f"fr_{i:02d}" for i in range(len(FIRST_RESPONSE_EDGES_MINUTES) + 1)
)
RESOLUTION_FIELDS: tuple[str, ...] = tuple(
    f"res_{i:02d}" for i in range(len(RESOLUTION_EDGES_HOURS) + 1)
)

# Edges in milliseconds, the unit every comparison uses.
FIRST_RESPONSE_EDGES_MS: tuple[int, ...] = tuple(m * 60_000 for m in FIRST_RESPONSE_EDGES_MINUTES)
RESOLUTION_EDGES_MS: tuple[int, ...] = tuple(h * 3_600_000 for h in RESOLUTION_EDGES_HOURS)


def elapsed_ms(delta: timedelta) -> int:
    """A duration in whole milliseconds (rounded half up, as the SQL side does)."""
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return (micros + 500) // 1000


def bucket_index(value_ms: int, edges_ms: Sequence[int]) -> int:
    """The bucket a value (milliseconds) falls in: the first edge it does not exceed."""
    for i, edge in enumerate(edges_ms):
        if value_ms <= edge:
            return i
    return len(edges_ms)


def first_response_field(delta: timedelta) -> str:
    return FIRST_RESPONSE_FIELDS[bucket_index(elapsed_ms(delta), FIRST_RESPONSE_EDGES_MS)]


def resolution_field(delta: timedelta) -> str:
    return RESOLUTION_FIELDS[bucket_index(elapsed_ms(delta), RESOLUTION_EDGES_MS)]


def nearest_rank(percent: int, count: int) -> int:
    """The 1-based rank of the p-th percentile among `count` values: ceil(p * n / 100)."""
    return max(1, (percent * count + 99) // 100)


def bucket_value(index: int, edges: Sequence[int]) -> int:
    """What a bucket reports: its upper edge (the open last bucket: its lower edge)."""
    return edges[index] if index < len(edges) else edges[-1]


def histogram_percentile(counts: Sequence[int], edges: Sequence[int], percent: int) -> int | None:
    """The p-th percentile read from a histogram (None when it is empty)."""
    total = sum(counts)
    if total == 0:
        return None
    rank = nearest_rank(percent, total)
    running = 0
    for i, count in enumerate(counts):
        running += count
        if running >= rank:
            return bucket_value(i, edges)
    return bucket_value(len(counts) - 1, edges)  # pragma: no cover - counts sum to total


def exact_percentile(values: Sequence[int], percent: int) -> int | None:
    """The nearest-rank percentile of raw values (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[nearest_rank(percent, len(ordered)) - 1]
