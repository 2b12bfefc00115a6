"""National IDs, mobiles, plates: every usual form in, one stored form out, clear refusals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalantari.core.errors import ValidationFailed
from kalantari.core.identifiers import (
    national_id_check_digit,
    normalise_mobile,
    normalise_national_id,
    normalise_plate,
    normalise_postal_code,
)
from kalantari.core.text import to_persian_digits


def test_valid_national_id_in_any_digits() -> None:
    assert normalise_national_id("0499370899") == "0499370899"
    assert normalise_national_id("۰۴۹۹۳۷۰۸۹۹") == "0499370899"
    assert normalise_national_id("049-937089-9") == "0499370899"
    # Leading zeros dropped by a spreadsheet are put back.
    assert normalise_national_id("499370899") == "0499370899"


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_digit_ids_are_refused_although_they_pass_the_checksum(digit: str) -> None:
    value = digit * 10
    assert national_id_check_digit(value[:9]) == int(value[9])
    with pytest.raises(ValidationFailed) as err:
        normalise_national_id(value)
    assert err.value.code == "national_id_invalid"


@pytest.mark.parametrize("value", ["0499370898", "12345", "04993708990", "abcdefghij", ""])
def test_bad_national_ids(value: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        normalise_national_id(value)
    assert err.value.field == "national_id"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_nine_digits_with_their_check_digit_are_accepted(first9: str) -> None:
    value = first9 + str(national_id_check_digit(first9))
    if len(set(value)) == 1:
        return
    assert normalise_national_id(to_persian_digits(value)) == value
    wrong = first9 + str((int(value[9]) + 1) % 10)
    with pytest.raises(ValidationFailed):
        normalise_national_id(wrong)


@pytest.mark.parametrize(
    "value",
    [
        "09121234567",
        "+989121234567",
        "00989121234567",
        "989121234567",
        "9121234567",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "0912-123-4567",
    ],
)
def test_mobile_forms(value: str) -> None:
    assert normalise_mobile(value) == "09121234567"


@pytest.mark.parametrize("value", ["0812345678", "091212345", "02112345678", "+4917612345678", ""])
def test_bad_mobiles(value: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        normalise_mobile(value)
    assert err.value.code == "mobile_invalid"


def test_plates() -> None:
    assert normalise_plate("۱۲ ب ۳۴۵ ایران ۶۷") == "12ب345-67"
    assert normalise_plate("12ب345-67") == "12ب345-67"
    assert normalise_plate("12 الف 345 | 67") == "12الف345-67"
    with pytest.raises(ValidationFailed):
        normalise_plate("ABC-123")


def test_postal_code() -> None:
    assert normalise_postal_code("۱۹۳۸۷-۱۴۵۱۱") == "1938714511"
    with pytest.raises(ValidationFailed):
        normalise_postal_code("12345")
