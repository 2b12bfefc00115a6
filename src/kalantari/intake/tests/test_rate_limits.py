"""Issue 6 item 8: filing reports and follow-ups is limited per address and per person,
answered 429 with Retry-After in the user's language; replays and staff are not counted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kalantari.intake.models import FollowUp, Report
from kalantari.intake.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("0499370899", "09121234567"),
    ("0010350829", "09121234568"),
    ("1234567891", "09121234569"),
    ("0084575948", "09121234570"),
    ("0067749828", "09121234571"),
]


def post(client: Client, body: dict[str, Any], key: str | None = None, lang: str = "en") -> Any:
    headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": lang}
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(
        "/api/v1/reports", data=json.dumps(body), content_type="application/json", **headers
    )


def person(payload: dict[str, Any], n: int) -> dict[str, Any]:
    national_id, mobile = PEOPLE[n]
    return payload | {"national_id": national_id, "mobile": mobile}


def test_reports_from_one_address_are_limited(
    force: Any, report_payload: dict[str, Any], settings: Any
) -> None:
    settings.KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = 3
    client = Client(REMOTE_ADDR="203.0.113.50")
    assert [post(client, person(report_payload, n)).status_code for n in range(3)] == [201] * 3
    refused = post(client, person(report_payload, 3))
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "rate_limited"
    assert "try again in" in refused.json()["detail"]
    persian = post(client, person(report_payload, 3), lang="fa")
    assert persian.status_code == 429 and "دوباره" in persian.json()["detail"]
    assert "۶۰" in persian.json()["detail"]
    # Another address (another citizen behind another NAT) is not affected.
    assert post(Client(REMOTE_ADDR="203.0.113.51"), person(report_payload, 4)).status_code == 201
    assert Report.objects.count() == 4


def test_reports_for_one_person_are_limited_across_addresses(
    force: Any, report_payload: dict[str, Any], settings: Any
) -> None:
    settings.KALANTARI_REPORTS_PER_PERSON_PER_DAY = 2
    answers = [
        post(Client(REMOTE_ADDR=f"203.0.113.{60 + n}"), report_payload).status_code
        for n in range(3)
    ]
    assert answers == [201, 201, 429]
    same_mobile = report_payload | {"national_id": PEOPLE[1][0]}
    assert post(Client(REMOTE_ADDR="203.0.113.70"), same_mobile).status_code == 429


def test_an_idempotent_replay_is_not_counted_again(
    force: Any, report_payload: dict[str, Any], settings: Any
) -> None:
    settings.KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = 2
    client = Client(REMOTE_ADDR="203.0.113.80")
    first = person(report_payload, 0)
    assert [post(client, first, key="k-1").status_code for _ in range(4)] == [201] * 4
    assert post(client, person(report_payload, 1), key="k-2").status_code == 201
    assert post(client, person(report_payload, 2), key="k-3").status_code == 429
    assert Report.objects.count() == 2


def test_the_page_keeps_what_was_typed_and_says_why(
    force: Any, settings: Any, report_payload: dict[str, Any]
) -> None:
    settings.KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = 0
    client = Client(REMOTE_ADDR="203.0.113.90")
    page = client.post(
        "/en/report/",
        {
            "category": "theft_pickpocket",
            "statement": "A very particular statement 4711",
            "occurred_date": report_payload["occurred_at"].split(" ")[0],
            "station": "ST-101",
            "name": "Maryam",
            "national_id": "0499370899",
            "mobile": "09121234567",
            "idempotency_key": "page-1",
        },
    )
    assert page.status_code == 429
    assert int(page["Retry-After"]) > 0
    assert b"A very particular statement 4711" in page.content
    assert b"Too many reports" in page.content
    assert Report.objects.count() == 0


def test_staff_at_the_desk_are_not_limited(force: Any, desk_officer: Any, settings: Any) -> None:
    settings.KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = 0
    settings.KALANTARI_REPORTS_PER_PERSON_PER_DAY = 0
    ReportFactory.create_batch(3, actor=desk_officer, channel="desk", statement="walk-in")
    assert Report.objects.count() == 3


def test_followups_from_one_address_are_limited(new_case: Any, settings: Any) -> None:
    settings.KALANTARI_FOLLOWUPS_PER_ADDRESS_PER_HOUR = 2
    code = new_case.report.tracking_code
    client = Client(REMOTE_ADDR="203.0.113.99")
    body = json.dumps({"tracking_code": code, "mobile": "09121234567", "message": "one more"})
    answers = [
        client.post("/api/v1/status/followups", body, content_type="application/json").status_code
        for _ in range(3)
    ]
    assert answers == [201, 201, 429]
    assert FollowUp.objects.count() == 2
