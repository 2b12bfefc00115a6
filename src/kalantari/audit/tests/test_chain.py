"""The audit chain: appends link up, tampering of any kind is found, the log is append-only."""

from __future__ import annotations

import itertools
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from kalantari.audit import chain, guard
from kalantari.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from kalantari.audit.services import RequestContext, audit_record
from kalantari.cases.models import Case
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


def verify() -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), err.getvalue()
    return 0, out.getvalue()


class Tamper:
    """Edit the log behind the app's back, as a thief with the database file would."""

    def __enter__(self) -> Any:
        guard.lift_for_tests(True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET session_replication_role = replica")  # triggers off
        return connection.cursor()

    def __exit__(self, *exc: object) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET session_replication_role = origin")
        guard.lift_for_tests(False)


@pytest.fixture
def history(new_case: Case, desk_officer: Any, commander: Any) -> list[AuditEvent]:
    ctx = RequestContext(ip="10.0.0.7", user_agent="test", purpose="review")
    for n in range(5):
        audit_record(
            action="case.viewed",
            actor=desk_officer if n % 2 else commander,
            target=new_case,
            unit_id=new_case.station_id,
            context=ctx,
            changes={"n": n, "note": "یادداشت"},
        )
    return list(AuditEvent.objects.filter(chain=str(new_case.station_id)).order_by("seq"))


def test_events_link_into_per_unit_chains(history: list[AuditEvent], new_case: Case) -> None:
    assert [e.seq for e in history] == list(range(1, len(history) + 1))
    assert history[0].prev_hash == "0" * 64
    for before, after in itertools.pairwise(history):
        assert after.prev_hash == before.hash
        assert chain.event_hash(after) == after.hash
    head = AuditChainHead.objects.get(chain=str(new_case.station_id))
    assert (head.seq, head.hash) == (history[-1].seq, history[-1].hash)
    assert verify()[0] == 0


def test_hash_survives_the_database_round_trip(history: list[AuditEvent]) -> None:
    for event in AuditEvent.objects.all():
        assert chain.event_hash(event) == event.hash


def test_changed_record_is_found(history: list[AuditEvent]) -> None:
    victim = history[2]
    with Tamper() as cur:
        cur.execute("UPDATE audit_auditevent SET purpose = 'nothing' WHERE id = %s", [victim.pk])
    code, message = verify()
    assert code == 1 and f"event id {victim.pk}" in message and "changed" in message


def test_deleted_record_is_found(history: list[AuditEvent]) -> None:
    victim = history[1]
    with Tamper() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    code, message = verify()
    assert code == 1 and f"#{victim.seq}" in message and "missing" in message


def test_deleted_last_record_is_found(history: list[AuditEvent]) -> None:
    with Tamper() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [history[-1].pk])
    code, message = verify()
    assert code == 1 and "head" in message


def test_inserted_record_is_found(history: list[AuditEvent], desk_officer: Any) -> None:
    forged = AuditEvent(
        action="case.viewed",
        actor=desk_officer,
        unit_id=history[0].unit_id,
        chain=history[0].chain,
        seq=history[-1].seq + 1,
        prev_hash=history[-1].hash,
    )
    forged.hash = chain.event_hash(forged)
    forged.save()  # a forged row with a correct hash, but the head was not moved
    code, message = verify()
    assert code == 1 and f"event id {forged.pk}" in message


def test_rewritten_history_is_caught_by_the_signed_checkpoint(
    history: list[AuditEvent], tmp_path: Any, settings: Any
) -> None:
    settings.KALANTARI_AUDIT_SIGNING_KEY_FILE = str(tmp_path / "audit.pem")
    call_command("audit", "checkpoint", stdout=StringIO())
    assert AuditCheckpoint.objects.count() >= 1
    # The thief rewrites a record and re-hashes the whole chain after it, head included.
    events = list(AuditEvent.objects.filter(chain=history[0].chain).order_by("seq"))
    with Tamper() as cur:
        prev = events[0].prev_hash
        for event in events:
            if event.pk == events[1].pk:
                event.purpose = "rewritten"
            event.prev_hash = prev
            event.hash = prev = chain.event_hash(event)
            cur.execute(
                "UPDATE audit_auditevent SET purpose=%s, prev_hash=%s, hash=%s WHERE id=%s",
                [event.purpose, event.prev_hash, event.hash, event.pk],
            )
        AuditChainHead.objects.filter(chain=events[0].chain).update(hash=prev)
    code, message = verify()
    assert code == 1 and "checkpoint" in message


