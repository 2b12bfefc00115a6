"""Issue 6 item 12: no PIN in clear in the stored replay, no bearer token in any URL, and
the receipt is bound to the browser session that filed the report."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from kalantari.core.models import IdempotencyRecord
from kalantari.intake.models import Report

pytestmark = pytest.mark.django_db


def tip(report_payload: dict[str, Any]) -> dict[str, Any]:
    return report_payload | {
        "category": "tip_weapons",
        "anonymous": True,
        "name": "",
        "national_id": "",
        "mobile": "",
    }


def test_the_stored_replay_does_not_hold_the_pin_in_clear(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    body = json.dumps(tip(report_payload))
    first = client.post(
        "/api/v1/reports", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="tip-1"
    )
    assert first.status_code == 201
    pin = first.json()["pin"]
    table = IdempotencyRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT response_body FROM {table}")  # noqa: S608
        raw = " ".join(str(row[0]) for row in cursor.fetchall())
    assert pin not in raw
    assert first.json()["tracking_code"] not in raw
    replay = client.post(
        "/api/v1/reports", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="tip-1"
    )
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["pin"] == pin  # the citizen who never saw the answer still gets it


def form(report_payload: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    return {
        "idempotency_key": "receipt-1",
        "category": "theft_home",
        "statement": "They broke the door and took the gold bracelet from the cupboard.",
        "occurred_date": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%d"),
        "occurred_time": "22:10",
        "station": "ST-101",
        "name": "Sara",
        "national_id": "0499370899",
        "mobile": "09121234567",
    } | overrides


def test_no_url_carries_a_receipt_token_and_another_browser_cannot_open_it(
    force: Any, report_payload: dict[str, Any]
) -> None:
    browser = Client()
    sent = browser.post("/en/report/", form(report_payload))
    assert sent.status_code == 302
    report = Report.objects.get()
    receipt = browser.get(sent["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert report.tracking_code[:4] in html
    for answer in (sent, receipt):
        urls = re.findall(r'(?:href|src|action)="([^"]*)"', answer.content.decode())
        urls.append(answer.get("Location", ""))
        assert not any(report.receipt_token in url for url in urls)
    assert report.receipt_token not in html
    api = Client().post(
        "/api/v1/reports",
        json.dumps(report_payload | {"national_id": "0010350829"}),
        content_type="application/json",
    )
    assert all(
        Report.objects.get(tracking_code=api.json()["tracking_code"].replace("-", "")).receipt_token
        not in str(value)
        for value in api.json().values()
    )
    other = Client().get(sent["Location"])
    assert other.status_code == 404
    assert report.tracking_code[:4] not in other.content.decode()
    assert Client().get(f"/en/report/receipt/{report.receipt_token}/").status_code == 404


def test_the_receipt_summarises_the_report_and_its_pin_notice_stays_in_the_grid(
    force: Any, report_payload: dict[str, Any]
) -> None:
    browser = Client()
    sent = browser.post(
        "/fa/report/",
        form(
            report_payload,
            category="tip_weapons",
            anonymous="on",
            name="",
            national_id="",
            mobile="",
            occurred_date="1403/08/12",
            statement="مردی در کوچه سلاح می‌فروشد و هر شب ساعت ده می‌آید و می‌رود و کسی کاری ندارد",
        ),
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    html = browser.get(sent["Location"]).content.decode()
    assert "۱۴۰۳" in html  # the incident date, in Jalali with Persian digits
    assert "مردی در کوچه سلاح" in html  # the first words of the statement
    assert "کسی کاری ندارد" not in html  # … only the first words
    # Every <dd> of the receipt follows its <dt>: the PIN notice no longer shifts the grid.
    listing = re.search(r"<dl>(.*?)</dl>", html, re.S)
    assert listing is not None
    tags = re.findall(r"<(dt|dd)[ >]", listing.group(1))
    assert tags == ["dt", "dd"] * (len(tags) // 2)
