"""The migrations that seal personal data and chain the audit log, run on a populated
database: forwards (values sealed, audit chained and verifiable) and back (plaintext)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("intake", "0003_default_categories"),
    ("cases", "0002_initial"),
    ("audit", "0002_initial"),
]


def migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def raw(sql: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return list(cursor.fetchall())


def test_sealing_and_chaining_a_populated_database_and_back() -> None:
    from conftest import ensure_default_categories

    ensure_default_categories()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Unit = old.get_model("org", "OrgUnit")
    Category = old.get_model("intake", "Category")
    Report = old.get_model("intake", "Report")
    Case = old.get_model("cases", "Case")
    Event = old.get_model("audit", "AuditEvent")
    station = Unit.objects.create(
        code="RT-1", kind="station", name_fa="ک", name_en="S", path="/RT-1/"
    )
    now = datetime.now(UTC)
    report = Report.objects.create(
        id=uuid.uuid4(),
        tracking_code="ABCDEFGHJKMN0",
        category=Category.objects.get(code="fraud"),
        channel="web",
        statement="a statement",
        occurred_at=now,
        address="Valiasr St 12",
        station=station,
        routing_reason="chosen",
        complainant_name="Sara Rezaei",
        complainant_name_key="sara rezaei",
        national_id="0499370899",
        mobile="09121234567",
        extra={"amount": "1000"},
        receipt_token="t" * 32,
        receipt_expires_at=now,
        created_at=now,
        updated_at=now,
    )
    case = Case.objects.create(
        id=uuid.uuid4(),
        report=report,
        station=station,
        unit_path="/RT-1/",
        category_id=report.category_id,
        priority=3,
        status="received",
        first_response_due=now + timedelta(hours=1),
        resolution_due=now + timedelta(days=1),
        last_activity_at=now,
        created_at=now,
        updated_at=now,
    )
    old.get_model("cases", "CaseEvent").objects.create(
        id=uuid.uuid4(), case=case, at=now, kind="note", reason="Called Ms Rezaei"
    )
    for n in range(3):
        Event.objects.create(action="case.viewed", unit=station, changes={"n": n}, at=now)

    migrate(latest)
    stored = raw("SELECT national_id, mobile, statement, extra FROM intake_report")[0]
    assert all(str(v).startswith("kv2.") for v in stored)  # sealed, bound to their row
    assert str(raw("SELECT reason FROM cases_caseevent")[0][0]).startswith("kv2.")
    from kalantari.intake.models import Report as LiveReport

    live = LiveReport.objects.get(pk=report.pk)
    assert (live.national_id, live.mobile, live.extra) == (
        "0499370899",
        "09121234567",
        {"amount": "1000"},
    )
    assert live.national_id_index and live.name_index
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "3 record(s)" in out.getvalue()

    migrate(BEFORE)
    assert raw("SELECT reason FROM cases_caseevent")[0][0] == "Called Ms Rezaei"
    assert raw("SELECT national_id, mobile, statement FROM intake_report")[0] == (
        "0499370899",
        "09121234567",
        "a statement",
    )
    migrate(latest)
