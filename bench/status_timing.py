"""Wall-clock medians of wrong status lookups: an unknown code vs a known code with a wrong
mobile (or PIN), and the texted-code request for a known vs an unknown code.

Runs in-process against a throwaway SQLite database (Django's test runner machinery), so it
needs no server: `.venv/bin/python bench/status_timing.py [N]`. The ratio of the medians
should be close to 1; the test suite asserts the same thing by counting the slow hash checks
and the queries (tests/…/test_status_guessing.py), which is deterministic where wall time is
not.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any


def main() -> int:
    tries = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalantari.config.settings")
    os.environ.setdefault("DATABASE_URL", "sqlite:///var/status-timing.sqlite3")
    os.environ.setdefault("SMS_BACKEND", "kalantari.core.sms.MemoryBackend")
    os.environ.setdefault("STATUS_ATTEMPTS_PER_IP", "1000000")
    os.environ.setdefault("STATUS_ATTEMPTS_PER_CODE", "1000000")
    os.environ.setdefault("STATUS_ATTEMPTS_PER_CODE_ALL", "1000000")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.KALANTARI_STATUS_CODES_PER_REPORT = 10**6
    setup_test_environment()
    names = setup_databases(verbosity=0, interactive=False)
    try:
        return run(tries)
    finally:
        teardown_databases(names, verbosity=0)


def run(tries: int) -> int:
    from django.core.management import call_command
    from django.test import Client

    from kalantari.core.tracking import format_tracking_code, new_tracking_code
    from kalantari.intake.models import Report

    call_command("seed_demo", "--reports", "3", stdout=open(os.devnull, "w"))  # noqa: SIM115
    known = Report.objects.filter(anonymous=False).exclude(mobile_index="").first()
    assert known is not None
    code = format_tracking_code(known.tracking_code)
    client = Client()

    def median_ms(path: str, body: dict[str, Any]) -> float:
        times = []
        for _ in range(tries):
            t0 = time.perf_counter()
            client.post(path, json.dumps(body), content_type="application/json")
            times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000

    rows = []
    secrets = (("wrong mobile", {"mobile": "09350000000"}), ("pin", {"pin": "12345678"}))
    for label, secret in secrets:
        a = median_ms("/api/v1/status", {"tracking_code": code, **secret})
        b = median_ms(
            "/api/v1/status",
            {"tracking_code": format_tracking_code(new_tracking_code()), **secret},
        )
        rows.append((f"/status, {label}", a, b))
    a = median_ms("/api/v1/status/code", {"tracking_code": code})
    b = median_ms(
        "/api/v1/status/code", {"tracking_code": format_tracking_code(new_tracking_code())}
    )
    rows.append(("/status/code", a, b))
    print(f"medians over {tries} tries (known code | unknown code | ratio)")
    for label, a, b in rows:
        print(f"  {label:24} {a:7.1f} ms | {b:7.1f} ms | {max(a, b) / min(a, b):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
