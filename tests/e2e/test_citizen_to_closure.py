"""A report's whole life in a real browser: citizen (Persian digits) → desk → investigator →
commander → citizen sees it closed. Also checks no page breaks CSP or right-to-left layout."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path
from typing import Any

import jdatetime
import pytest
from django.utils import timezone

PASSWORD = "correct-horse-battery"  # the factories' password (root conftest)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def totp_now(secret_b32: str) -> str:
    from django_otp.oath import TOTP

    text = secret_b32.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{TOTP(key).token():06d}"


def sign_in(
    page: Any, base: str, username: str, lang: str = "fa", shot: Path | None = None
) -> None:
    """Password, then the administrator's one-time enrolment code, then the first-time
    enrolment of an authenticator from the page's key."""
    from kalantari.org.models import User
    from kalantari.org.services import enrolment_code_issue

    enrolment_code = enrolment_code_issue(actor=None, user=User.objects.get(username=username))
    page.goto(f"{base}/{lang}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/{lang}/accounts/login/code/**")
    assert page.locator("figure.qr svg").count() == 0  # no QR code before the enrolment code
    page.fill("#id_enrolment_code", enrolment_code)
    page.click("form button.primary")
    page.wait_for_selector("figure.qr svg")  # the QR code to scan
    if shot is not None:
        page.screenshot(path=str(shot), full_page=True)
    page.fill("#id_token", totp_now(page.locator("code.secret").inner_text()))
    page.click("form button.primary")
    page.wait_for_url(f"{base}/{lang}/desk/")


def open_case(page: Any, base: str, code: str, lang: str = "fa") -> None:
    page.goto(f"{base}/{lang}/desk/search/")
    page.fill("#id_q", code)
    page.click("form button.primary")
    page.click("table.cases a.code")
    page.wait_for_selector("[data-status]")


