"""Issue 6, citizen pages: after a successful lookup the citizen sees their own statement and
messages (no audit record per reload: it is the citizen's own report)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kalantari.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_status_page_shows_the_citizens_statement_and_messages(
    new_case: Any, report_payload: dict[str, Any]
) -> None:
    code = new_case.report.tracking_code
    browser = Client()
    shown = browser.post("/en/status/", {"tracking_code": code, "secret": "09121234567"})
    assert shown.status_code == 200
    assert report_payload["statement"] in shown.content.decode()
    browser.post("/en/status/followup/", {"message": "The thief has a red motorbike."})
    audits = AuditEvent.objects.count()
    page = browser.get("/en/status/").content.decode()
    assert report_payload["statement"] in page
    assert "The thief has a red motorbike." in page
    assert AuditEvent.objects.count() == audits
    assert report_payload["statement"] not in Client().get("/en/status/").content.decode()


def test_the_api_status_carries_the_statement_and_messages(
    new_case: Any, report_payload: dict[str, Any]
) -> None:
    api = Client()
    code = new_case.report.tracking_code
    api.post(
        "/api/v1/status/followups",
        json.dumps({"tracking_code": code, "mobile": "09121234567", "message": "one more thing"}),
        content_type="application/json",
    )
    body = api.post(
        "/api/v1/status",
        json.dumps({"tracking_code": code, "mobile": "09121234567"}),
        content_type="application/json",
    ).json()
    assert body["statement"] == report_payload["statement"]
    assert [m["text"] for m in body["messages"]] == ["one more thing"]
