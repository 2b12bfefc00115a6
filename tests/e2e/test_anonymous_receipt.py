"""The anonymous tip's receipt in Chromium: every label sits beside its value, the PIN
notice included (it used to be a stray <dd> that shifted every row after it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import jdatetime
import pytest
from django.utils import timezone

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

ROWS = """() => [...document.querySelectorAll('.receipt dl dt')].map(dt => {
  const dd = dt.nextElementSibling;
  const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
  return {label: dt.textContent.trim(), tag: dd.tagName, dtTop: a.top, ddTop: b.top,
          overlapX: Math.min(a.right, b.right) - Math.max(a.left, b.left)};
})"""


def test_anonymous_receipt_keeps_labels_beside_values(
    live_server: Any, new_page: Any, shots: Path, force: Any
) -> None:
    base = live_server.url
    page = new_page()
    page.goto(f"{base}/fa/report/")
    page.select_option("#id_category", "tip_weapons")
    page.check("input[data-anon-toggle]")
    yesterday = jdatetime.date.fromgregorian(date=(timezone.localdate() - timedelta(days=1)))
    page.fill("#id_statement", "در این کوچه شب‌ها سلاح خرید و فروش می‌شود.")
    page.fill("#id_occurred_date", yesterday.strftime("%Y/%m/%d").translate(PERSIAN))
    page.keyboard.press("Escape")
    page.select_option("#id_county", "THR-C1")
    page.select_option("#id_station", "ST-101")
    page.click("form[data-once] button.primary")
    page.wait_for_selector("[data-tracking-code]")
    page.screenshot(path=str(shots / "fa-receipt-anonymous.png"), full_page=True)
    rows = page.evaluate(ROWS)
    labels = [r["label"] for r in rows]
    assert "رمز محرمانه" in labels, labels
    for row in rows:
        assert row["tag"] == "DD", row
        assert abs(row["dtTop"] - row["ddTop"]) < 4, row  # same grid row
        assert row["overlapX"] <= 0, row  # side by side, not on top of each other
