"""Disclosure deferrals in a real browser, in Persian: the commander defers disclosure from
the case page, the inspector lifts it; both pages fit a phone and raise no errors."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from kalantari.audit.models import DisclosureDeferral
from kalantari.core import jalali
from kalantari.core.text import to_persian_digits
from tests.e2e.test_newcomer import _watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    page.set_viewport_size({"width": 1280, "height": 900})


def test_commander_defers_and_inspector_lifts_in_persian(
    live_server: Any, new_page: Any, new_case: Any, commander: Any, inspector: Any
) -> None:
    from tests.e2e.test_citizen_to_closure import sign_in

    base = live_server.url
    desk = new_page("fa-IR")
    errors = _watch(desk)
    sign_in(desk, base, "commander")
    desk.goto(f"{base}/fa/desk/cases/{new_case.pk}/")
    desk.click(f"a[href$='/desk/cases/{new_case.pk}/deferrals/']")
    desk.wait_for_selector("#id_reason")
    assert desk.get_attribute("html", "dir") == "rtl"
    # Too far ahead: refused beside the field, what was typed kept.
    far = jalali.format_date(timezone.localdate() + timedelta(days=120), "fa")
    desk.fill("#id_reason", "مظنون از تحقیق آگاه نیست و مدارک را از بین می‌برد.")
    desk.fill("#id_until", to_persian_digits(far))
    desk.click("form button.primary")
    desk.wait_for_selector("#id_until[aria-invalid=true]")
    assert "۹۰" in desk.inner_text("main form")  # the limit, in Persian digits
    assert "مدارک را از بین" in desk.input_value("#id_reason")
    soon = jalali.format_date(timezone.localdate() + timedelta(days=30), "fa")
    desk.fill("#id_until", to_persian_digits(soon))
    desk.click("form button.primary")
    desk.wait_for_selector("table.cases tbody tr")
    assert "در انتظار بررسی بازرس" in desk.inner_text("table.cases")
    _fits_a_phone(desk)
    assert DisclosureDeferral.objects.get().review == "pending"

    review = new_page("fa-IR")
    errors += _watch(review)
    sign_in(review, base, "inspector")
    review.goto(f"{base}/fa/oversight/deferrals/")
    row = review.locator("table.cases tbody tr").first
    assert new_case.report.tracking_code in row.inner_text()
    _fits_a_phone(review)
    row.locator("input[name=note]").fill("سرقت ساده است؛ دلیلی برای پنهان کردن نیست.")
    row.locator("button[value=lift]").click()
    review.wait_for_load_state("load")
    assert "تعویق فعالی نیست" in review.inner_text("main")
    deferral = DisclosureDeferral.objects.get()
    assert deferral.review == "lifted" and deferral.ended_at is not None
    # The refused form answers 422 on purpose; nothing else may go wrong.
    assert [e for e in errors if "422" not in e] == [], errors
