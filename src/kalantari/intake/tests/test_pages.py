"""Public pages: the form keeps what was typed, the receipt, the status POST, follow-ups."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.intake.models import Report
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


def form(**overrides: Any) -> dict[str, Any]:
    yesterday = timezone.localtime() - timedelta(days=1)
    data = {
        "idempotency_key": "form-1",
        "category": "theft_home",
        "statement": "در خانه را شکستند و طلا بردند.",
        "occurred_date": yesterday.strftime("%Y-%m-%d"),
        "occurred_time": "۲۲:۱۰",
        "address": "خیابان ولیعصر",
        "station": "ST-101",
        "name": "سارا رضایی",
        "national_id": "0499370899",
        "mobile": "09121234567",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_public_pages_render_in_both_languages(client: Client, force: Any, lang: str) -> None:
    for url in ("", "report/", "status/"):
        r = client.get(f"/{lang}/{url}")
        assert r.status_code == 200
        html = r.content.decode()
        assert f'lang="{lang}"' in html
        assert ('dir="rtl"' in html) == (lang == "fa")


def test_bad_form_comes_back_with_everything_typed(client: Client, force: Any) -> None:
    r = client.post("/en/report/", form(national_id="1111111111"))
    assert r.status_code == 422
    html = r.content.decode()
    assert "در خانه را شکستند و طلا بردند." in html
    assert 'value="سارا رضایی"' in html
    assert "national ID" in html.lower() or "national id" in html.lower()
    assert not Report.objects.exists()


def test_submission_leads_to_a_receipt_with_qr_and_no_code_in_urls(
    client: Client, force: Any
) -> None:
    r = client.post("/fa/report/", form())
    assert r.status_code == 302
    report = Report.objects.get()
    assert report.tracking_code not in r["Location"]
    receipt = client.get(r["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200
    code = f"{report.tracking_code[:4]}-{report.tracking_code[4:8]}"
    assert code in html
    assert "<svg" in html and "#code=" not in r["Location"]
    assert receipt["Cache-Control"] == "no-store"


def test_double_submit_makes_one_report(client: Client, force: Any) -> None:
    first = client.post("/fa/report/", form())
    second = client.post("/fa/report/", form())
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Report.objects.count() == 1


def test_forged_upload_comes_back_as_a_message(client: Client, force: Any) -> None:
    fake = io.BytesIO(b"MZ" + b"\x00" * 100)
    fake.name = "photo.jpg"
    r = client.post("/en/report/", form() | {"attachments": fake})
    assert r.status_code == 422
    assert "not an image" in r.content.decode()


def test_status_page_by_post_and_followup(client: Client, force: Any) -> None:
    client.post("/fa/report/", form())
    report = Report.objects.get()
    r = client.post("/en/status/", {"tracking_code": report.tracking_code, "secret": "۰۹۱۲۱۲۳۴۵۶۷"})
    assert r.status_code == 200
    assert 'data-status="received"' in r.content.decode()
    wrong = client.post(
        "/en/status/", {"tracking_code": report.tracking_code, "secret": "09120000000"}
    )
    assert wrong.status_code == 404
    assert "No report matches" in wrong.content.decode()
    # the grant from the successful check still stands for a follow-up
    client.post("/en/status/", {"tracking_code": report.tracking_code, "secret": "09121234567"})
    r = client.post("/en/status/followup/", {"message": "the thief was seen again"})
    assert r.status_code == 302
    assert Case.objects.get().unread_followups == 1
    page = client.get("/en/status/").content.decode()
    assert "Your message was received" in page


def test_walk_in_report_at_the_desk(client: Client, desk_officer: Any) -> None:
    sign_in(client, desk_officer)
    page = client.get("/fa/desk/intake/").content.decode()
    assert re.search(r'<option value="ST-101"[^>]*selected', page)
    r = client.post("/fa/desk/intake/", form(idempotency_key="desk-1"))
    assert r.status_code == 302
    report = Report.objects.get()
    assert report.channel == "desk" and report.created_by == desk_officer
