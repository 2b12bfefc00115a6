"""What only the demo may do: the repository's SECRET_KEY, SMS codes on the console,
`seed_demo`. Production refuses each of them."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kalantari.core.sms import ConsoleBackend


def _run(code_or_args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DEMO"}}
    base.update(
        DJANGO_SETTINGS_MODULE="kalantari.config.settings",  # production's, not the suite's
        DATABASE_URL=f"sqlite:///{tmp_path / 'p.sqlite3'}",
        **env,
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, *code_or_args], env=base, capture_output=True, text=True, timeout=120
    )


@pytest.mark.own_database
def test_check_deploy_fails_with_the_repository_secret_key(tmp_path: Path) -> None:
    result = _run(["-m", "kalantari.manage", "check", "--deploy"], tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert "kalantari.E001" in result.stdout + result.stderr
    demo = _run(["-m", "kalantari.manage", "check", "--deploy"], tmp_path, DEMO="true")
    assert "kalantari.E001" not in demo.stdout + demo.stderr


@pytest.mark.own_database
def test_a_server_does_not_start_with_the_repository_secret_key(tmp_path: Path) -> None:
    start = (
        "import sys; sys.argv = ['gunicorn', 'kalantari.config.wsgi'];import kalantari.config.wsgi"
    )
    result = _run(["-c", start], tmp_path, DEBUG="false")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    ok = _run(["-c", start], tmp_path, DEBUG="false", SECRET_KEY="x" * 50)
    assert ok.returncode == 0, ok.stderr


def test_console_sms_prints_codes_only_in_the_demo(
    settings: Any, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    settings.KALANTARI_DEMO = False
    ConsoleBackend().send("09121234567", "Your code: 482913")
    printed = capsys.readouterr().out
    assert "482913" not in printed and "482913" not in caplog.text
    assert "09121234567" not in caplog.text  # the number is masked too
    assert any("console" in r.getMessage() for r in caplog.records)
    settings.KALANTARI_DEMO = True
    ConsoleBackend().send("09121234567", "Your code: 482913")
    assert "482913" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_refuses_outside_the_demo(settings: Any) -> None:
    settings.KALANTARI_DEMO = False
    with pytest.raises(CommandError, match="DEMO"):
        call_command("seed_demo", "--reports", "0", stdout=StringIO())
