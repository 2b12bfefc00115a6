"""Refuse UPDATE and DELETE on the audit tables in the database itself.

PostgreSQL: row triggers (plus, in production, grants: `kalantari db_grants`).
SQLite: triggers guarded by a function only the app registers (see audit/guard.py).

SQLite drops a table's triggers when a migration rebuilds the table (most AlterFields do):
any later migration that alters an audit table must call `install` again, as 0005 does.
"""

from django.db import migrations

TABLES = ("audit_auditevent", "audit_auditsubject", "audit_auditcheckpoint")


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION kalantari_audit_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit records are append-only (%)', TG_TABLE_NAME; END $$ "
            "LANGUAGE plpgsql",
            params=None,  # the % above is PL/pgSQL's, not a query parameter
        )
        for table in TABLES:
            schema_editor.execute(
                f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION kalantari_audit_append_only()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for op in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                    "WHEN kalantari_audit_guard() = 1 "
                    "BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END"
                )


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS kalantari_audit_append_only()")
    elif vendor == "sqlite":
        for table in TABLES:
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain")]
    operations = [migrations.RunPython(install, uninstall)]
