"""The one Persian text normaliser, for every stored search field and every query."""

from __future__ import annotations

import re
import unicodedata

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_ASCII = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789", _PERSIAN_DIGITS)

# Arabic code points typed on Arabic keyboards, mapped to the Persian letters they stand for.
_LETTERS_DISPLAY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_LETTERS_SEARCH = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "\u0640": None,  # tatweel
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
_SPACES = re.compile(r"[\s\u200c\u200d\u200e\u200f\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def to_ascii_digits(s: str) -> str:
    """Persian and Arabic-Indic digits to ASCII (identifiers are stored with ASCII digits)."""
    return s.translate(_TO_ASCII)


def to_persian_digits(s: str) -> str:
    """ASCII digits to Persian, for display on Persian pages."""
    return s.translate(_TO_PERSIAN)


def clean_text(s: str) -> str:
    """Text as stored for display: Persian letters, no control characters, ZWNJ kept."""
    text = s.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).translate(_LETTERS_DISPLAY)
    return text.strip()


def normalise(s: str) -> str:
    """The search key: letter and digit variants, ZWNJ, spacing and case all folded."""
    text = unicodedata.normalize("NFC", (s or "").casefold())
    text = text.translate(_LETTERS_SEARCH)
    text = _DIACRITICS.sub("", text)
    text = to_ascii_digits(text)
    text = _SPACES.sub(" ", text)
    return text.strip()
