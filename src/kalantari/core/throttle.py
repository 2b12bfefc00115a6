"""Slow down guessing and flooding: attempts counted per key, shared by all processes.

`hit()` counts an attempt on several keys in ONE statement (an upsert that returns the new
counts), and only then does the caller decide: so twenty concurrent guesses against a limit
of five see counts 1..20 and only five of them go on to be evaluated. Checking first and
counting afterwards (the old way) let every concurrent guess through the check.

A key past its limit waits until its window ends; with `progressive`, each further window
in a row that ends over the limit doubles the wait (2x, 4x … 64x the window), and a key
that stays quiet for a day starts again from the plain window.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from kalantari.core.errors import TooManyAttempts
from kalantari.core.models import ThrottleBucket
from kalantari.core.text import to_persian_digits

MAX_LEVEL = 6  # the longest wait is 2**6 = 64 windows
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    """At most `limit` attempts on `key` per `window_seconds`."""

    key: str
    limit: int
    window_seconds: int
    progressive: bool = False


class RateLimited(TooManyAttempts):
    """Too many submissions from one address or for one person (answered 429)."""

    code = "rate_limited"


def _as_datetime(value: Any) -> datetime | None:
    moment = value if value is None or isinstance(value, datetime) else parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


def _db_time(value: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def hit(limits: Sequence[Limit]) -> int:
    """Count one attempt on every key; the seconds to wait, or 0 when all are within limits.

    Runs in the caller's transaction if there is one (a refused submission rolls its counts
    back with it), else commits at once (a failed guess stays counted).
    """
    if not limits:
        return 0
    now = timezone.now()
    ordered = sorted(limits, key=lambda item: item.key)  # one lock order: no deadlocks
    q = connection.ops.quote_name
    table = q(ThrottleBucket._meta.db_table)
    names = ("key", "window_start", "hits", "until", "level")
    key, start, hits, until, level = (q(name) for name in names)
    rows = ", ".join(["(%s, %s, 1, %s, 0)"] * len(ordered))
    params: list[Any] = []
    for item in ordered:
        params += [
            item.key,
            _db_time(now),
            _db_time(now + timedelta(seconds=item.window_seconds)),
        ]
    expired = f"({table}.{until} IS NULL OR {table}.{until} <= %s)"
    sql = (
        f"INSERT INTO {table} ({key}, {start}, {hits}, {until}, {level}) VALUES {rows} "  # noqa: S608  # nosec B608 - names from the model
        f"ON CONFLICT ({key}) DO UPDATE SET "
        f"{hits} = CASE WHEN {expired} THEN 1 ELSE {table}.{hits} + 1 END, "
        f"{start} = CASE WHEN {expired} THEN excluded.{start} ELSE {table}.{start} END, "
        f"{until} = CASE WHEN {expired} THEN excluded.{until} ELSE {table}.{until} END, "
        f"{level} = CASE WHEN {table}.{until} IS NULL OR {table}.{until} <= %s THEN 0 "
        f"ELSE {table}.{level} END "
        f"RETURNING {key}, {hits}, {until}, {level}"
    )
    params += [_db_time(now)] * 3 + [_db_time(now - FORGET_AFTER)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counted = {row[0]: (row[1], _as_datetime(row[2]), row[3]) for row in cursor.fetchall()}
    wait = 0
    for item in ordered:
        count, ends, steps = counted[item.key]
        if count <= item.limit:
            continue
        if ends is None:
            ends = now + timedelta(seconds=item.window_seconds)
        if item.progressive and count == item.limit + 1:
            steps = min(steps + 1, MAX_LEVEL)
            if steps > 1:
                ends = max(ends, now + timedelta(seconds=item.window_seconds * 2 ** (steps - 1)))
            ThrottleBucket.objects.filter(key=item.key).update(level=steps, until=ends)
        wait = max(wait, int((ends - now).total_seconds()) + 1)
    return wait


def refund(keys: Sequence[str]) -> None:
    """Take back one counted attempt (it succeeded): a right answer is not a guess."""
    if keys:
        ThrottleBucket.objects.filter(key__in=list(keys), hits__gt=0).update(
            hits=F("hits") - 1, level=0
        )


def refuse(wait: int, *, rate: bool = False) -> None:
    """Raise the 429 for a wait of `wait` seconds, in the user's language."""
    minutes = max(1, (wait + 59) // 60)
    shown = str(minutes)
    if translation.get_language() == "fa":
        shown = to_persian_digits(shown)
    if rate:
        raise RateLimited(
            _(
                "Too many reports or messages have been sent from here or for this person. "
                "Please try again in %(m)s minutes, or visit or call a police station."
            )
            % {"m": shown},
            retry_after=wait,
        )
    raise TooManyAttempts(
        _("Too many attempts. Try again in %(m)s minutes.") % {"m": shown},
        retry_after=wait,
    )


def address_key(ip: str | None) -> str:
    """The throttling unit for an address: the address itself, or its /64 for IPv6.

    An IPv6 subscriber gets a whole /64, so counting single addresses would count nothing.
    """
    if not ip:
        return "-"
    try:
        parsed = ipaddress.ip_address(ip.strip())
    except ValueError:
        return "-"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_ip(request: Any) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For when a trusted proxy adds it.

    `KALANTARI_TRUSTED_PROXY_HOPS` (env TRUSTED_PROXY_HOPS) says how many proxies of ours
    stand in front; the address that many entries from the right of X-Forwarded-For is the
    one our outermost proxy saw. With 0 (the default) the header is ignored: anyone can
    write it.
    """
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR") or None
    hops = int(getattr(settings, "KALANTARI_TRUSTED_PROXY_HOPS", 0) or 0)
    if hops <= 0:
        return remote
    chain = [p.strip() for p in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if p.strip()]
    if len(chain) < hops:
        return remote
    candidate = chain[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


# --- the older single-key interface (kept for callers that count failures only) ---------------


def retry_after(key: str, *, limit: int, window_seconds: int) -> int:
    """Seconds until `key` may try again, or 0 when it is under its limit."""
    bucket = ThrottleBucket.objects.filter(key=key).first()
    if bucket is None or bucket.hits < limit:
        return 0
    ends = bucket.until or bucket.window_start + timedelta(seconds=window_seconds)
    remaining = int((ends - timezone.now()).total_seconds())
    return max(remaining, 0)


def register_failure(key: str, *, window_seconds: int) -> None:
    """Count one failed attempt; committed on its own so the failing request cannot undo it."""
    hit([Limit(key=key, limit=2**31, window_seconds=window_seconds)])


def reset(key: str) -> None:
    ThrottleBucket.objects.filter(key=key).delete()


def purge_ended(*, before: datetime) -> None:
    """Delete counters whose lock or window ended before `before` (retention calls this)."""
    ThrottleBucket.objects.filter(
        Q(until__lt=before) | Q(until__isnull=True, window_start__lt=before)
    ).delete()
