"""The SQLite side of the append-only guard.

On SQLite the triggers that refuse UPDATE and DELETE on the audit tables ask the function
`kalantari_audit_guard()`, which this module registers on every connection the app opens.
Any other client (the sqlite3 shell, a script) has no such function, so its UPDATE or
DELETE fails too. Only the test suite lifts the guard, to empty tables between tests;
PostgreSQL uses plain triggers plus grants (see `kalantari db_grants`).
"""

from __future__ import annotations

from typing import Any

_lifted = False


def lift_for_tests(lifted: bool) -> None:
    global _lifted
    _lifted = lifted


def _guard() -> int:
    return 0 if _lifted else 1


def register(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("kalantari_audit_guard", 0, _guard)
