"""Tracking codes: enough randomness, readable grouping, typos caught before any lookup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalantari.core.errors import ValidationFailed
from kalantari.core.text import to_persian_digits
from kalantari.core.tracking import (
    ALPHABET,
    format_tracking_code,
    new_tracking_code,
    parse_tracking_code,
    tracking_code_from_bits,
)

BITS = st.integers(min_value=0, max_value=2**60 - 1)


def test_fresh_codes_are_distinct_and_well_formed() -> None:
    codes = {new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 13
        assert all(ch in ALPHABET for ch in code[:12])


@given(BITS)
def test_code_round_trips_through_any_typing(bits: int) -> None:
    code = tracking_code_from_bits(bits)
    shown = format_tracking_code(code)
    assert shown.count("-") == 3 and shown.replace("-", "") == code
    assert parse_tracking_code(shown) == code
    assert parse_tracking_code(shown.lower().replace("-", " ")) == code
    assert parse_tracking_code(to_persian_digits(shown)) == code


@given(BITS, st.integers(min_value=0, max_value=11), st.sampled_from(ALPHABET))
def test_one_wrong_symbol_is_caught(bits: int, position: int, symbol: str) -> None:
    code = tracking_code_from_bits(bits)
    if code[position] == symbol:
        return
    typo = code[:position] + symbol + code[position + 1 :]
    with pytest.raises(ValidationFailed):
        parse_tracking_code(typo)


@given(BITS, st.integers(min_value=0, max_value=10))
def test_swapped_neighbours_are_caught(bits: int, position: int) -> None:
    code = tracking_code_from_bits(bits)
    if code[position] == code[position + 1]:
        return
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    with pytest.raises(ValidationFailed):
        parse_tracking_code(swapped)


def test_confusable_letters_are_read_as_digits() -> None:
    code = tracking_code_from_bits(0)  # all zeros
    assert parse_tracking_code("O" * 12 + code[12]) == code


@pytest.mark.parametrize("typed", ["", "ABCD", "ABCD-EFGH-JKMN-PQ", "ABCD-EFGH-JKMN-#"])
def test_malformed_codes(typed: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_tracking_code(typed)
    assert err.value.code == "tracking_code_invalid"


# --- issue 6: check symbols that can be read over the phone --------------------------------


def test_fresh_codes_end_in_a_symbol_of_the_32_symbol_alphabet() -> None:
    assert all(new_tracking_code()[12] in ALPHABET for _ in range(3000))


@given(BITS)
def test_seeded_codes_end_in_a_symbol_of_the_32_symbol_alphabet(bits: int) -> None:
    assert tracking_code_from_bits(bits)[12] in ALPHABET


def test_codes_given_out_before_with_a_symbol_check_stay_valid() -> None:
    from kalantari.core.tracking import check_symbol

    old: dict[str, str] = {}
    value = 0
    while len(old) < 5:  # one old code for each of * ~ $ = U
        data = f"{value:012d}"
        symbol = check_symbol(data)
        if symbol not in ALPHABET:
            old[symbol] = data + symbol
        value += 1
    assert set(old) == {"*", "~", "$", "=", "U"}
    for code in old.values():
        assert parse_tracking_code(format_tracking_code(code)) == code
        assert parse_tracking_code(code.lower()) == code


def test_a_code_typed_plainly_is_accepted() -> None:
    code = tracking_code_from_bits(123456789)
    assert parse_tracking_code(code.lower()) == code
    assert parse_tracking_code(to_persian_digits(code.lower())) == code
    arabic = code.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_tracking_code(arabic) == code
