"""NUL characters (which PostgreSQL cannot store) get a clear 400, never a 500."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def staff_headers(user: Any) -> dict[str, str]:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return {"Authorization": f"Bearer {out.getvalue().strip()}"}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/reports", {"category": "fraud", "statement": "x\x00y", "county": "THR\x00"}),
        ("/api/v1/status", {"tracking_code": "AAAA\x00", "mobile": "0912"}),
        ("/api/v1/status/code", {"tracking_code": "\x00"}),
    ],
)
def test_public_api(path: str, body: dict[str, str], force: Any) -> None:
    answer = Client().post(path, json.dumps(body), content_type="application/json")
    assert answer.status_code == 400 and answer.json()["code"] == "nul_character"


def test_staff_api_pages_and_queries(new_case: Any, desk_officer: Any) -> None:
    client, headers = Client(), staff_headers(desk_officer)
    refer = {"action": "refer", "version": 1, "referral_target": "unit", "referral_unit": "ST\x00"}
    moved = client.post(
        f"/api/v1/cases/{new_case.pk}/transitions",
        json.dumps(refer),
        content_type="application/json",
        headers=headers,
    )
    assert moved.status_code == 400
    listed = client.get("/api/v1/cases?category=a%00b", headers=headers)
    assert listed.status_code == 400
    page = Client().post(
        "/en/status/",
        "tracking_code=AB%00&secret=1",
        content_type="application/x-www-form-urlencoded",  # as a browser sends a form
    )
    assert page.status_code == 400 and b"NUL" in page.content
    # A multipart form's text fields are checked when it is parsed: the same 400.
    multipart = Client().post("/en/status/", {"tracking_code": "AB\x00", "secret": "1"})
    assert multipart.status_code == 400 and b"NUL" in multipart.content


def test_an_unknown_referral_unit_is_a_field_error(new_case: Any, desk_officer: Any) -> None:
    refer = {"action": "refer", "version": 1, "referral_target": "unit", "referral_unit": "NOPE"}
    moved = Client().post(
        f"/api/v1/cases/{new_case.pk}/transitions",
        json.dumps(refer),
        content_type="application/json",
        headers=staff_headers(desk_officer),
    )
    assert moved.status_code == 422 and moved.json()["code"] == "referral_unit_unknown"
