"""The comparison page: counts ranked per 1,000 reports, rates and times as they are, a small
base flagged and not ranked; worked out by hand on hand-made figures."""

from __future__ import annotations

import csv
import io
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.org.models import OrgUnit, Role
from kalantari.org.tests.factories import OrgUnitFactory, UserFactory, sign_in
from kalantari.oversight import dashboards as d
from kalantari.oversight.indicators import Indicators, unit_indicators

CONTRACT_FIELDS = (
    "received",
    "resolved",
    "closed",
    "rejected",
    "referred",
    "reopened",
    "first_responses",
    "first_response_in_sla",
    "first_response_p50_minutes",
    "first_response_p90_minutes",
    "resolutions_in_sla",
    "resolution_p50_hours",
    "resolution_p90_hours",
    "ratings",
    "rating_mean",
    "complaints",
    "closed_complete",
)
TIMES = {
    "first_response_p50_minutes",
    "first_response_p90_minutes",
    "resolution_p50_hours",
    "resolution_p90_hours",
    "rating_mean",
}


def token_for(user: Any) -> str:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return out.getvalue().strip()


def made(**values: Any) -> Indicators:
    """Indicators with the given figures, every other one zero (or None for times)."""
    fields: dict[str, Any] = {f: (None if f in TIMES else 0) for f in CONTRACT_FIELDS}
    fields.update(values)
    return Indicators(**fields)


class Unit:
    """Stands in for an OrgUnit in the pure ranking (it reads only `code`)."""

    def __init__(self, code: str) -> None:
        self.code = code


def rows(**units: Indicators) -> list[d.UnitRow]:
    return [d.UnitRow(Unit(code), ind) for code, ind in units.items()]  # type: ignore[arg-type]


def test_counts_are_ranked_per_1000_reports_lower_first() -> None:
    # A city station: 1,000 reports, 10 rejected -> 10 per 1,000.
    # An outpost: 50 reports, 2 rejected -> 40 per 1,000 (fewer rejections, worse rate).
    # A tiny post: 10 reports, none rejected -> would be "best", but its base is too small.
    ranked = d.rank(
        d.METRIC_BY_KEY["rejected"],
        rows(
            CITY=made(received=1000, rejected=10),
            OUT=made(received=50, rejected=2),
            TINY=made(received=10, rejected=0),
        ),
    )
    assert [(r.unit.code, r.rank, r.raw, r.value) for r in ranked] == [
        ("CITY", 1, 10, 10.0),
        ("OUT", 2, 2, 40.0),
        ("TINY", None, 0, 0.0),
    ]
    assert ranked[2].too_few and not ranked[0].too_few


def test_complaints_and_breaches_per_1000() -> None:
    ind = made(received=400, complaints=3, first_responses=300, first_response_in_sla=270)
    assert d.compared_value(d.METRIC_BY_KEY["complaints"], ind) == pytest.approx(7.5)
    # 30 late first responses in 400 reports: 75 per 1,000.
    assert d.compared_value(d.METRIC_BY_KEY["first_response_breaches"], ind) == pytest.approx(75)


def test_rates_and_times_are_compared_as_they_are_higher_better_first() -> None:
    ranked = d.rank(
        d.METRIC_BY_KEY["resolution_compliance"],
        rows(
            A=made(received=100, resolved=80, resolutions_in_sla=60),  # 0.75
            B=made(received=30, resolved=20, resolutions_in_sla=18),  # 0.90
            C=made(received=500, resolved=0),  # nothing resolved: nothing to measure
        ),
    )
    assert [(r.unit.code, r.rank, r.value) for r in ranked] == [
        ("B", 1, pytest.approx(0.9)),
        ("A", 2, pytest.approx(0.75)),
        ("C", None, None),
    ]
    times = d.rank(
        d.METRIC_BY_KEY["resolution_p90_hours"],
        rows(
            A=made(received=100, resolution_p90_hours=30.0),
            B=made(received=100, resolution_p90_hours=12.5),
            C=made(received=100, resolution_p90_hours=12.5),
        ),
    )
    # Shorter is better; ties share a rank.
    assert [(r.unit.code, r.rank, r.value) for r in times] == [
        ("B", 1, 12.5),
        ("C", 1, 12.5),
        ("A", 3, 30.0),
    ]


