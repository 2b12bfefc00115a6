"""`kalantari rollups rebuild [--since DAY]`: recompute the daily rollups from the raw tables."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.oversight.rebuild import rollups_rebuild


class Command(BaseCommand):
    help = "Recompute the daily rollups (UnitDay) from cases and case events, set-wise."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild"])
        parser.add_argument("--since", help="first local day to recompute (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"])
            except ValueError as exc:
                raise CommandError("--since takes a day as YYYY-MM-DD") from exc
        began = time.monotonic()
        run = rollups_rebuild(since=since)
        took = time.monotonic() - began
        scope = f"from {run.since}" if run.since else "all days"
        self.stdout.write(f"rollups rebuilt ({scope}): {run.rows} unit-day rows in {took:.1f} s")
