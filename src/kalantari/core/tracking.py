"""Tracking codes (کد رهگیری): 60 random bits in Crockford base32 with a check symbol.

Grouped 4-4-4-1 so a citizen can read it over the phone; the check symbol catches a
mistyped or swapped symbol before any lookup.

The check is the value mod 37 (a prime above 32, so every single wrong symbol and every
swap of neighbours is caught). Its five values past 31 used to be written `* ~ $ = U`,
which nobody can read over the phone; new codes are drawn only among values whose check is
0..31 (one in eight draws is discarded, a loss of 0.2 bits), so every symbol of a new code
is in the 32-symbol alphabet, while codes already given out keep their meaning.
"""

from __future__ import annotations

import secrets

from django.utils.translation import gettext_lazy as _

from kalantari.core.errors import ValidationFailed
from kalantari.core.text import to_ascii_digits

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
DATA_SYMBOLS = 12
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def _encode(value: int) -> str:
    out = []
    for _i in range(DATA_SYMBOLS):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def check_symbol(data: str) -> str:
    value = 0
    for ch in data:
        value = value * 32 + _VALUE[ch]
    return CHECK_ALPHABET[value % 37]


def new_tracking_code() -> str:
    """A fresh code in its stored form: 13 symbols, no separators, all readable."""
    while True:
        value = secrets.randbits(5 * DATA_SYMBOLS)
        if value % 37 < len(ALPHABET):
            return tracking_code_from_bits(value)


def tracking_code_from_bits(value: int) -> str:
    """The code for 60 given bits (the demo seeds its codes; real ones come from `secrets`).

    Values whose check would fall outside the alphabet move down to the nearest one whose
    check is readable, so seeded codes are readable too.
    """
    excess = value % 37 - (len(ALPHABET) - 1)
    if excess > 0:
        value -= excess
    data = _encode(value)
    return data + check_symbol(data)


def format_tracking_code(canonical: str) -> str:
    return f"{canonical[0:4]}-{canonical[4:8]}-{canonical[8:12]}-{canonical[12:]}"


def parse_tracking_code(typed: str) -> str:
    """The stored form of a code as typed (any case, spaces, hyphens, Persian digits)."""
    text = to_ascii_digits(typed or "").upper()
    text = "".join(ch for ch in text if ch not in " -_\u200c\t\n")
    data, check = text[:DATA_SYMBOLS].translate(_ALIASES), text[DATA_SYMBOLS:]
    if (
        len(text) != DATA_SYMBOLS + 1
        or any(ch not in _VALUE for ch in data)
        or (check_symbol(data) != check.translate(_ALIASES) and check_symbol(data) != check)
    ):
        raise ValidationFailed(
            _("This tracking code is not valid; check it and type it again."),
            code="tracking_code_invalid",
            field="tracking_code",
        )
    return data + check_symbol(data)
