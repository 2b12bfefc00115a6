"""UUIDv7 ids: version and variant right, and strictly increasing within one process."""

from __future__ import annotations

import itertools
import threading

from kalantari.core.ids import uuid7


def test_ids_are_version_7_and_strictly_increasing_in_one_process() -> None:
    ids = [uuid7() for _ in range(20_000)]  # many share a millisecond
    assert all(i.version == 7 and i.variant == "specified in RFC 4122" for i in ids)
    assert all(a.int < b.int for a, b in itertools.pairwise(ids))
    assert len({i.int >> 80 for i in ids}) < len(ids)  # the same millisecond did repeat


def test_ids_made_by_threads_at_once_are_all_distinct() -> None:
    made: list[list[int]] = [[] for _ in range(4)]

    def work(out: list[int]) -> None:
        out.extend(uuid7().int for _ in range(5_000))

    threads = [threading.Thread(target=work, args=(out,)) for out in made]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for out in made for i in out]
    assert len(set(every)) == len(every)
    assert all(out == sorted(out) for out in made)