@pytest.mark.django_db
def test_the_page_explains_flags_a_small_base_and_downloads_csv(
    force: dict[str, OrgUnit], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two reports is "enough" here so that a handful of cases can show a ranked unit.
    monkeypatch.setattr(d, "MIN_REPORTS_TO_RANK", 2)
    commander = UserFactory.create(username="c1", role=Role.COMMANDER, unit=force["station"])
    inspector = UserFactory.create(username="i1", role=Role.INSPECTOR, unit=force["province"])
    first = CaseFactory.create(station="ST-101")
    CaseFactory.create(station="ST-101")
    CaseFactory.create(station="ST-101")
    CaseFactory.create(station="ST-102")
    CaseFactory.create(station="OP-201")
    advance(first, commander, "reject")
    client = sign_in(Client(), inspector)
    url = "/en/oversight/compare/?unit=THR&indicator=rejected&level=stations&days=7"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "per 1,000 reports received" in html and "is listed but not ranked" in html
    table = [
        (r.unit.code, r.rank, r.received, shown) for r, shown, _raw in response.context["ranked"]
    ]
    # ST-101: 1 rejection in 3 reports = 333.3 per 1,000; ST-102 and OP-201: 0 of 1, unranked.
    assert table == [
        ("ST-101", 1, 3, "333.3"),
        ("OP-201", None, 1, "0.0"),
        ("ST-102", None, 1, "0.0"),
    ]
    assert html.count("too few reports") == 2
    # One grouped query gives each station the same figures as its own dashboard.
    period = d.period_of(7)
    for row in d.front_line_rows(force["nation"], period):
        assert row.indicators == unit_indicators(row.unit, period), row.unit.code
    children = client.get("/en/oversight/compare/?unit=THR&indicator=rejected&days=7")
    assert [r.unit.code for r, *_ in children.context["ranked"]] == ["THR-C1", "THR-C2"]
    fa = client.get(url.replace("/en/", "/fa/")).content.decode()
    assert "۳۳۳٫۳" in fa and 'dir="rtl"' in fa
    text = client.get(url + "&format=csv").content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows_ = list(csv.reader(io.StringIO(text[1:])))
    assert rows_[0][-2] == "Rejections per 1,000 reports"
    assert rows_[1][:6] == ["1", "ST-101", "Tajrish Station 101", "3", "1", "333.3333"]
    assert rows_[2][0] == "" and rows_[2][-1] == "no: too few reports"


@pytest.mark.django_db
def test_api_compare(force: dict[str, OrgUnit]) -> None:
    inspector = UserFactory.create(username="i2", role=Role.INSPECTOR, unit=force["province"])
    OrgUnitFactory.create(code="ST-103", parent=force["county"])
    CaseFactory.create(station="ST-101")
    headers = {"Authorization": f"Bearer {token_for(inspector)}", "Accept-Language": "en"}
    body = (
        Client()
        .get("/api/v1/oversight/units/THR-C1/compare?indicator=complaints&days=30", headers=headers)
        .json()
    )
    assert body["indicator"] == "complaints" and body["normalised_per_1000"] is True
    assert body["higher_is_better"] is False
    assert [(u["unit"]["code"], u["received"], u["rank"]) for u in body["units"]] == [
        ("ST-101", 1, None),
        ("ST-102", 0, None),
        ("ST-103", 0, None),
    ]
    bad = Client().get("/api/v1/oversight/units/THR-C1/compare?indicator=received", headers=headers)
    assert bad.status_code == 422 and json.loads(bad.content)["field"] == "indicator"
