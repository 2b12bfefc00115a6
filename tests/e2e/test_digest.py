"""The weekly digest in a real browser: an inspector opens it in Persian (right to left,
Jalali week, Persian digits), reads the explained rule, and follows a breached case to its
page; the English page reads left to right."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import jdatetime
import pytest

from tests.e2e.test_citizen_to_closure import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_inspector_follows_a_breach_from_the_digest(
    live_server: Any, new_page: Any, shots: Path, inspector: Any
) -> None:
    from kalantari.cases.models import Case
    from kalantari.cases.tests.factories import CaseFactory
    from kalantari.core.text import to_persian_digits
    from kalantari.oversight.digest import Week

    week = Week.latest_complete()
    late = CaseFactory.create(station="ST-102")
    Case.objects.filter(pk=late.pk).update(resolution_due=week.starts_at + timedelta(days=2))
    code = late.report.tracking_code
    from kalantari.oversight.rollups import rollup_bump

    station = late.station
    for n in range(1, 9):  # eight ordinary weeks: 10 reports, 1 rejected
        rollup_bump(station.pk, week.before(n).start, received=10, rejected=1)
    rollup_bump(station.pk, week.start, received=10, rejected=6)  # then 6 of 10 rejected
    base = live_server.url
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, base, inspector.username)
    page.click("nav a[href='/fa/oversight/digest/']")
    page.wait_for_selector("#breaches")
    assert page.locator("html").get_attribute("dir") == "rtl"
    start = to_persian_digits(jdatetime.date.fromgregorian(date=week.start).strftime("%Y/%m/%d"))
    assert f"هفته از شنبه {start}" in page.locator("main").inner_text()
    stations = page.locator("#stations").inner_text()
    assert "انحراف معیار" in stations
    assert "۶۰٪" in stations and "بدتر" in stations  # 60% against a usual 5% … 15%
    page.screenshot(path=str(shots / "digest-fa.png"), full_page=True)
    page.click(f"#breaches a:text('{code}')")
    page.wait_for_selector("[data-status]")
    assert f"/fa/desk/cases/{late.pk}/" in page.url
    page.goto(f"{base}/en/oversight/digest/?week={week.before().key}")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "What is late now is shown on the latest week's digest." in page.content()
    assert errors == []
