"""`kalantari db_grants ROLE [--apply]`: PostgreSQL grants for the role the app runs as.

The app's role may read and write its tables but never UPDATE, DELETE or TRUNCATE the
audit log; migrations run as the owner. Prints the SQL, or applies it with --apply.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

AUDIT_TABLES = ("audit_auditevent", "audit_auditsubject", "audit_auditcheckpoint")


def grant_sql(role: str) -> list[str]:
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise ValueError("a role name is lower-case letters, digits and underscores")
    tables = ", ".join(AUDIT_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {tables} FROM {role}",
    ]


class Command(BaseCommand):
    help = "Print (or --apply) the grants that keep the app's database role off audit rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role")
        parser.add_argument("--apply", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("grants are a PostgreSQL matter (SQLite relies on its triggers)")
        try:
            statements = grant_sql(options["role"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["apply"]:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
            self.stdout.write(f"applied {len(statements)} statements for {options['role']}")
        else:
            self.stdout.write(";\n".join(statements) + ";")
