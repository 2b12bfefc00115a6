"""The citizen may follow a report with a one-time code texted to its mobile."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case
from kalantari.core.sms import MemoryBackend

pytestmark = pytest.mark.django_db


def code_of(case: Case) -> str:
    c = case.report.tracking_code
    return f"{c[:4]}-{c[4:8]}-{c[8:12]}-{c[12:]}"


def texted_code() -> str:
    _mobile, text = MemoryBackend.outbox[-1]
    found = re.search(r"\b(\d{6})\b", text)
    assert found is not None, text
    return found.group(1)


def test_text_a_code_then_follow_with_it_once(
    new_case: Case, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/en/status/", {"tracking_code": code_of(new_case), "send_code": "1"})
    assert page.status_code == 200 and b"we have texted" in page.content
    assert MemoryBackend.outbox[-1][0] == "09121234567"
    code = texted_code()
    assert AuditEvent.objects.filter(action="report.status_code_sent").count() == 1
    shown = client.post("/en/status/", {"tracking_code": code_of(new_case), "secret": code})
    assert shown.status_code == 200 and b'data-status="received"' in shown.content
    again = Client().post("/en/status/", {"tracking_code": code_of(new_case), "secret": code})
    assert again.status_code == 404


def test_unknown_code_gets_the_same_answer_and_no_text(force: Any) -> None:
    page = Client().post("/en/status/", {"tracking_code": "0000-0000-0000-0", "send_code": "1"})
    assert page.status_code == 200 and b"we have texted" in page.content
    assert MemoryBackend.outbox == []


def test_texts_per_report_are_limited(new_case: Case) -> None:
    api = Client()
    body = json.dumps({"tracking_code": code_of(new_case)})
    answers = [
        api.post("/api/v1/status/code", body, content_type="application/json").status_code
        for _ in range(4)
    ]
    assert answers == [202, 202, 202, 429]


def test_api_status_with_a_texted_code(
    new_case: Case, django_capture_on_commit_callbacks: Any
) -> None:
    api = Client()
    with django_capture_on_commit_callbacks(execute=True):
        api.post(
            "/api/v1/status/code",
            json.dumps({"tracking_code": code_of(new_case)}),
            content_type="application/json",
        )
    status = api.post(
        "/api/v1/status",
        json.dumps({"tracking_code": code_of(new_case), "mobile": texted_code()}),
        content_type="application/json",
    )
    assert status.status_code == 200 and status.json()["status"] == "received"
