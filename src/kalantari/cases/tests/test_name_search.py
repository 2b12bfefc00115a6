"""Name search people can trust: real spellings of one Persian name find each other, both
ways, through the desk's search (cases.selectors.case_search) and the name's blind index."""

from __future__ import annotations

from typing import Any

import pytest

from kalantari.cases.models import Case
from kalantari.cases.selectors import case_search
from kalantari.intake.models import Report

pytestmark = pytest.mark.django_db

ZWNJ = "\u200c"

# (as one person wrote it, as another did) — each must find the other.
SPELLINGS = [
    # a ZWNJ kept, dropped, or typed as a space
    (f"علی{ZWNJ}رضا", "علیرضا"),
    (f"علی{ZWNJ}رضا", "علی رضا"),
    (f"حسن{ZWNJ}زاده", "حسن زاده"),
    (f"علی{ZWNJ}زاده", "علیزاده"),
    (f"قلی{ZWNJ}زاده", "قلیزاده"),
    (f"شاه{ZWNJ}محمدی", "شاهمحمدی"),
    (f"نیک{ZWNJ}نام", "نیکنام"),
    (f"یزدان{ZWNJ}پناه", "یزدانپناه"),
    (f"هاشمی{ZWNJ}نژاد", "هاشمی نژاد"),
    (f"ملک{ZWNJ}زاده", "ملکزاده"),
    # compound first names as one word or two
    ("احمدرضا", "احمد رضا"),
    (f"احمد{ZWNJ}رضا", "احمدرضا"),
    ("محمدعلی", "محمد علی"),
    ("عبدالله", "عبد الله"),
    ("عبدالرضا", "عبد الرضا"),
    ("عبدالحسین", f"عبد{ZWNJ}الحسین"),
    ("امیرحسین", "امیر حسین"),
    (f"محمد{ZWNJ}حسین", "محمدحسین"),
    ("محمدمهدی", "محمد مهدی"),
    ("حسینعلی", "حسین علی"),
    ("غلامرضا", "غلام رضا"),
    (f"غلام{ZWNJ}حسین", "غلامحسین"),
    ("اسدالله", "اسد الله"),
    ("نصرالله", "نصر الله"),
    (f"روح{ZWNJ}الله", "روحالله"),
    ("فتح الله", "فتحالله"),
    ("سیدمحمد", "سید محمد"),
    ("ابوالفضل", "ابو الفضل"),
    ("نورالدین", "نور الدین"),
    ("مریم السادات", f"مریم{ZWNJ}السادات"),
    ("پورمحمدی", "پور محمدی"),
    # Arabic letters, final ى, teh marbuta
    ("علي", "علی"),
    ("كريمي", "کریمی"),
    ("جعفري", "جعفری"),
    ("فاطمة", "فاطمه"),
    ("مصطفى", "مصطفی"),
    ("موسى", "موسی"),
    ("عيسى", "عیسی"),
    # hamza forms
    ("مسئول", "مسیول"),
    ("رئیسی", "رییسی"),
    ("رضائی", "رضایی"),
    ("طباطبائی", "طباطبایی"),
    ("میرزائی", "میرزایی"),
    ("مؤمنی", "مومنی"),
    ("مؤذن", "موذن"),
    ("أحمدی", "احمدی"),
    ("إسماعیلی", "اسماعیلی"),
    ("آقایی", "اقائی"),
    ("علاءالدین", "علاالدین"),
    # diacritics and tatweel
    ("مُحَمَّد", "محمد"),
    ("حسـین", "حسین"),
    ("زَهرا", "زهـرا"),
    # whole names, mixed
    (f"محمد{ZWNJ}رضا كريمي", "محمدرضا کریمی"),
    ("فاطمة الزهراء رضائي", "فاطمه الزهرا رضایی"),
    ("سید علی‌اکبر موسوی", "سیدعلی اکبر موسوی"),
]


def _name(case: Case, name: str) -> None:
    report = Report.objects.get(pk=case.report_id)
    report.complainant_name = name
    report.index_identity()
    report.save(update_fields=["complainant_name", "name_index"])


def test_spellings_of_one_name_find_each_other(new_case: Case, desk_officer: Any) -> None:
    """Every pair of the table, both ways (one case, renamed: the table runs in seconds)."""
    missed = []
    for one, other in SPELLINGS:
        for stored, typed in ((one, other), (other, one)):
            _name(new_case, stored)
            kind, found = case_search(user=desk_officer, query=typed)
            if kind != "name" or list(found) != [new_case]:
                missed.append((typed, stored))
    assert missed == []


def test_the_table_is_big_enough() -> None:
    assert len(SPELLINGS) >= 40


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("احمدرضا کریمی", "محمد کریمی"), ("علی رضایی", "علیرضا"), ("مریم احمدی", "مریم احمد")],
)
def test_different_names_stay_apart(
    stored: str, typed: str, new_case: Case, desk_officer: Any
) -> None:
    _name(new_case, stored)
    assert list(case_search(user=desk_officer, query=typed)[1]) == []
