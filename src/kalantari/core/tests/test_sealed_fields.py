"""Encrypted fields seal whatever they are given, bound to their row; a value that does not
open is logged and shown as "unreadable", never a 500 for the page around it."""

from __future__ import annotations

import json
import logging
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from kalantari.cases.models import Case, CaseEvent
from kalantari.core import crypto
from kalantari.core.fields import EncryptedTextField, Unreadable
from kalantari.intake.models import Report
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db

LOOKS_SEALED = "kv1.abc.def"


def raw(table: str, column: str, pk: Any) -> Any:
    pk_db = Report._meta.pk.get_db_prep_value(pk, connection)
    with connection.cursor() as cur:
        cur.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk_db])  # noqa: S608
        return cur.fetchone()[0]


def set_raw(table: str, column: str, pk: Any, value: str) -> None:
    pk_db = Report._meta.pk.get_db_prep_value(pk, connection)
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk_db])  # noqa: S608


def token_for(user: Any) -> str:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return out.getvalue().strip()


def test_a_value_that_looks_sealed_is_sealed_like_any_other(
    client: Client, force: Any, desk_officer: Any, report_payload: dict[str, Any]
) -> None:
    body = report_payload | {
        "name": f"{LOOKS_SEALED} {LOOKS_SEALED}2",
        "statement": LOOKS_SEALED,
        "address": LOOKS_SEALED,
    }
    response = client.post(
        "/api/v1/reports", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    code = response.json()["tracking_code"].replace("-", "")
    case = Case.objects.get(report__tracking_code=code)
    for column in ("statement", "address", "complainant_name"):
        stored = raw("intake_report", column, case.report_id)
        assert stored != LOOKS_SEALED and LOOKS_SEALED not in stored
    report = Report.objects.get(pk=case.report_id)
    assert (report.statement, report.address) == (LOOKS_SEALED, LOOKS_SEALED)

    sign_in(client, desk_officer)
    assert client.get("/fa/desk/").status_code == 200
    page = client.get(f"/fa/desk/cases/{case.pk}/")
    assert page.status_code == 200 and LOOKS_SEALED in page.content.decode()
    found = client.post("/fa/desk/search/", {"q": LOOKS_SEALED, "purpose_code": "report"})
    assert found.status_code == 200 and code[:4] in found.content.decode().replace("-", "")
    headers = {"Authorization": f"Bearer {token_for(desk_officer)}"}
    assert client.get("/api/v1/cases", headers=headers).status_code == 200
    detail = client.get(f"/api/v1/cases/{case.pk}", headers=headers)
    assert detail.status_code == 200
    assert detail.json()["statement"] == LOOKS_SEALED
    assert detail.json()["complainant"]["name"] == f"{LOOKS_SEALED} {LOOKS_SEALED}2"


def test_a_damaged_value_is_unreadable_and_logged_not_a_500(
    client: Client, new_case: Case, desk_officer: Any, caplog: pytest.LogCaptureFixture
) -> None:
    stored = raw("intake_report", "statement", new_case.report_id)
    damaged = stored[:-6] + ("AAAAAA" if not stored.endswith("AAAAAA") else "BBBBBB")
    set_raw("intake_report", "statement", new_case.report_id, damaged)
    set_raw("intake_report", "complainant_name", new_case.report_id, LOOKS_SEALED)
    sign_in(client, desk_officer)
    with caplog.at_level(logging.ERROR, logger="kalantari.crypto"):
        assert client.get("/fa/desk/").status_code == 200
        page = client.get(f"/fa/desk/cases/{new_case.pk}/")
        assert page.status_code == 200
        assert "ناخوانا" in page.content.decode()
        assert "0499370899".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in (
            page.content.decode()
        )  # the rest of the case still opens
        headers = {"Authorization": f"Bearer {token_for(desk_officer)}", "Accept-Language": "en"}
        detail = client.get(f"/api/v1/cases/{new_case.pk}", headers=headers)
        assert detail.status_code == 200
        assert detail.json()["statement"] == "(unreadable)"
        assert detail.json()["complainant"]["national_id"] == "0499370899"
    logged = [r for r in caplog.records if r.name == "kalantari.crypto"]
    assert logged and all(r.levelno == logging.ERROR for r in logged)
    assert "intake.report.statement" in logged[0].getMessage()
    assert "0499370899" not in caplog.text


def test_a_ciphertext_copied_to_another_row_does_not_open(new_case: Case) -> None:
    from kalantari.intake.tests.factories import ReportFactory

    ReportFactory.create(
        statement="another", name="سارا رضایی", national_id="0012345679", mobile="09351234567"
    )
    other = Report.objects.exclude(pk=new_case.report_id).get()
    set_raw(
        "intake_report",
        "national_id",
        other.pk,
        raw("intake_report", "national_id", new_case.report_id),
    )
    moved = Report.objects.get(pk=other.pk)
    assert isinstance(moved.national_id, Unreadable)
    assert moved.mobile == "09351234567"


def test_saving_an_unread_or_unreadable_value_keeps_it(new_case: Case) -> None:
    set_raw("intake_report", "address", new_case.report_id, LOOKS_SEALED)
    report = Report.objects.get(pk=new_case.report_id)
    before = raw("intake_report", "statement", report.pk)
    assert isinstance(report.address, Unreadable)
    report.save()
    assert raw("intake_report", "statement", report.pk) == before  # unread: written back as is
    assert raw("intake_report", "address", report.pk) == LOOKS_SEALED  # not the marker
    assert Report.objects.get(pk=report.pk).statement == new_case.report.statement


def test_a_queryset_update_with_plaintext_is_refused(new_case: Case) -> None:
    with pytest.raises(TypeError):
        CaseEvent.objects.filter(case=new_case).update(reason="typed text")


def test_every_encrypted_model_knows_its_pk_before_insert() -> None:
    from kalantari.core.keys import encrypted_columns

    for model, fields in encrypted_columns():
        assert all(isinstance(f, EncryptedTextField) for f in fields)
        assert model._meta.pk is not None and model._meta.pk.has_default(), model


def test_unreadable_is_counted_per_column(new_case: Case) -> None:
    set_raw("intake_report", "mobile", new_case.report_id, "kv2.nokey.AAAA")
    before = crypto.unreadable_seen["intake.report.mobile"]
    assert isinstance(Report.objects.get(pk=new_case.report_id).mobile, Unreadable)
    assert crypto.unreadable_seen["intake.report.mobile"] == before + 1


def test_keys_verify_names_every_value_that_does_not_open(new_case: Case) -> None:
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("keys", "verify", stdout=out)
    assert "every stored value opens" in out.getvalue()
    set_raw("intake_report", "address", new_case.report_id, LOOKS_SEALED)
    out = StringIO()
    with pytest.raises(CommandError, match="1 value"):
        call_command("keys", "verify", stdout=out)
    assert f"intake.report.address: 1 unreadable ({new_case.report_id})" in out.getvalue()
