"""The Persian normaliser: what it folds, and that it is stable (property tests)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kalantari.core.text import clean_text, normalise, to_ascii_digits, to_persian_digits

PERSIAN_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةۀأإؤ ‌ـًٌٍَُِّ0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩abcXYZ\t\n")
    ),
    max_size=60,
)


def test_arabic_letters_fold_to_persian() -> None:
    assert normalise("علي كريمي") == normalise("علی کریمی") == "علی کریمی"
    assert normalise("فاطمة") == normalise("فاطمه")
    assert normalise("أحمد") == normalise("احمد")


def test_digits_zwnj_tatweel_and_spacing_fold() -> None:
    assert normalise("۰۹۱۲ ١٢٣") == "0912 123"
    assert normalise("می‌روم") == normalise("می روم")
    assert normalise("حسـين   رضايي") == "حسین رضایی"
    assert normalise("  Sara  REZAEI ") == "sara rezaei"


def test_diacritics_are_dropped() -> None:
    assert normalise("مُحَمَّد") == "محمد"


def test_clean_text_keeps_zwnj_and_drops_control_characters() -> None:
    assert clean_text("می‌روم\x00\x07 ") == "می‌روم"
    assert clean_text("يك\r\nدو") == "یک\nدو"


@given(PERSIAN_TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(PERSIAN_TEXT)
def test_normalised_text_has_no_variants_left(text: str) -> None:
    out = normalise(text)
    assert not set(out) & set("يكىةۀأإؤـ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩\u200c\t\n")
    assert out == out.strip() and "  " not in out


@given(PERSIAN_TEXT)
def test_variants_of_one_text_share_a_key(text: str) -> None:
    arabic = text.replace("ی", "ي").replace("ک", "ك")
    assert normalise(arabic) == normalise(text)
    assert normalise(to_persian_digits(text)) == normalise(to_ascii_digits(text))


@given(st.integers(min_value=0, max_value=10**12))
def test_digit_round_trip(n: int) -> None:
    assert to_ascii_digits(to_persian_digits(str(n))) == str(n)
