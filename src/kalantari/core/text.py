"""The one Persian text normaliser, for every stored search field and every query.

What folds, once, here (entry and search use the same functions, so they cannot drift):

- digits: every *decimal* digit of any script (ASCII, Persian, Arabic-Indic, fullwidth
  ０-９, Devanagari, …; `unicodedata.decimal`) becomes ASCII. Characters that only look
  like digits (superscripts ², circled ①) are not decimal digits: they are left alone
  here, and identifiers refuse them with a clear message (core.identifiers).
- invisible characters (zero-width space U+200B, word joiner U+2060, BOM U+FEFF, the
  bidi marks and controls U+200E/F, U+202A-E, U+2066-9, U+061C, soft hyphen) are removed:
  they come from copy-paste and change nothing a person can see.
- letters (search keys only): Arabic ي ى ئ and ك to Persian ی and ک; ة ۀ to ه; أ إ آ ٱ to
  ا; ؤ to و; ء dropped; Arabic presentation forms to their letters; tatweel and diacritics
  removed; case folded. Display text keeps the letters as typed, save ي/ى/ك.
- spacing: ZWNJ, ZWJ, tabs, newlines and runs of spaces become one space in search keys
  (a ZWNJ dropped, kept or typed as a space is the same key); display text keeps ZWNJ.

Names are also matched across how compounds are written (`name_tokens`, `name_query`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_TO_PERSIAN = str.maketrans("0123456789", _PERSIAN_DIGITS)

INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_DROP_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))

# Arabic code points typed on Arabic keyboards, mapped to the Persian letters they stand for.
_LETTERS_DISPLAY = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_LETTERS_SEARCH = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ې": "ی",
        "ك": "ک",
        "ڪ": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ء": None,
        "\u0640": None,  # tatweel
    }
)
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACES = re.compile(r"[\s\u200c\u200d\u00a0]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _decimal(ch: str) -> str:
    value = unicodedata.decimal(ch, None)
    return ch if value is None else str(value)


def to_ascii_digits(s: str) -> str:
    """Decimal digits of any script (Persian, Arabic-Indic, fullwidth, …) to ASCII."""
    if s.isascii():
        return s
    return "".join(_decimal(ch) if not ch.isascii() else ch for ch in s)


def drop_invisible(s: str) -> str:
    """Remove zero-width and bidi control characters (they come with copy-paste)."""
    return s.translate(_DROP_INVISIBLE)


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
    text = drop_invisible(s or "")
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    text = unicodedata.normalize("NFC", text.casefold())
    text = text.translate(_LETTERS_SEARCH)
    text = _DIACRITICS.sub("", text)
    text = to_ascii_digits(text)
    text = _SPACES.sub(" ", text)
    return text.strip()


# -- names: compounds written as one word, two words, or with a ZWNJ ----------------------
#
# Persian names are often compounds (احمدرضا, محمدعلی, عبدالله, غلامحسین, حسن‌زاده) and
# the same person's name reaches us written as one word, as two words, or with a ZWNJ
# (which `normalise` turns into a space). The name's blind index therefore holds, for the
# normalised words w1 … wn:
#
#   1. every word wi;
#   2. every adjacent pair joined, wi+wi+1 — so "احمد رضا" also holds "احمدرضا";
#   3. for a word that is a known compound (a first part from COMPOUND_HEADS followed by
#      a second part from COMPOUND_TAILS, e.g. احمد+رضا, عبد+الله), its two parts — so
#      "احمدرضا" also holds "احمد" and "رضا", as "احمد رضا" does.
#
# A query word qi then matches if the record holds qi itself, or the pair it forms with
# the word before or after it (qi-1+qi, qi+qi+1): "احمد رضا" finds "احمدرضا" (both words
# are inside the pair), "احمدرضا" finds "احمد رضا" (rule 2). Every query word must match
# (AND); its alternatives are ORed. Pairs, not longer runs: three-part compounds written
# as one word are rare, and each extra rule makes more names collide.

COMPOUND_HEADS = frozenset(
    [
        "محمد",
        "احمد",
        "علی",
        "حسین",
        "حسن",
        "امیر",
        "غلام",
        "عبد",
        "سید",
        "میر",
        "ابو",
        "امام",
        "فتح",
        "نصر",
        "اسد",
        "روح",
        "ذبیح",
        "حبیب",
        "سیف",
        "عزیز",
        "نور",
        "شاه",
        "ولی",
        "خلیل",
        "جلال",
        "کمال",
        "جمال",
        "فضل",
        "لطف",
        "عین",
    ]
)
COMPOUND_TAILS = frozenset(
    [
        "رضا",
        "علی",
        "حسین",
        "حسن",
        "مهدی",
        "جواد",
        "صادق",
        "باقر",
        "کاظم",
        "تقی",
        "نقی",
        "هادی",
        "محمد",
        "امین",
        "الله",
        "اله",
        "الدین",
        "الفضل",
        "القاسم",
        "الحسن",
        "الحسین",
        "الرضا",
        "الزمان",
        "زاده",
        "پور",
    ]
)
MAX_QUERY_WORDS = 8


def _split_compound(word: str) -> tuple[str, str] | None:
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if head in COMPOUND_HEADS and tail in COMPOUND_TAILS:
            return head, tail
    return None


def name_tokens(key: str) -> set[str]:
    """What a name's blind index holds, from its normalised key (see the rules above)."""
    words = key.split()
    tokens = set(words)
    tokens.update(a + b for a, b in itertools.pairwise(words))
    for word in words:
        parts = _split_compound(word)
        if parts:
            tokens.update(parts)
    return tokens


def name_query(key: str) -> list[set[str]]:
    """For each word of a normalised query, the tokens any one of which it may match."""
    words = key.split()
    groups = []
    for i, word in enumerate(words):
        alternatives = {word}
        if i > 0:
            alternatives.add(words[i - 1] + word)
        if i + 1 < len(words):
            alternatives.add(word + words[i + 1])
        groups.append(alternatives)
    return groups
