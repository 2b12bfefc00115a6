"""Slow down guessing: failed attempts counted per key in a window shared by all processes."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kalantari.core.models import ThrottleBucket


def retry_after(key: str, *, limit: int, window_seconds: int) -> int:
    """Seconds until `key` may try again, or 0 when it is under its limit."""
    bucket = ThrottleBucket.objects.filter(key=key).first()
    if bucket is None or bucket.hits < limit:
        return 0
    ends = bucket.window_start + timedelta(seconds=window_seconds)
    remaining = int((ends - timezone.now()).total_seconds())
    return max(remaining, 0)


def register_failure(key: str, *, window_seconds: int) -> None:
    """Count one failed attempt; committed on its own so the failing request cannot undo it."""
    now = timezone.now()
    with transaction.atomic():
        bucket, created = ThrottleBucket.objects.select_for_update().get_or_create(
            key=key, defaults={"window_start": now, "hits": 1}
        )
        if created:
            return
        if now - bucket.window_start > timedelta(seconds=window_seconds):
            bucket.window_start = now
            bucket.hits = 1
        else:
            bucket.hits += 1
        bucket.save(update_fields=["window_start", "hits"])


def reset(key: str) -> None:
    ThrottleBucket.objects.filter(key=key).delete()
