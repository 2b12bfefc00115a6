"""Before a `kalantari` command touches the database, make sure there is one to touch.

SQLite makes an empty file on first connect, so a command run before `make demo` (or against
another path than the demo's) used to fail with "no such table" and leave an empty database
behind, which then hid the real one. Commands that need the tables now stop with a clear
message instead, and `migrate` makes the database's folder.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

# Commands that work without a migrated database (or make it).
NO_TABLES_NEEDED = frozenset(
    {
        "check",
        "collectstatic",
        "compilemessages",
        "dbshell",
        "diffsettings",
        "findstatic",
        "help",
        "keys",
        "makemessages",
        "makemigrations",
        "migrate",
        "optimizemigration",
        "shell",
        "showmigrations",
        "sqlmigrate",
        "squashmigrations",
        "startapp",
        "test",
        "version",
    }
)
ADVICE = "Run `make demo` (the demo) or `kalantari migrate` first."


def _sqlite_has_tables(path: Path) -> bool:
    """Read-only look (mode=ro never creates the file) for Django's migration table."""
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            row = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='django_migrations'"
            ).fetchone()
    except sqlite3.Error:
        return False
    return row is not None


def problem(command: str, database: dict[str, Any]) -> str | None:
    """Why `command` cannot run on `database` yet, or None when it can."""
    engine = str(database.get("ENGINE", ""))
    name = str(database.get("NAME") or "")
    if not engine.endswith("sqlite3") or not name or name == ":memory:" or name.startswith("file:"):
        return None
    path = Path(name)
    if command == "migrate":
        path.parent.mkdir(parents=True, exist_ok=True)
        return None
    if command in NO_TABLES_NEEDED:
        return None
    if not path.exists():
        return f"The database {path} does not exist yet. {ADVICE}"
    if not _sqlite_has_tables(path):
        return f"The database {path} has no tables yet. {ADVICE}"
    return None


def command_of(argv: list[str]) -> str:
    """The subcommand of a `kalantari …` command line ("help" for none or --help)."""
    args = argv[1:]
    if not args or any(a in ("-h", "--help") for a in args):
        return "help"
    return args[0]
