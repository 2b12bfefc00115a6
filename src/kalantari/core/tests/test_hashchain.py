"""The hash chain walk: every change, deletion, insertion and reordering is found."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalantari.core.hashchain import GENESIS, Row, body, encode, link, walk

T0 = datetime(2026, 3, 20, 20, 30, tzinfo=UTC)


def chain_of(name: str, texts: list[str]) -> tuple[list[Row], tuple[int, str]]:
    rows: list[Row] = []
    prev = GENESIS
    for seq, text in enumerate(texts, start=1):
        b = body(seq, T0 + timedelta(minutes=seq), text)
        h = link(prev, b)
        rows.append((name, seq, f"r{seq}", prev, h, b))
        prev = h
    return rows, (len(texts), prev)


def breaks(rows: list[Row], heads: dict[str, tuple[int, str]]) -> list[str]:
    return [f"{b.chain}#{b.seq}" for b in walk(rows, heads)]


def test_an_intact_chain_has_no_break() -> None:
    a, head_a = chain_of("a", ["x", "y", "z"])
    b, head_b = chain_of("b", ["p"])
    assert breaks(a + b, {"a": head_a, "b": head_b}) == []


def test_fields_are_length_prefixed_so_text_cannot_shift_a_boundary() -> None:
    assert body("ab", "c") != body("a", "bc")
    assert body("1:a") != body("1", "a")
    assert encode(None) == "" and encode(True) == "1"
    with pytest.raises(ValueError, match="aware"):
        encode(datetime(2026, 1, 1))


def test_each_kind_of_tampering_breaks_at_the_right_record() -> None:
    rows, head = chain_of("a", ["one", "two", "three", "four"])
    changed = list(rows)
    name, seq, rid, prev, h, _b = changed[1]
    changed[1] = (name, seq, rid, prev, h, body(2, T0, "TWO"))
    assert breaks(changed, {"a": head}) == ["a#2"]
    assert breaks(rows[:2] + rows[3:], {"a": head}) == ["a#3"]  # deleted
    assert breaks(rows[:3], {"a": head}) == ["a#4"]  # deleted tail
    swapped = [rows[0], rows[2], rows[1], rows[3]]
    assert breaks(swapped, {"a": head}) == ["a#2"]
    assert breaks([], {"a": head}) == ["a#1"]
    assert breaks(rows, {}) == ["a#1"]  # rows without a head


def test_records_appended_after_the_head_was_read_are_not_judged() -> None:
    rows, _head = chain_of("a", ["one", "two", "three"])
    first_two_head = (2, rows[1][4])
    assert breaks(rows, {"a": first_two_head}) == []


@given(
    texts=st.lists(st.text(max_size=20), min_size=1, max_size=12),
    where=st.integers(min_value=0, max_value=11),
    new_text=st.text(max_size=20),
)
def test_any_edit_of_any_record_is_found(texts: list[str], where: int, new_text: str) -> None:
    rows, head = chain_of("a", texts)
    where %= len(rows)
    name, seq, rid, prev, h, _b = rows[where]
    edited = body(seq, T0 + timedelta(minutes=seq), new_text)
    rows[where] = (name, seq, rid, prev, h, edited)
    expected = [] if new_text == texts[where] else [f"a#{where + 1}"]
    assert breaks(rows, {"a": head}) == expected
