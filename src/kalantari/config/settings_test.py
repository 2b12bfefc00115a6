"""Settings for the test suite: production's (settings.py), with what only slows tests down
or leaves the machine swapped out. Nothing here changes what a test proves about behaviour;
a test about a production choice (argon2, the SMS gateway) reads `kalantari.config.settings`."""

from __future__ import annotations

from kalantari.config.settings import *  # noqa: F403

# argon2's deliberate cost is what production wants and what every factory-made user and
# every sign-in in the suite would pay: MD5 is the fast hasher Django's own docs suggest
# for tests. PIN hashes and the dummy hash of intake follow it (make_password).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Texts to citizens stay in memory (core.sms.MemoryBackend.outbox) and are sent in line,
# so module-scoped fixtures, which run outside the per-test settings fixture, send none.
KALANTARI_SMS_BACKEND = "kalantari.core.sms.MemoryBackend"
KALANTARI_SMS_ASYNC = False

# Tests file many reports for one made-up person; intake/tests/test_rate_limits.py sets the
# filing limits it checks.
KALANTARI_REPORTS_PER_PERSON_PER_DAY = 1000
KALANTARI_REPORTS_PER_ADDRESS_PER_HOUR = 1000

# Mail is kept in django.core.mail.outbox (pytest-django sets this per test too).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
