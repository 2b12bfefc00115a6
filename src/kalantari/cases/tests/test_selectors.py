"""Queue scoping and search: only one's own unit, and letter/digit variants fold."""

from __future__ import annotations

from typing import Any

import pytest

from kalantari.cases.models import Case
from kalantari.cases.selectors import CaseFilters, case_list_visible_to, case_search, sla_state
from kalantari.cases.services import case_transition
from kalantari.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def test_queue_is_scoped_to_the_unit_and_below(
    new_case: Case, desk_officer: Any, other_station_officer: Any, inspector: Any, commander: Any
) -> None:
    assert list(case_list_visible_to(user=desk_officer)) == [new_case]
    assert list(case_list_visible_to(user=commander)) == [new_case]
    assert list(case_list_visible_to(user=inspector)) == [new_case]  # province above
    assert list(case_list_visible_to(user=other_station_officer)) == []


def test_investigator_sees_only_assigned_cases(
    new_case: Case, investigator: Any, desk_officer: Any
) -> None:
    assert list(case_list_visible_to(user=investigator)) == []
    case_transition(
        actor=desk_officer,
        case_id=new_case.pk,
        action="assign",
        expected_version=new_case.version,
        assignee_id=investigator.pk,
    )
    assert list(case_list_visible_to(user=investigator)) == [new_case]


def test_filters(new_case: Case, desk_officer: Any) -> None:
    def count(**kw: Any) -> int:
        return case_list_visible_to(user=desk_officer, filters=CaseFilters(**kw)).count()

    assert count(status="open") == 1
    assert count(status="closed") == 0
    assert count(category="theft_pickpocket") == 1 and count(category="fraud") == 0
    assert count(assignee="none") == 1 and count(assignee="me") == 0
    assert count(sla=sla_state(new_case)) == 1
    assert count(unread=True) == 0


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("مريم احمدي", "name"),  # Arabic ي finds Persian ی
        ("احمدی", "name"),
        ("۰۴۹۹۳۷۰۸۹۹", "national_id"),  # Persian digits
        ("٠٩١٢١٢٣٤٥٦٧", "mobile"),  # Arabic-Indic digits
        ("+98 912 123 4567", "mobile"),
    ],
)
def test_search_folds_variants(new_case: Case, desk_officer: Any, query: str, kind: str) -> None:
    matched_as, qs = case_search(user=desk_officer, query=query)
    assert matched_as == kind
    assert list(qs) == [new_case]


def test_search_by_tracking_code_any_case_and_grouping(new_case: Case, desk_officer: Any) -> None:
    code = new_case.report.tracking_code
    typed = f"{code[:4].lower()} {code[4:8]}-{code[8:]}"
    matched_as, qs = case_search(user=desk_officer, query=typed)
    assert matched_as == "tracking_code" and list(qs) == [new_case]


def test_search_never_crosses_units(new_case: Case, other_station_officer: Any) -> None:
    _kind, qs = case_search(user=other_station_officer, query="0499370899")
    assert list(qs) == []


def test_empty_search_is_refused(desk_officer: Any) -> None:
    with pytest.raises(ValidationFailed):
        case_search(user=desk_officer, query="  ")
