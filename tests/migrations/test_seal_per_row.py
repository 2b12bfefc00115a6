"""cases.0004_seal_per_row: column-bound (`kv1.`) values become row-bound (`kv2.`) and back;
plaintext the old field let through because it looked sealed gets sealed as typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kalantari.core import crypto

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("cases", "0003_encrypt_notes")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def column(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {name} FROM intake_report")  # noqa: S608
        return str(cursor.fetchone()[0])


def test_values_are_bound_to_rows_and_back(new_case: Any) -> None:
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate(BEFORE)
    national_id = column("national_id")
    assert national_id.startswith("kv1.")
    assert crypto.decrypt_column_bound(national_id, column="intake.report.national_id") == (
        "0499370899"
    )
    with connection.cursor() as cursor:  # what the old field stored for a citizen's `kv1.…`
        cursor.execute("UPDATE intake_report SET address = %s", ["kv1.abc.def"])
    migrate(latest)
    assert column("national_id").startswith("kv2.") and column("address").startswith("kv2.")
    from kalantari.intake.models import Report

    report = Report.objects.get()
    assert (report.national_id, report.address) == ("0499370899", "kv1.abc.def")
    assert report.statement == new_case.report.statement


def test_name_indexes_are_recomputed_for_compounds(new_case: Any, desk_officer: Any) -> None:
    from kalantari.cases.selectors import case_search

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    with connection.cursor() as cursor:  # as the word-only index of a one-word compound was
        cursor.execute(
            "UPDATE intake_report SET name_index = %s",
            [f" {crypto.token_digest('name', 'احمدرضا')} "],
        )
    new_case.report.complainant_name = "احمدرضا"
    new_case.report.save(update_fields=["complainant_name"])
    assert list(case_search(user=desk_officer, query="احمد")[1]) == []
    migrate([("cases", "0004_seal_per_row")])
    migrate(latest)
    assert list(case_search(user=desk_officer, query="احمد")[1]) == [new_case]