def test_update_and_delete_are_refused_by_the_database(history: list[AuditEvent]) -> None:
    for sql in (
        "UPDATE audit_auditevent SET purpose = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [history[0].pk])
    with pytest.raises(RuntimeError):
        history[0].save()


def test_a_failing_audit_write_fails_the_access(
    client: Any, new_case: Case, desk_officer: Any
) -> None:
    sign_in(client, desk_officer)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "CREATE FUNCTION test_audit_down() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'audit store down'; END $$ LANGUAGE plpgsql"
            )
            cur.execute(
                "CREATE TRIGGER test_audit_down BEFORE INSERT ON audit_auditevent "
                "FOR EACH ROW EXECUTE FUNCTION test_audit_down()"
            )
        else:
            cur.execute(
                "CREATE TRIGGER test_audit_down BEFORE INSERT ON audit_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'audit store down'); END"
            )
    page = client.get(f"/en/desk/cases/{new_case.pk}/")
    assert page.status_code == 503
    assert new_case.report.national_id not in page.content.decode()
    api = client.get(f"/api/v1/cases/{new_case.pk}")
    assert api.status_code == 503 and api.json()["code"] == "audit_unavailable"
    assert new_case.report.national_id not in api.content.decode()


def test_every_audit_table_carries_its_guard_triggers() -> None:
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cur.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
        guarded = {row[0] for row in cur.fetchall()}
    assert {"audit_auditevent", "audit_auditsubject", "audit_auditcheckpoint"} <= guarded


def test_the_app_role_may_not_update_audit_rows(history: list[AuditEvent]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("grants exist on PostgreSQL only; SQLite relies on its triggers")
    with connection.cursor() as cur:
        cur.execute("CREATE ROLE kalantari_app_test NOLOGIN")
    call_command("db_grants", "kalantari_app_test", "--apply", stdout=StringIO())
    with transaction.atomic(), connection.cursor() as cur:
        # SET LOCAL lasts to the end of the test's transaction: from here on we are the app.
        cur.execute("SET LOCAL ROLE kalantari_app_test")
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            cur.execute("UPDATE audit_auditevent SET purpose = 'x' WHERE id = %s", [history[0].pk])
        cur.execute("SELECT count(*) FROM audit_auditevent")  # reading is allowed
        row = cur.fetchone()
        assert row is not None and row[0] >= len(history)


def test_a_whole_chain_deleted_is_found_from_its_signed_checkpoint(
    history: list[AuditEvent], new_case: Case
) -> None:
    chain.checkpoint_all()
    assert verify()[0] == 0
    station = str(new_case.station_id)
    with Tamper() as cur:
        cur.execute("DELETE FROM audit_auditsubject")
        cur.execute("DELETE FROM audit_auditevent WHERE chain = %s", [station])
        cur.execute("DELETE FROM audit_auditchainhead WHERE chain = %s", [station])
    code, err = verify()
    assert code == 1 and station in err and "whole chain is missing" in err


def test_a_chain_cut_back_with_its_head_is_found_from_its_checkpoint(
    history: list[AuditEvent], new_case: Case
) -> None:
    chain.checkpoint_all()
    station, keep = str(new_case.station_id), history[1]
    with Tamper() as cur:
        cur.execute("DELETE FROM audit_auditsubject")
        cur.execute("DELETE FROM audit_auditevent WHERE chain = %s AND seq > 2", [station])
        cur.execute(
            "UPDATE audit_auditchainhead SET seq = 2, hash = %s WHERE chain = %s",
            [keep.hash, station],
        )
    code, err = verify()
    assert code == 1 and "records are missing" in err
