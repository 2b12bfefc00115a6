"""Issue 8 in a real browser: a citizen rates a closed case from the status page; a complaint
about an officer reaches the inspector of the unit above the station, and never the accused
officer's station."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_citizen_to_closure import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MOBILE = "09121234567"


def _watch(page: Any, errors: list[str]) -> Any:
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def _show_status(page: Any, base: str, code: str, lang: str = "fa") -> None:
    page.goto(f"{base}/{lang}/status/")
    page.fill("#id_tracking_code", code)
    page.fill("#id_secret", "۰۹۱۲۱۲۳۴۵۶۷")
    page.click("form button.primary")
    page.wait_for_selector("#status [data-status]")


def test_a_citizen_rates_a_closed_case(
    live_server: Any, new_page: Any, shots: Any, commander: Any, investigator: Any
) -> None:
    from kalantari.cases.tests.factories import CaseFactory, advance
    from kalantari.oversight.models import ServiceRating

    case = CaseFactory.create(mobile=MOBILE)
    advance(case, commander, "triage", "assign", assignee_id=investigator.pk)
    advance(case, investigator, "start", "resolve")
    advance(case, commander, "close")
    base, errors = live_server.url, []
    citizen = _watch(new_page(), errors)
    _show_status(citizen, base, case.report.tracking_code)
    assert citizen.get_attribute("#status [data-status]", "data-status") == "closed"
    citizen.click("#rate-service")
    citizen.wait_for_selector("#rating form")
    citizen.check("input[name=score][value='4']")
    citizen.fill("#id_comment", "برخورد محترمانه بود ولی کمی طول کشید.")
    citizen.screenshot(path=str(shots / "fa-rate-service.png"), full_page=True)
    citizen.click("#rating form button.primary")
    citizen.wait_for_selector("[data-rated='4']")
    assert citizen.locator("#rating form").count() == 0  # once per case: no second form
    # A second browser with the same code cannot rate again either.
    other = _watch(new_page("en-US"), errors)
    _show_status(other, base, case.report.tracking_code, lang="en")
    other.click("#rate-service")
    other.wait_for_selector("[data-rated='4']")
    assert other.locator("#rating form").count() == 0
    rating = ServiceRating.objects.get(case=case)
    assert (rating.score, rating.comment) == (4, "برخورد محترمانه بود ولی کمی طول کشید.")
    assert not errors, errors


def test_a_complaint_reaches_the_parent_units_inspector_not_the_station(
    live_server: Any, new_page: Any, shots: Any, force: Any, desk_officer: Any, commander: Any
) -> None:
    from kalantari.org.models import Role
    from kalantari.org.tests.factories import UserFactory
    from kalantari.oversight.models import ConductComplaint

    desk_officer.badge_number = "1234"
    desk_officer.save()
    UserFactory.create(username="cty_insp", role=Role.INSPECTOR, unit=force["county"])
    base, errors = live_server.url, []

    # The citizen complains about the desk officer of station 101.
    citizen = _watch(new_page(), errors)
    citizen.goto(f"{base}/fa/report/")
    citizen.select_option("#id_category", "officer_complaint")
    citizen.fill("#id_officer_complaint_officer", "کارت ۱۲۳۴")
    citizen.fill("#id_statement", "مأمور میز خدمت به من توهین کرد و گزارشم را نپذیرفت.")
    citizen.fill("#id_occurred_date", "۱۴۰۵/۰۱/۰۱")
    citizen.keyboard.press("Escape")
    citizen.select_option("#id_county", "THR-C1")
    citizen.select_option("#id_station", "ST-101")
    citizen.fill("#id_name", "مریم احمدی")
    citizen.fill("#id_national_id", "۰۴۹۹۳۷۰۸۹۹")
    citizen.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    citizen.click("form[data-once] button.primary")
    citizen.wait_for_selector("[data-tracking-code]")
    code = citizen.inner_text("[data-tracking-code]").strip()

    # The county's inspector finds it, opens its file naming the officer, decides it.
    inspector = _watch(new_page(), errors)
    sign_in(inspector, base, "cty_insp")
    inspector.goto(f"{base}/fa/oversight/complaints/")
    assert code in inspector.inner_text("#awaiting")
    inspector.click("#awaiting a.button")
    inspector.wait_for_selector("#id_description")
    assert inspector.input_value("#id_accused_unit") == "ST-101"  # as the citizen said
    inspector.fill("#id_accused_badge", "۱۲۳۴")
    inspector.fill("#id_description", "توهین به شاکی و نپذیرفتن گزارش در میز خدمت.")
    inspector.click("form[data-once] button.primary")
    inspector.wait_for_selector("#complaint")
    assert desk_officer.display_name in inspector.inner_text("#complaint")
    inspector.select_option("#id_finding", "upheld")
    inspector.fill("#id_reasons", "دوربین میز خدمت و دو شاهد گفته شاکی را تأیید می‌کنند.")
    inspector.click("form[data-once] button.primary")
    inspector.wait_for_selector("[data-finding='upheld']")
    inspector.screenshot(path=str(shots / "fa-conduct-complaint.png"), full_page=True)
    complaint = ConductComplaint.objects.get()
    case_id = complaint.case_id

    # Neither the accused officer nor the station's commander can reach it.
    for who in ("desk", "commander"):
        staff = _watch(new_page(), errors)
        sign_in(staff, base, who)
        assert code not in staff.inner_text("main")  # the queue
        staff.goto(f"{base}/fa/desk/search/")
        staff.fill("#id_q", code)
        staff.click("form button.primary")
        staff.wait_for_load_state("networkidle")
        assert staff.locator("table.cases a.code").count() == 0
        assert staff.goto(f"{base}/fa/desk/cases/{case_id}/").status == 404
        assert staff.goto(f"{base}/fa/oversight/complaints/{complaint.pk}/").status == 404
    # 404 pages log a console error for the failed load; nothing else may.
    assert all("404" in e for e in errors), errors
