"""`kalantari digest send [--week DATE] [--dry-run]`: send the weekly early-warning digest."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.core import jalali
from kalantari.core.errors import ValidationFailed
from kalantari.oversight.digest import Week, digest_send


class Command(BaseCommand):
    help = (
        "Send each commander and inspector the digest of a week (default: the last complete "
        "week, Saturday to Friday) by e-mail and text message; a digest already sent is not "
        "sent again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument(
            "--week", default="", help="any day of the week (Jalali or Gregorian, e.g. 1405/09/08)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="say who would get it; send none"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        week = None
        if options["week"]:
            try:
                week = Week.containing(jalali.parse_date(options["week"], field="week"))
            except ValidationFailed as exc:
                raise CommandError(str(exc.message)) from exc
        run = digest_send(week=week, dry_run=options["dry_run"])
        verb = "would send" if run.dry_run else "sent"
        self.stdout.write(f"week {run.week.start} to {run.week.end}")
        for username, channel in run.sent:
            self.stdout.write(f"  {verb} {channel} to {username}")
        self.stdout.write(
            f"{verb}: {len(run.sent)}; already sent: {len(run.already)}; "
            f"no address: {len(run.no_address)}; failed: {len(run.failed)}"
        )
        if run.no_address:
            self.stdout.write("  no e-mail or mobile: " + ", ".join(run.no_address))
        if run.failed:
            raise CommandError(f"{len(run.failed)} deliveries failed (see the log); run again")
