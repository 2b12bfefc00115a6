"""`kalantari rollups rebuild [--since DAY]` and `kalantari rollups fold [--every SECONDS]`."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.oversight.fold import rollups_fold
from kalantari.oversight.rebuild import rollups_rebuild


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError("days are written YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = (
        "rebuild: recompute the daily rollups from cases and case events, set-wise (after a "
        "bulk load). fold: fold stations' days into counties', provinces' and the nation's "
        "(run it every minute, e.g. with --every 60, or from cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rebuild", "fold"])
        parser.add_argument("--since", help="first local day to recompute (YYYY-MM-DD)")
        parser.add_argument(
            "--every", type=int, default=0, help="fold: run again every SECONDS (0: once)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since = _day(options["since"])
        if options["action"] == "rebuild":
            began = time.monotonic()
            run = rollups_rebuild(since=since)
            took = time.monotonic() - began
            scope = f"from {run.since}" if run.since else "all days"
            self.stdout.write(
                f"rollups rebuilt ({scope}): {run.rows} unit-day rows in {took:.1f} s"
            )
            return
        while True:
            began = time.monotonic()
            fold = rollups_fold(since=since)
            took = time.monotonic() - began
            self.stdout.write(
                f"folded {fold.start or 'all days'} to {fold.through}: "
                f"{fold.rows} area-day rows in {took:.1f} s"
            )
            if options["every"] <= 0:
                return
            since = None
            time.sleep(max(1.0, options["every"] - took))
