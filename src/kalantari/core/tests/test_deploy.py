"""`kalantari check --deploy` is clean under production settings; the headers are sent."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client


@pytest.mark.own_database
def test_check_deploy_is_clean_in_production_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="kalantari.config.settings",  # not the suite's settings_test
        DEBUG="false",
        HTTPS="true",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="kalantari.example.ir",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        KEYS_AUTOCREATE="false",
        KEY_DIR=str(tmp_path / "etc-kalantari"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "kalantari.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.own_database
def test_development_settings_are_flagged(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="kalantari.config.settings",
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'd.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-m", "kalantari.manage", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "kalantari.W001" in result.stderr + result.stdout


@pytest.mark.django_db
def test_security_headers_on_a_page(client: Client) -> None:
    page = client.get("/fa/")
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page["X-Frame-Options"] == "DENY"
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
