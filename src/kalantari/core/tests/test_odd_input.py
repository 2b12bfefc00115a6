"""Odd input answers 4xx (or is folded and accepted), never 500: digits of other scripts,
superscripts, invisible characters, a name search of 1,500 words, NUL in multipart forms."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalantari.intake.models import Report
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db

FULLWIDTH_ID = "０４９９３７０８９９"
INVISIBLE_ID = "\u200b0499\u2060370\ufeff899\u202e"


def form(**overrides: Any) -> dict[str, Any]:
    yesterday = timezone.localtime() - timedelta(days=1)
    data = {
        "idempotency_key": "odd-1",
        "category": "theft_home",
        "statement": "در خانه را شکستند و طلا بردند.",
        "occurred_date": yesterday.strftime("%Y-%m-%d"),
        "occurred_time": "22:10",
        "address": "خیابان ولیعصر",
        "station": "ST-101",
        "name": "سارا رضایی",
        "national_id": "0499370899",
        "mobile": "09121234567",
    }
    return data | overrides


@pytest.mark.parametrize("national_id", ["049937089²", "²499370899", "04993708⁹9", "0499370899①"])
def test_a_superscript_is_not_a_digit(client: Client, force: Any, national_id: str) -> None:
    page = client.post("/en/report/", form(national_id=national_id))
    assert page.status_code == 422
    assert "not a digit" in page.content.decode()
    api = client.post(
        "/api/v1/reports",
        data=json.dumps(
            {
                "category": "theft_home",
                "statement": "x" * 20,
                "occurred_at": (timezone.localtime() - timedelta(days=1)).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                "station": "ST-101",
                "name": "سارا رضایی",
                "national_id": national_id,
                "mobile": "09121234567",
            }
        ),
        content_type="application/json",
    )
    assert api.status_code == 422 and api.json()["field"] == "national_id"


@pytest.mark.parametrize(
    ("national_id", "mobile"),
    [
        (FULLWIDTH_ID, "０９１２１２３４５６７"),
        (INVISIBLE_ID, "\u200e0912\u200f123\u206645\u206967"),
    ],
)
def test_other_decimal_digits_and_invisible_characters_fold(
    client: Client, force: Any, national_id: str, mobile: str
) -> None:
    page = client.post("/fa/report/", form(national_id=national_id, mobile=mobile))
    assert page.status_code == 302, page.content.decode()[:400]
    report = Report.objects.get()
    assert (report.national_id, report.mobile) == ("0499370899", "09121234567")


@pytest.mark.parametrize(
    "query", ["049937089²", FULLWIDTH_ID, INVISIBLE_ID, "０９１２１２３４５６７", "\u200b", "²"]
)
def test_desk_search_with_odd_digits_never_500s(
    client: Client, new_case: Any, desk_officer: Any, query: str
) -> None:
    sign_in(client, desk_officer)
    page = client.post("/fa/desk/search/", {"q": query, "purpose_code": "report"})
    assert page.status_code == 200
    if query in (FULLWIDTH_ID, INVISIBLE_ID):
        assert new_case.report.tracking_code[:4] in page.content.decode().replace("-", "")


def test_a_name_search_of_1500_words_is_refused_clearly(
    client: Client, new_case: Any, desk_officer: Any
) -> None:
    sign_in(client, desk_officer)
    words = " ".join(f"نام{i}" for i in range(1500))
    page = client.post("/en/desk/search/", {"q": words, "purpose_code": "report"})
    assert page.status_code == 200
    assert "at most" in page.content.decode()
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", desk_officer.username, stdout=out)
    api = Client().post(
        "/api/v1/cases/search",
        data=json.dumps({"q": words, "purpose_code": "report"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {out.getvalue().strip()}"},
    )
    assert api.status_code == 422 and api.json()["field"] == "q"


FIELDS = [
    "statement",
    "name",
    "national_id",
    "mobile",
    "address",
    "station",
    "category",
    "occurred_date",
    "occurred_time",
    "idempotency_key",
]


@pytest.mark.parametrize("field", FIELDS)
def test_nul_in_a_multipart_field_of_the_public_form_is_a_400(
    client: Client, force: Any, field: str
) -> None:
    data = form()
    data[field] = f"{data[field]}\x00x"
    page = client.post("/fa/report/", data)  # the test client posts multipart/form-data
    assert page.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.parametrize("field", FIELDS)
def test_nul_in_a_multipart_field_of_desk_intake_is_a_400(
    client: Client, force: Any, desk_officer: Any, field: str
) -> None:
    sign_in(client, desk_officer)
    data = form()
    data[field] = f"{data[field]}\x00x"
    page = client.post("/fa/desk/intake/", data)
    assert page.status_code == 400
    assert not Report.objects.exists()
