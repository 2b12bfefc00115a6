"""An inspector drills down from the national dashboard to a station and to a breached case, in
a real browser: the charts are drawn (Chart.js, served by the app, under the CSP), right to
left, and the table under each chart holds the same numbers."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.test_citizen_to_closure import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")


def _number(text: str) -> int:
    return int(text.translate(ASCII).replace(",", ""))


def _chart_matches_table(page: Any, canvas: str, table: str) -> list[list[int]]:
    """The chart's datasets, checked against the table's columns (Persian digits read back)."""
    drawn = page.evaluate(
        """(id) => {
            const canvas = document.getElementById(id);
            const chart = window.Chart.getChart(canvas);
            const context = canvas.getContext("2d");
            const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { inked++; } }
            return {
                drawn: canvas.dataset.drawn,
                inked: inked,
                reverse: chart.options.scales.x.reverse,
                rtl: chart.options.plugins.legend.rtl,
                data: chart.data.datasets.map((d) => d.data),
            };
        }""",
        canvas,
    )
    assert drawn["drawn"] == "1" and drawn["inked"] > 500
    rtl = page.get_attribute("html", "dir") == "rtl"
    assert drawn["reverse"] is rtl and drawn["rtl"] is rtl  # Persian: right to left
    rows = page.locator(f"#{table} tbody tr").all()
    columns = [[_number(cell.inner_text()) for cell in row.locator("td").all()] for row in rows]
    by_dataset = [list(col) for col in zip(*columns, strict=True)]
    assert by_dataset == drawn["data"]
    return by_dataset


def test_inspector_drills_down_from_the_nation_to_a_breached_case(
    live_server: Any, new_page: Any, shots: Path, force: dict[str, Any]
) -> None:
    from kalantari.cases.models import Case
    from kalantari.cases.tests.factories import CaseFactory
    from kalantari.org.models import Role
    from kalantari.org.tests.factories import UserFactory

    UserFactory.create(username="nation_inspector", role=Role.INSPECTOR, unit=force["nation"])
    now = timezone.now()
    late = CaseFactory.create(station="ST-101", category="theft_pickpocket")
    CaseFactory.create(station="ST-101")
    CaseFactory.create(station="ST-102")
    Case.objects.filter(pk=late.pk).update(
        first_response_due=now - timedelta(hours=3), resolution_due=now - timedelta(hours=1)
    )

    base = live_server.url
    errors: list[str] = []
    page = new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, base, "nation_inspector")

    page.goto(f"{base}/fa/oversight/dashboard/?days=7")
    assert page.get_attribute("html", "dir") == "rtl"
    page.wait_for_selector("#chart-daily[data-drawn='1']")
    received, _closed = _chart_matches_table(page, "chart-daily", "table-daily")
    assert sum(received) == 3
    page.wait_for_selector("#chart-backlog[data-drawn='1']")
    (backlog,) = _chart_matches_table(page, "chart-backlog", "table-backlog")
    assert sum(backlog) == 3
    page.screenshot(path=str(shots / "fa-dashboard-nation.png"), full_page=True)

    # Nation -> province -> county -> station, by the drill-down tables.
    for code in ("THR", "THR-C1", "ST-101"):
        page.click(f"#table-children a[href*='/oversight/dashboard/{code}/']")
        page.wait_for_url(f"**/oversight/dashboard/{code}/**")
        page.wait_for_selector("#chart-daily[data-drawn='1']")
    received, _closed = _chart_matches_table(page, "chart-daily", "table-daily")
    assert sum(received) == 2
    page.screenshot(path=str(shots / "fa-dashboard-station.png"), full_page=True)

    # The station's breached case, and its page.
    link = page.locator(f"table[data-sla='breached'] tr[data-case='{late.pk}'] a")
    link.click()
    page.wait_for_url(f"**/desk/cases/{late.pk}/")
    page.wait_for_selector("[data-status]")

    # The comparison of every station, and the same dashboard in English (left to right).
    page.goto(f"{base}/fa/oversight/compare/?unit=IR&level=stations&indicator=rejected&days=7")
    assert page.locator("#table-compare tbody tr").count() == 3
    page.screenshot(path=str(shots / "fa-compare.png"), full_page=True)
    page.goto(f"{base}/en/oversight/dashboard/ST-101/?days=7")
    assert page.get_attribute("html", "dir") == "ltr"
    page.wait_for_selector("#chart-daily[data-drawn='1']")
    received, _closed = _chart_matches_table(page, "chart-daily", "table-daily")
    assert sum(received) == 2
    page.screenshot(path=str(shots / "en-dashboard-station.png"), full_page=True)
    assert errors == []  # no script error, nothing refused by the CSP
