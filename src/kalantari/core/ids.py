"""Time-ordered UUIDs (version 7): random enough to be unguessable, ordered for index locality."""

from __future__ import annotations

import os
import threading
import time
import uuid

_RANDOM_BITS = 74
_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, 74 random bits) of the last id made in this process


def uuid7() -> uuid.UUID:
    """Return a UUIDv7 (RFC 9562): 48-bit Unix milliseconds then 74 random bits.

    Ids made by one process are strictly increasing, also within one millisecond (RFC 9562
    §6.2, method 2: the random part of a later id in the same millisecond is the last one's
    plus one). Rows created at the same instant (a move and the restart of its SLA clock)
    then sort in the order they were made.
    """
    global _last
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big") >> (80 - _RANDOM_BITS)
    with _lock:
        last_ms, last_rand = _last
        if ms <= last_ms:
            ms, rand = last_ms, last_rand + 1
            if rand >> _RANDOM_BITS:  # the random part ran over: borrow the next millisecond
                ms, rand = ms + 1, 0
        _last = (ms, rand)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (rand >> 62) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)
