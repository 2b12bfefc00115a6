"""The citizen's status check and follow-ups: right pairs only, nothing leaks, guessing slows."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kalantari.cases.models import Case

pytestmark = pytest.mark.django_db


def submit(client: Client, payload: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/api/v1/reports", data=json.dumps(payload), content_type="application/json")
    assert r.status_code == 201, r.content
    return r.json()


def status(client: Client, code: str, **secret: str) -> Any:
    return client.post(
        "/api/v1/status",
        data=json.dumps({"tracking_code": code, **secret}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_code_and_mobile_show_status_and_public_timeline(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    code = submit(client, report_payload)["tracking_code"]
    r = status(client, code.lower().replace("-", " "), mobile="+989121234567")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "received"
    assert body["station"]["code"] == "ST-101"
    assert [e["kind"] for e in body["timeline"]] == ["opened"]


def test_wrong_mobile_and_unknown_code_look_the_same(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    code = submit(client, report_payload)["tracking_code"]
    wrong = status(client, code, mobile="09350000000")
    from kalantari.core.tracking import format_tracking_code, new_tracking_code

    unknown = status(client, format_tracking_code(new_tracking_code()), mobile="09121234567")
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()


def test_guessing_is_slowed_down(
    client: Client, force: Any, report_payload: dict[str, Any], settings: Any
) -> None:
    code = submit(client, report_payload)["tracking_code"]
    for _ in range(settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE):
        assert status(client, code, mobile="09350000000").status_code == 404
    blocked = status(client, code, mobile="09121234567")
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert blocked.json()["code"] == "too_many_attempts"


def test_anonymous_tip_is_followed_with_its_pin(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    tip = report_payload | {
        "category": "tip_weapons",
        "anonymous": True,
        "name": "",
        "national_id": "",
        "mobile": "",
    }
    body = submit(client, tip)
    assert status(client, body["tracking_code"], pin=body["pin"]).status_code == 200
    assert status(client, body["tracking_code"], pin="00000000").status_code == 404


def test_followup_reaches_the_case_as_unread(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    code = submit(client, report_payload)["tracking_code"]
    r = client.post(
        "/api/v1/status/followups",
        data=json.dumps(
            {"tracking_code": code, "mobile": "09121234567", "message": "یک شاهد دارم"}
        ),
        content_type="application/json",
    )
    assert r.status_code == 201
    case = Case.objects.get()
    assert case.unread_followups == 1
    assert case.report.followups.get().read_at is None


def test_rejection_reason_and_referral_are_shown_to_the_citizen(
    client: Client, new_case: Any, desk_officer: Any
) -> None:
    from kalantari.cases.services import case_transition

    case_transition(
        actor=desk_officer,
        case_id=new_case.pk,
        action="refer",
        expected_version=new_case.version,
        reason="پرونده به دادسرا رفت",
        referral_target="judiciary",
        referral_name="دادسرای ناحیه ۱ تهران",
        referral_contact="021-55550000",
    )
    body = status(client, new_case.report.tracking_code, mobile="09121234567").json()
    assert body["status"] == "referred"
    assert body["referral"]["name"] == "دادسرای ناحیه ۱ تهران"
    assert body["referral"]["contact"] == "021-55550000"
    assert body["timeline"][-1]["text"] == "پرونده به دادسرا رفت"
