"""`kalantari api_token USER` after `make demo` finds the demo's database, and a command run
before any `migrate` says so instead of leaving an empty database behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kalantari.config import dbcheck

# Each test runs `kalantari` on its own SQLite file, whatever database the suite uses.
pytestmark = pytest.mark.own_database

ROOT = Path(__file__).resolve().parents[2]
KALANTARI = Path(sys.executable).with_name("kalantari")


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`kalantari …` as a user types it: no DATABASE_URL, settings' defaults under `home`."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEMO")}
    env["KALANTARI_HOME"] = str(home)
    env["DJANGO_SETTINGS_MODULE"] = "kalantari.config.settings"  # not the suite's
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [str(KALANTARI), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_make_demo_builds_the_database_commands_use_by_default(tmp_path: Path) -> None:
    demo_db = re.search(r"^DEMO_DB \?= (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert demo_db is not None
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["KALANTARI_HOME"] = str(tmp_path)
    env["DJANGO_SETTINGS_MODULE"] = "kalantari.config.settings"
    name = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(name) == tmp_path / demo_db.group(1)


def test_api_token_finds_a_migrated_default_database(tmp_path: Path) -> None:
    assert _run(tmp_path, "migrate", "--no-input", "-v", "0").returncode == 0
    assert (tmp_path / "var" / "kalantari.sqlite3").exists()
    result = _run(tmp_path, "api_token", "nobody")
    assert "no such table" not in result.stderr
    assert "No active staff account named 'nobody'" in result.stderr


def test_unmigrated_database_gives_a_clear_error_and_is_not_created(tmp_path: Path) -> None:
    result = _run(tmp_path, "api_token", "desk_thr101")
    assert result.returncode == 1
    assert "make demo" in result.stderr and "kalantari migrate" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "var" / "kalantari.sqlite3").exists()


def test_an_empty_database_file_is_named_as_such(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    db.touch()
    settings = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db)}
    message = dbcheck.problem("api_token", settings)
    assert message is not None and "has no tables yet" in message
    assert dbcheck.problem("migrate", settings) is None
    assert dbcheck.problem("help", {"ENGINE": "x.sqlite3", "NAME": str(tmp_path / "no")}) is None
    assert dbcheck.command_of(["kalantari", "api_token", "--help"]) == "help"
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "kal"}
    assert dbcheck.problem("api_token", postgres) is None
