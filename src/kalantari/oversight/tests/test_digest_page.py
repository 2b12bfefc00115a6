"""The digest page: staff-only, scoped, in Persian (Jalali, Persian digits, RTL) and English."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jdatetime
import pytest
from django.test import Client
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory
from kalantari.core.text import to_persian_digits
from kalantari.org.models import Role
from kalantari.org.tests.factories import UserFactory, sign_in
from kalantari.oversight.digest import Week

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_cases(force: Any) -> dict[str, Case]:
    week = Week.latest_complete()
    due = week.starts_at + timedelta(days=1)
    cases = {}
    for station in ("ST-101", "ST-102"):
        case = CaseFactory.create(station=station)
        Case.objects.filter(pk=case.pk).update(resolution_due=due)
        cases[station] = case
    return cases


def test_commander_page_in_english(
    client: Client, commander: Any, late_cases: dict[str, Case]
) -> None:
    sign_in(client, commander)
    r = client.get("/en/oversight/digest/")
    assert r.status_code == 200
    html = r.content.decode()
    week = Week.latest_complete()
    assert "Weekly early-warning digest" in html
    assert f"week from Saturday {week.start.isoformat()} to Friday {week.end.isoformat()}" in html
    assert f"/en/desk/cases/{late_cases['ST-101'].pk}/" in html
    assert str(late_cases["ST-102"].pk) not in html  # the sibling station is not theirs
    assert "How a station is picked out" in html
    assert "previous 8 weeks" in html
    assert "complaints in 90 days" not in html  # not a commander's section
    assert 'dir="ltr"' in html


def test_inspector_page_in_persian(
    client: Client, inspector: Any, late_cases: dict[str, Case]
) -> None:
    sign_in(client, inspector)
    r = client.get("/fa/oversight/digest/")
    assert r.status_code == 200
    html = r.content.decode()
    week = Week.latest_complete()
    jalali_start = to_persian_digits(
        jdatetime.date.fromgregorian(date=week.start).strftime("%Y/%m/%d")
    )
    assert "خلاصه هفتگی هشدار زودهنگام" in html
    assert f"هفته از شنبه {jalali_start}" in html
    assert 'dir="rtl"' in html
    for case in late_cases.values():
        assert str(case.pk) in html
    assert "باز و از مهلت گذشته در این لحظه: ۲" in html
    assert "شکایت یا بیشتر در ۹۰ روز" in html


def test_a_past_week(client: Client, inspector: Any, late_cases: dict[str, Case]) -> None:
    sign_in(client, inspector)
    earlier = Week.latest_complete().before(2)
    # Any day of the week chooses it; a week not yet over falls back to the latest.
    r = client.get(f"/en/oversight/digest/?week={(earlier.start + timedelta(days=3)).isoformat()}")
    html = r.content.decode()
    assert f'<option value="{earlier.key}" selected>' in html
    assert "What is late now is shown on the latest week" in html
    today = timezone.localdate().isoformat()
    r = client.get(f"/en/oversight/digest/?week={today}")
    assert f'<option value="{Week.latest_complete().key}" selected>' in r.content.decode()
    assert client.get("/en/oversight/digest/?week=nonsense").status_code == 200


def test_who_may_open_it(client: Client, desk_officer: Any, force: Any) -> None:
    assert client.get("/en/oversight/digest/").status_code == 302  # not signed in
    sign_in(client, desk_officer)
    assert client.get("/en/oversight/digest/").status_code == 403


@pytest.mark.parametrize(
    ("role", "unit", "status"),
    [
        (Role.DESK_OFFICER, "station", 403),
        (Role.INVESTIGATOR, "station", 403),
        (Role.COMMANDER, "station", 200),
        (Role.INSPECTOR, "county", 200),
        (Role.PLANNER, "county", 403),
        (Role.PRIVACY_OFFICER, "province", 403),
        (Role.ADMIN, "nation", 403),
    ],
)
def test_every_role(client: Client, force: Any, role: str, unit: str, status: int) -> None:
    user = UserFactory.create(username=f"r-{role}", role=role, unit=force[unit])
    sign_in(client, user)
    assert client.get("/fa/oversight/digest/").status_code == status
    nav = client.get("/fa/desk/" if status == 200 else "/fa/").content.decode()
    assert ('href="/fa/oversight/digest/"' in nav) == (status == 200)
