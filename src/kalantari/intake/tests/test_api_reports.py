"""POST /api/v1/reports and the public status API, as a client sees them."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from kalantari.cases.models import Case
from kalantari.intake.models import Report

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body: Any, *, lang: str = "fa", **headers: str) -> Any:
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(
        url, data=data, content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang, headers=headers
    )


def test_submit_answers_201_with_code_receipt_and_status_addresses(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    response = post(client, "/api/v1/reports", report_payload)
    assert response.status_code == 201, response.content
    body = response.json()
    code = body["tracking_code"]
    assert len(code.replace("-", "")) == 13 and code.count("-") == 3
    assert "receipt_url" not in body  # the receipt is a page bound to the session that filed
    assert body["status_url"] == "http://testserver/fa/status/"

    assert body["station"]["code"] == "ST-101"
    assert Case.objects.filter(report__tracking_code=code.replace("-", "")).exists()


def test_errors_are_problem_json_in_the_request_language(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    bad = report_payload | {"national_id": "1234567890"}
    fa = post(client, "/api/v1/reports", bad, lang="fa")
    en = post(client, "/api/v1/reports", bad, lang="en")
    for r in (fa, en):
        assert r.status_code == 422
        assert r["Content-Type"] == "application/problem+json"
        assert r.json()["field"] == "national_id" and r.json()["code"] == "national_id_invalid"
    assert fa.json()["detail"] != en.json()["detail"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in fa.json()["detail"])
    assert not Report.objects.exists()


def test_malformed_json_is_a_400_problem(client: Client, force: Any) -> None:
    r = post(client, "/api/v1/reports", '{"category": "theft_home", ', lang="en")
    assert r.status_code == 400
    assert r.json()["code"] == "malformed_json"


def test_missing_and_wrongly_typed_fields_name_the_field(client: Client, force: Any) -> None:
    r = post(client, "/api/v1/reports", {"category": "fraud", "latitude": "x"}, lang="en")
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"statement", "occurred_at", "latitude"} <= fields


def test_unknown_category_and_station(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    r = post(client, "/api/v1/reports", report_payload | {"category": "nope", "station": "X"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} >= {"category", "station"}


def test_same_idempotency_key_and_body_give_one_report(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    first = post(client, "/api/v1/reports", report_payload, **{"Idempotency-Key": "k-1"})
    again = post(client, "/api/v1/reports", report_payload, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Report.objects.count() == 1


def test_same_key_with_another_body_is_refused(
    client: Client, force: Any, report_payload: dict[str, Any]
) -> None:
    post(client, "/api/v1/reports", report_payload, **{"Idempotency-Key": "k-2"})
    other = post(
        client,
        "/api/v1/reports",
        report_payload | {"statement": "چیز دیگری"},
        lang="en",
        **{"Idempotency-Key": "k-2"},
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_make_one_report(
    force: Any, report_payload: dict[str, Any]
) -> None:
    answers: list[Any] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        try:
            barrier.wait()
            answers.append(
                post(Client(), "/api/v1/reports", report_payload, **{"Idempotency-Key": "same"})
            )
        finally:
            connection.close()  # this thread's own connection, so the test DB can be dropped

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [201] * 6
    assert len({a.json()["tracking_code"] for a in answers}) == 1
    assert Report.objects.count() == 1 and Case.objects.count() == 1


def test_categories_and_stations_are_public(client: Client, force: Any) -> None:
    cats = client.get("/api/v1/categories", HTTP_ACCEPT_LANGUAGE="en").json()
    codes = {c["code"] for c in cats}
    assert {"theft_vehicle", "missing_person", "online_fraud", "tip_weapons"} <= codes
    vehicle = next(c for c in cats if c["code"] == "theft_vehicle")
    assert any(f["name"] == "plate" and f["required"] for f in vehicle["extra_fields"])
    units = client.get("/api/v1/stations").json()
    assert {"ST-101", "OP-201", "THR-C1"} <= {u["code"] for u in units}


def test_openapi_document_is_served(client: Client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/reports" in doc["paths"]
    assert "/api/v1/cases/{case_id}/transitions" in doc["paths"]
    assert client.get("/api/v1/docs").status_code == 200
