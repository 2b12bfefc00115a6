"""Profile the submit path in-process: N reports through Django's full stack, pyinstrument.

Uses the `kalantari_bench` database that bench/intake.py leaves behind (run that first, or
this re-creates it). Prints pyinstrument's call tree, slowest branches first.
"""

from __future__ import annotations

import json
import os
import random
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import intake

N = int(os.environ.get("PROFILE_REPORTS", "300"))


def main() -> int:
    url = intake.bench_url()
    intake.recreate_database(url)
    os.environ.update(DATABASE_URL=url, DEBUG="false", ALLOWED_HOSTS="testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kalantari.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from pyinstrument import Profiler

    call_command("migrate", verbosity=0)
    call_command("seed_demo", reports=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    rng = random.Random(7)

    def post() -> None:
        response = client.post(
            "/api/v1/reports",
            data=json.dumps(intake.payload(rng)),
            content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code == 201, response.content

    for _ in range(20):  # warm caches and the catalogue
        post()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(N):
        post()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
