"""The person registry in a real browser, in Persian: a desk officer must give a purpose,
finds the complainant of a filed report by a national ID typed in Persian digits, and opens
the person's page with their role; the search is audited with its purpose."""

from __future__ import annotations

from typing import Any

import pytest

from kalantari.audit.models import AuditEvent
from kalantari.core.text import to_persian_digits
from tests.e2e.test_newcomer import _watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_desk_officer_finds_the_complainant_in_persian(
    live_server: Any, new_page: Any, new_case: Any, desk_officer: Any
) -> None:
    from tests.e2e.test_citizen_to_closure import sign_in

    base = live_server.url
    desk = new_page("fa-IR")
    errors = _watch(desk)
    sign_in(desk, base, desk_officer.username)
    desk.goto(f"{base}/fa/desk/people/")
    assert desk.get_attribute("html", "dir") == "rtl"
    assert "جست‌وجو در دفتر اشخاص" in desk.inner_text("h1")
    # No purpose: refused beside the field, what was typed kept, nothing searched.
    desk.fill("#id_q", to_persian_digits("0499370899"))
    desk.click("form button.primary")
    desk.wait_for_selector("#id_purpose_code[aria-invalid=true]")
    assert desk.input_value("#id_q") == to_persian_digits("0499370899")
    assert not AuditEvent.objects.filter(action="person.searched").exists()
    desk.select_option("#id_purpose_code", "report")
    desk.click("form button.primary")
    desk.wait_for_selector("table[data-people] tbody tr")
    assert desk.locator("table[data-people] tbody tr").count() == 1
    assert "مریم احمدی" in desk.inner_text("table[data-people]")
    desk.click("table[data-people] a")
    desk.wait_for_selector("h1 bdi")
    assert "مریم احمدی" in desk.inner_text("h1")
    assert "شاکی" in desk.inner_text("main")  # linked as the complainant of the report
    searched = AuditEvent.objects.get(action="person.searched")
    assert searched.purpose_code == "report" and searched.actor_id == desk_officer.pk
    assert AuditEvent.objects.filter(action="person.viewed").count() == 1
    assert errors == []
