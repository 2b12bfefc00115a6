"""A commander in Chromium (Persian): the breach list, most overdue first, leads to the case;
"wait for the citizen" stops its clock and takes it off the list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.test_citizen_to_closure import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_commander_opens_a_breached_case_and_waits_for_the_citizen(
    live_server: Any, new_page: Any, shots: Path, commander: Any
) -> None:
    from kalantari.cases.models import Case
    from kalantari.cases.tests.factories import CaseFactory

    now = timezone.now()
    late = CaseFactory.create()
    later = CaseFactory.create()
    Case.objects.filter(pk=late.pk).update(
        resolution_due=now - timedelta(hours=30), first_responded_at=now - timedelta(days=2)
    )
    Case.objects.filter(pk=later.pk).update(
        resolution_due=now - timedelta(hours=2), first_responded_at=now - timedelta(days=2)
    )
    base = live_server.url
    page = new_page()
    sign_in(page, base, commander.username)
    page.goto(f"{base}/fa/oversight/sla/")
    rows = page.locator("table.cases tbody tr[data-case]")
    assert rows.count() == 2
    assert rows.nth(0).get_attribute("data-case") == str(late.pk)  # most overdue first
    text = rows.nth(0).inner_text()
    assert "تأخیر" in text and "۱ روز و ۶ ساعت" in text  # Persian words and digits
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(shots / "sla-breaches.png"), full_page=True)

    rows.nth(0).locator("a.code").click()
    page.wait_for_selector('[data-sla="breached"]')
    page.click('summary[data-action="pause"]')
    form = page.locator('form:has(input[name=action][value="pause"])')
    form.locator("textarea[name=reason]").fill("لطفاً رسید خرید را بیاورید")
    form.locator("button[type=submit]").click()
    page.wait_for_selector('[data-sla="paused"]')
    assert page.locator("[data-resume]").count() == 1
    page.screenshot(path=str(shots / "sla-paused-case.png"), full_page=True)

    page.goto(f"{base}/fa/oversight/sla/")
    remaining = page.locator("table.cases tbody tr[data-case]")
    assert remaining.count() == 1
    assert remaining.nth(0).get_attribute("data-case") == str(later.pk)
