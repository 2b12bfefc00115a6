"""Iranian identifiers, validated with a clear message and stored in one normal form."""

from __future__ import annotations

import re
import unicodedata

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kalantari.core.errors import ValidationFailed
from kalantari.core.text import clean_text, drop_invisible, to_ascii_digits

_SEPARATORS = re.compile(r"[\s\-_.()/|\u200c\u200d]+")
_ASCII_DIGITS = re.compile(r"[0-9]*")


def _digits_only(value: str, field: str) -> str:
    """The digits typed, as ASCII: decimal digits of any script fold, invisible characters
    and separators go; a character that only looks like a digit (², ①) is refused."""
    text = _SEPARATORS.sub("", to_ascii_digits(drop_invisible(value or "")).strip())
    for ch in text.lstrip("+"):
        if not ("0" <= ch <= "9") and unicodedata.digit(ch, None) is not None:
            raise ValidationFailed(
                format_lazy(
                    _("“{char}” is not a digit: type the number with ordinary digits."), char=ch
                ),
                code=f"{field}_invalid",
                field=field,
            )
    return text


def _all_digits(text: str) -> bool:
    return bool(text) and _ASCII_DIGITS.fullmatch(text) is not None


def national_id_check_digit(first9: str) -> int:
    """The check digit of a national ID from its first nine digits."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9)) % 11
    return total if total < 2 else 11 - total


def normalise_national_id(value: str) -> str:
    """A national ID (کد ملی): 10 digits with a valid check digit, never one digit repeated."""
    digits = _digits_only(value, "national_id")
    if not _all_digits(digits) or not 8 <= len(digits) <= 10:
        raise ValidationFailed(
            _("A national ID has 10 digits."), code="national_id_invalid", field="national_id"
        )
    digits = digits.zfill(10)
    if len(set(digits)) == 1:
        raise ValidationFailed(
            _("This national ID is not valid."), code="national_id_invalid", field="national_id"
        )
    if national_id_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationFailed(
            _("This national ID is not valid: its check digit does not match."),
            code="national_id_invalid",
            field="national_id",
        )
    return digits


def normalise_mobile(value: str) -> str:
    """An Iranian mobile in any usual form (09…, +989…, 00989…, 9…) as 09xxxxxxxxx."""
    digits = _digits_only(value, "mobile")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0098"):
        digits = digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if not (_all_digits(digits) and len(digits) == 10 and digits.startswith("9")):
        raise ValidationFailed(
            _("A mobile number looks like 09121234567."), code="mobile_invalid", field="mobile"
        )
    return "0" + digits


def normalise_postal_code(value: str) -> str:
    digits = _digits_only(value, "postal_code")
    if not (_all_digits(digits) and len(digits) == 10):
        raise ValidationFailed(
            _("A postal code has 10 digits."), code="postal_code_invalid", field="postal_code"
        )
    return digits


PLATE_LETTERS = "بپتثجدزسشصطعقلمنوهیژاالفDS"
_PLATE = re.compile(
    r"^(?P<a>\d{2})\s*(?P<letter>الف|[بپتثجدزسشصطعقلمنوهیژاDS])\s*(?P<b>\d{3})\s*"
    r"(?:ایران|IR|iran)?\s*(?P<region>\d{2})$"
)


def normalise_plate(value: str) -> str:
    """A car plate (۱۲ ب ۳۴۵ ایران ۶۷) as 12ب345-67."""
    text = clean_text(to_ascii_digits(drop_invisible(value or "")))
    text = re.sub(r"[\-_|/.,]+", " ", text).strip()
    match = _PLATE.match(text)
    if match is None:
        raise ValidationFailed(
            _("A plate looks like 12 ب 345 - 67 (two digits, a letter, three digits, region)."),
            code="plate_invalid",
            field="plate",
        )
    letter = match["letter"]
    letter = "الف" if letter == "ا" else letter
    return f"{match['a']}{letter}{match['b']}-{match['region']}"