def act(page: Any, action: str, reason: str = "", assignee: str | None = None) -> None:
    page.click(f'summary[data-action="{action}"]')
    form = page.locator(f'form:has(input[name=action][value="{action}"])')
    if assignee:
        form.locator("select[name=assignee]").select_option(value=assignee)
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_report_from_citizen_to_closure(
    live_server: Any,
    new_page: Any,
    shots: Path,
    desk_officer: Any,
    investigator: Any,
    commander: Any,
) -> None:
    base = live_server.url
    errors: list[str] = []
    citizen = new_page()
    citizen.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    citizen.on("pageerror", lambda e: errors.append(str(e)))

    # The citizen files a report in Persian, typing Persian digits everywhere.
    citizen.goto(f"{base}/fa/")
    assert citizen.get_attribute("html", "dir") == "rtl"
    citizen.screenshot(path=str(shots / "fa-home.png"), full_page=True)
    citizen.click("a.button.primary")
    citizen.wait_for_load_state("load")
    yesterday = jdatetime.date.fromgregorian(date=(timezone.localdate() - timedelta(days=1)))
    citizen.select_option("#id_category", "theft_vehicle")
    assert citizen.is_visible('.extra[data-category="theft_vehicle"]'), errors
    citizen.fill("#id_theft_vehicle_plate", "۱۲ ب ۳۴۵ ایران ۶۷")
    citizen.fill("#id_theft_vehicle_vehicle", "پژو ۲۰۶ سفید")
    citizen.fill("#id_statement", "خودروی من را از جلوی خانه بردند.")
    citizen.fill("#id_occurred_date", yesterday.strftime("%Y/%m/%d").translate(PERSIAN))
    citizen.keyboard.press("Escape")
    citizen.fill("#id_occurred_time", "۲۳:۴۵")
    citizen.select_option("#id_county", "THR-C1")
    citizen.select_option("#id_station", "ST-101")
    citizen.fill("#id_name", "مریم احمدی")
    citizen.fill("#id_national_id", "۰۴۹۹۳۷۰۸۹۹")
    citizen.fill("#id_mobile", "۰۹۱۲۱۲۳۴۵۶۷")
    citizen.screenshot(path=str(shots / "fa-report-form.png"), full_page=True)
    citizen.click("form[data-once] button.primary")
    citizen.wait_for_selector("[data-tracking-code]")
    code = citizen.inner_text("[data-tracking-code]").strip()
    assert len(code) == 16 and code.count("-") == 3
    assert code.replace("-", "") not in citizen.url
    citizen.screenshot(path=str(shots / "fa-receipt.png"), full_page=True)
    citizen.emulate_media(media="print")
    assert not citizen.is_visible("header.top")
    citizen.emulate_media(media="screen")

    def check_status(expected: str) -> None:
        citizen.goto("about:blank")  # as a scanned QR does: a fresh page, not a fragment jump
        citizen.goto(f"{base}/fa/status/#code={code}")
        assert citizen.input_value("#id_tracking_code") == code  # filled from the fragment
        assert citizen.evaluate("location.hash") == ""  # the code leaves the address bar
        citizen.fill("#id_secret", "۰۹۱۲۱۲۳۴۵۶۷")
        citizen.click("form button.primary")
        citizen.wait_for_selector("[data-status]")
        assert citizen.get_attribute("#status [data-status]", "data-status") == expected

    check_status("received")
    citizen.screenshot(path=str(shots / "fa-status.png"), full_page=True)

    # The desk officer triages and assigns.
    desk = new_page()
    sign_in(desk, base, "desk", shot=shots / "fa-second-factor.png")
    desk.screenshot(path=str(shots / "fa-desk-queue.png"), full_page=True)
    open_case(desk, base, code)
    desk.screenshot(path=str(shots / "fa-case.png"), full_page=True)
    act(desk, "triage")
    act(desk, "assign", assignee=str(investigator.pk))
    assert desk.get_attribute(".head-row [data-status]", "data-status") == "assigned"

    # A search for the person by national ID asks why, and is recorded with the reason.
    desk.goto(f"{base}/fa/desk/search/")
    desk.fill("#id_q", "۰۴۹۹۳۷۰۸۹۹")
    desk.click("form button.primary")
    desk.wait_for_selector(".field-error")
    assert desk.locator("table.cases a.code").count() == 0
    desk.select_option("#id_purpose_code", "report")
    desk.fill("#id_purpose", "بررسی گزارش‌های پیشین همین شخص")
    desk.click("form button.primary")
    desk.wait_for_selector("table.cases a.code")

    # The investigator starts and resolves (in English, to cover the LTR pages).
    inv = new_page("en-US")
    sign_in(inv, base, "investigator", lang="en")
    assert inv.get_attribute("html", "dir") == "ltr"
    open_case(inv, base, code, lang="en")
    act(inv, "start")
    act(inv, "resolve", reason="Car found and returned to the owner.")
    inv.screenshot(path=str(shots / "en-case.png"), full_page=True)

    # The commander closes.
    cmd = new_page()
    sign_in(cmd, base, "commander")
    open_case(cmd, base, code)
    act(cmd, "close")
    assert cmd.get_attribute(".head-row [data-status]", "data-status") == "closed"

    # The citizen sees it closed, with the public outcome.
    check_status("closed")
    assert "Car found and returned" in citizen.inner_text("#status")

    # ...and who at the police has seen the report: its own accesses only, never the search
    # for the person (anyone can type someone else's national ID into a report).
    citizen.click("a[href$='/status/accesses/']")
    citizen.wait_for_selector("table.accesses")
    seen = citizen.inner_text("table.accesses")
    assert "پرونده را باز کرد" in seen
    assert "رسیدگی به گزارشی" not in seen and "بررسی گزارش‌های پیشین" not in seen
    citizen.screenshot(path=str(shots / "fa-who-read.png"), full_page=True)

    # The person, at the station with their ID card, gets a one-time code for their data.
    desk.goto(f"{base}/fa/desk/identity-check/")
    desk.fill("#id_national_id", "۰۴۹۹۳۷۰۸۹۹")
    desk.select_option("#id_document", "national_card")
    desk.check("input[name=confirmed]")
    desk.click("form button.primary")
    disclosure_code = desk.inner_text(".code.big").strip()
    citizen.goto(f"{base}/fa/my-data/")
    citizen.fill("#id_code", disclosure_code.lower().replace("-", ""))
    citizen.click("form button.primary")
    citizen.wait_for_selector("table.accesses")
    mine = citizen.inner_text("table.accesses")
    # The search is disclosed now, with the category chosen, never the officer's text.
    assert "در جست‌وجو به آن رسید" in mine and "رسیدگی به گزارشی" in mine
    assert "بررسی گزارش‌های پیشین" not in mine
    citizen.screenshot(path=str(shots / "fa-my-data.png"), full_page=True)
    assert not errors, errors


def test_english_pages_and_form_errors_keep_input(
    live_server: Any, new_page: Any, shots: Path, force: Any
) -> None:
    base = live_server.url
    page = new_page("en-US")
    page.goto(f"{base}/en/")
    assert page.get_attribute("html", "dir") == "ltr"
    page.screenshot(path=str(shots / "en-home.png"), full_page=True)
    page.goto(f"{base}/en/report/")
    page.wait_for_load_state("load")
    page.select_option("#id_category", "fraud")
    page.fill("#id_statement", "Someone sold me a fake phone.")
    page.fill("#id_occurred_date", (timezone.localdate() - timedelta(days=3)).isoformat())
    page.select_option("#id_station", "ST-101")
    page.fill("#id_name", "John Doe")
    page.fill("#id_national_id", "1111111111")
    page.fill("#id_mobile", "09121234567")
    page.click("form[data-once] button.primary")
    page.wait_for_selector(".field-error")
    assert page.input_value("#id_statement") == "Someone sold me a fake phone."
    assert page.input_value("#id_name") == "John Doe"
    page.screenshot(path=str(shots / "en-report-form-errors.png"), full_page=True)
    page.goto(f"{base}/en/status/")
    page.screenshot(path=str(shots / "en-status.png"), full_page=True)
