"""Dashboards at every level and in both languages, who sees which, the drill-down to a
station's late cases, CSV downloads, and the staff API."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

import jdatetime
import pytest
from django.test import Client
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory
from kalantari.core import jalali
from kalantari.core.jalali import JALALI_MONTHS
from kalantari.core.text import to_persian_digits
from kalantari.org.models import OrgUnit, Role, UnitKind
from kalantari.org.tests.factories import OrgUnitFactory, UserFactory, sign_in
from kalantari.oversight.csvexport import BOM, safe_cell
from kalantari.oversight.tests.test_compare import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(force: dict[str, OrgUnit]) -> dict[str, Any]:
    """Three reports at ST-101 (one late, one at risk), one at ST-102, a second province with
    its own inspector, and one account per role that matters here."""
    other_province = OrgUnitFactory.create(
        code="KHR",
        kind=UnitKind.PROVINCE,
        parent=force["nation"],
        name_fa="خراسان",
        name_en="Khorasan",
    )
    staff = {
        "nation_inspector": UserFactory.create(
            username="nat", role=Role.INSPECTOR, unit=force["nation"]
        ),
        "inspector": UserFactory.create(
            username="insp", role=Role.INSPECTOR, unit=force["province"]
        ),
        "other_inspector": UserFactory.create(
            username="khr", role=Role.INSPECTOR, unit=other_province
        ),
        "commander": UserFactory.create(username="cmd", role=Role.COMMANDER, unit=force["station"]),
        "desk": UserFactory.create(username="desk1", role=Role.DESK_OFFICER, unit=force["station"]),
        "planner": UserFactory.create(username="plan", role=Role.PLANNER, unit=force["province"]),
    }
    now = timezone.now()
    late = CaseFactory.create(station="ST-101")
    risky = CaseFactory.create(station="ST-101")
    calm = CaseFactory.create(station="ST-101")
    CaseFactory.create(station="ST-102")
    Case.objects.filter(pk=calm.pk).update(
        first_response_due=now + timedelta(days=2), resolution_due=now + timedelta(days=9)
    )
    Case.objects.filter(pk=late.pk).update(
        first_response_due=now - timedelta(hours=2), resolution_due=now - timedelta(hours=1)
    )
    Case.objects.filter(pk=risky.pk).update(
        first_response_due=now + timedelta(hours=2), resolution_due=now + timedelta(hours=5)
    )
    return {"force": force, "staff": staff, "late": late, "risky": risky, "khr": other_province}


def page(user: Any, url: str) -> Any:
    return sign_in(Client(), user).get(url)


@pytest.mark.parametrize(
    ("who", "code", "kind"),
    [
        ("nation_inspector", "IR", "nation"),
        ("inspector", "THR", "province"),
        ("inspector", "THR-C1", "county"),
        ("inspector", "ST-101", "station"),
        ("commander", "ST-101", "station"),
    ],
)
def test_every_level_in_persian_is_right_to_left_jalali_with_persian_digits(
    world: dict[str, Any], who: str, code: str, kind: str
) -> None:
    response = page(world["staff"][who], f"/fa/oversight/dashboard/{code}/?days=7")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert response.context["unit"].kind == kind
    today = jalali.format_date(timezone.localdate(), "fa")
    assert today in html  # the period ends today, in Jalali with Persian digits
    data = json.loads(html.split('id="dashboard-data" type="application/json">')[1].split("<")[0])
    assert data["rtl"] is True and len(data["daily"]["labels"]) == 7
    j = jdatetime.date.fromgregorian(date=timezone.localdate())
    assert (
        data["daily"]["labels"][-1]
        == f"{to_persian_digits(str(j.day))} {JALALI_MONTHS[j.month - 1]}"
    )
    received = 4 if kind in ("nation", "province", "county") else 3
    assert sum(data["daily"]["received"]) == received
    assert f'<strong class="figure-value">{"۴" if received == 4 else "۳"}</strong>' in html
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in html
    assert "<script>" not in html  # no inline script (CSP): data travels in json_script


@pytest.mark.parametrize("code", ["IR", "THR", "THR-C1", "ST-101"])
def test_every_level_in_english_is_left_to_right_gregorian_with_ascii_digits(
    world: dict[str, Any], code: str
) -> None:
    response = page(world["staff"]["nation_inspector"], f"/en/oversight/dashboard/{code}/?days=7")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="ltr"' in html and timezone.localdate().isoformat() in html
    received = 3 if code == "ST-101" else 4
    assert f'<strong class="figure-value">{received}</strong>' in html
    assert not any(ch in html for ch in "۰۱۲۳۴۵۶۷۸۹")  # no Persian digits in English


def test_english_is_left_to_right_and_gregorian(world: dict[str, Any]) -> None:
    response = page(world["staff"]["inspector"], "/en/oversight/dashboard/THR/?days=30")
    html = response.content.decode()
    assert 'dir="ltr"' in html
    assert timezone.localdate().isoformat() in html
    labels = response.context["chart_data"]["daily"]["labels"]
    today = timezone.localdate()
    assert labels[-1] == f"{today.day} {today.strftime('%b')}"
    assert response.context["chart_data"]["rtl"] is False


def test_the_own_dashboard_is_the_users_unit(world: dict[str, Any]) -> None:
    assert page(world["staff"]["commander"], "/en/oversight/dashboard/").context["unit"].code == (
        "ST-101"
    )
    assert page(world["staff"]["inspector"], "/en/oversight/dashboard/").context["unit"].code == (
        "THR"
    )


def test_scope_another_province_is_404_and_roles_without_dashboards_403(
    world: dict[str, Any],
) -> None:
    staff = world["staff"]
    assert page(staff["other_inspector"], "/en/oversight/dashboard/THR/").status_code == 404
    assert page(staff["other_inspector"], "/en/oversight/dashboard/ST-101/").status_code == 404
    assert page(staff["other_inspector"], "/en/oversight/dashboard/NOPE/").status_code == 404
    assert page(staff["commander"], "/en/oversight/dashboard/ST-102/").status_code == 404
    assert page(staff["commander"], "/en/oversight/dashboard/THR-C1/").status_code == 404
    assert page(staff["desk"], "/en/oversight/dashboard/").status_code == 403
    assert page(staff["planner"], "/en/oversight/dashboard/THR/").status_code == 403
    assert page(staff["other_inspector"], "/en/oversight/compare/?unit=THR").status_code == 404
    assert Client().get("/en/oversight/dashboard/").status_code == 302  # sign in first


def test_drill_down_from_the_nation_to_a_station_and_its_late_cases(world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["staff"]["nation_inspector"])
    html = client.get("/en/oversight/dashboard/").content.decode()
    assert 'href="/en/oversight/dashboard/THR/?days=30"' in html
    html = client.get("/en/oversight/dashboard/THR/").content.decode()
    assert 'href="/en/oversight/dashboard/THR-C1/?days=30"' in html
    html = client.get("/en/oversight/dashboard/THR-C1/").content.decode()
    assert 'href="/en/oversight/dashboard/ST-101/?days=30"' in html
    response = client.get("/en/oversight/dashboard/ST-101/")
    assert [c.pk for c in response.context["breached"]] == [world["late"].pk]
    assert [c.pk for c in response.context["at_risk"]] == [world["risky"].pk]
    html = response.content.decode()
    assert f'href="/en/desk/cases/{world["late"].pk}/"' in html
    assert 'href="/en/oversight/sla/?station=ST-101&amp;state=breached"' in html
    # Up the tree again, no further than the user's own unit.
    crumbs = [u.code for u in response.context["crumbs"]]
    assert crumbs == ["IR", "THR", "THR-C1", "ST-101"]
    commander = page(world["staff"]["commander"], "/en/oversight/dashboard/")
    assert [u.code for u in commander.context["crumbs"]] == ["ST-101"]


def test_the_period_selector_takes_7_30_90_365_days_only(world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["staff"]["inspector"])
    for days in (7, 30, 90, 365):
        response = client.get(f"/en/oversight/dashboard/THR/?days={days}")
        assert response.context["days"] == days
        assert len(response.context["points"]) == days
    assert client.get("/en/oversight/dashboard/THR/?days=1000").context["days"] == 30
    assert client.get("/en/oversight/dashboard/THR/?days=x").context["days"] == 30


def _csv(response: Any) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_of_each_table_is_utf8_with_bom_and_persian(world: dict[str, Any]) -> None:
    client = sign_in(Client(), world["staff"]["inspector"])
    response = client.get("/fa/oversight/dashboard/THR-C1/?days=7&format=csv")
    start = (timezone.localdate() - timedelta(days=6)).isoformat()
    name = f"THR-C1-indicators-{start}-{timezone.localdate().isoformat()}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    rows = _csv(response)
    assert rows[0] == ["یگان", "شاخص", "مقدار"]
    assert ["شمیرانات", "گزارش‌های دریافتی", "4"] in rows
    daily = _csv(client.get("/fa/oversight/dashboard/THR-C1/?days=7&format=csv&table=daily"))
    assert len(daily) == 8 and daily[-1][0] == timezone.localdate().isoformat()
    assert daily[-1][1] == jalali.format_date(timezone.localdate(), "fa")
    assert sum(int(r[2]) for r in daily[1:]) == 4
    children = _csv(client.get("/en/oversight/dashboard/THR-C1/?format=csv&table=children"))
    assert [r[0] for r in children[1:]] == ["ST-101", "ST-102"]
    assert [r[2] for r in children[1:]] == ["3", "1"]
    backlog = _csv(client.get("/en/oversight/dashboard/ST-101/?format=csv&table=backlog"))
    assert sum(int(r[1]) for r in backlog[1:]) == 3


def test_csv_cells_that_would_be_formulas_are_made_text(world: dict[str, Any]) -> None:
    OrgUnitFactory.create(
        code="ST-666",
        parent=world["force"]["county"],
        name_fa='=HYPERLINK("http://evil")',
        name_en="+cmd|' /C calc'!A0",
    )
    client = sign_in(Client(), world["staff"]["inspector"])
    rows = _csv(client.get("/en/oversight/dashboard/THR-C1/?format=csv&table=children"))
    assert rows[-1][:2] == ["ST-666", "'+cmd|' /C calc'!A0"]
    rows = _csv(client.get("/fa/oversight/dashboard/THR-C1/?format=csv&table=children"))
    assert rows[-1][1] == '\'=HYPERLINK("http://evil")'
    assert [safe_cell(v) for v in ("-1", "@x", "\tx", "ok", -1, 2.5, None)] == [
        "'-1",
        "'@x",
        "'\tx",
        "ok",
        -1,
        2.5,
        "",
    ]


def test_api_dashboard_children_and_scope(world: dict[str, Any]) -> None:
    def get(user: Any, url: str) -> Any:
        return Client().get(
            url, headers={"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"}
        )

    staff = world["staff"]
    body = get(staff["inspector"], "/api/v1/oversight/units/THR-C1/dashboard?days=7").json()
    assert body["unit"]["code"] == "THR-C1"
    assert body["period"]["end"] == timezone.localdate().isoformat()
    values = {i["key"]: i["value"] for i in body["indicators"]}
    assert values["received"] == 4
    assert len(body["daily"]) == 7 and sum(d["received"] for d in body["daily"]) == 4
    assert sum(b["count"] for b in body["backlog"]) == 4
    children = get(staff["inspector"], "/api/v1/oversight/units/THR-C1/children?days=7").json()
    assert [c["unit"]["code"] for c in children["children"]] == ["ST-101", "ST-102"]
    missing = get(staff["other_inspector"], "/api/v1/oversight/units/THR/dashboard")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert get(staff["desk"], "/api/v1/oversight/units/ST-101/dashboard").status_code == 403
    assert get(staff["inspector"], "/api/v1/oversight/units/THR/dashboard?days=8").status_code == (
        422
    )
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/oversight/units/{code}/compare" in schema["paths"]
