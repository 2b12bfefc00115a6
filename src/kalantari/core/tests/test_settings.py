"""The suite runs on kalantari.config.settings_test; production's choices are checked on
kalantari.config.settings itself, and the test settings change only what they say."""

from __future__ import annotations

import os

from django.conf import settings

from kalantari.config import settings as production
from kalantari.config import settings_test

# What settings_test may change: speed (the hasher) and what leaves the machine.
TEST_ONLY = {
    "PASSWORD_HASHERS",
    "KALANTARI_SMS_BACKEND",
    "KALANTARI_SMS_ASYNC",
    "KALANTARI_REPORTS_PER_PERSON_PER_DAY",
    "KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR",
    "EMAIL_BACKEND",
}


def test_production_hashes_passwords_with_argon2() -> None:
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_the_suite_runs_on_the_test_settings() -> None:
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "kalantari.config.settings_test"
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_test_settings_change_only_speed_and_what_leaves_the_machine() -> None:
    names = {name for name in dir(settings_test) if name.isupper()}
    changed = {n for n in names if getattr(settings_test, n) != getattr(production, n, None)}
    assert changed == TEST_ONLY
