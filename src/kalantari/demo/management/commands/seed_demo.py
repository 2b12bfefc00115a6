"""`kalantari seed_demo`: the demo force, its staff and ninety days of reports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.core.tracking import format_tracking_code
from kalantari.demo.services import DEMO_PASSWORD, DEMO_PIN, seed_demo


class Command(BaseCommand):
    help = "Create the demo world (re-runnable: keeps what exists)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reports", type=int, default=3000, help="reports to create")
        parser.add_argument("--days", type=int, default=90, help="how far back they go")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.KALANTARI_DEMO:
            # Demo staff share one printed password: never in a real force's database.
            raise CommandError("seed_demo runs only with DEMO=true (`make demo` sets it).")
        if options["reports"] < 0 or options["days"] < 1:
            self.stderr.write("--reports must be ≥ 0 and --days ≥ 1")
            raise SystemExit(2)
        summary = seed_demo(reports=options["reports"], days=options["days"])
        out = self.stdout
        out.write(f"Demo force: {summary.units} units, {summary.staff} staff accounts.")
        if summary.skipped_reports:
            out.write("Reports already exist: the history was left as it is.")
        else:
            out.write(f"Reports and case files: {summary.reports} over {options['days']} days.")
        out.write(f"Every staff account's password: {DEMO_PASSWORD}")
        out.write("  admin                         administrator (admin pages at /admin/)")
        out.write("  desk_thr101                   desk officer, Tajrish Station 101")
        out.write("  investigator1_thr101          investigator, Tajrish Station 101")
        out.write("  commander_thr101              station commander, Tajrish Station 101")
        out.write("  inspector_thr / inspector_ir  inspectors, Tehran Province / national")
        out.write(
            "  (desk_, investigator1_, investigator2_, commander_ + any station: esf101, khrp21, …)"
        )
        for sample in summary.samples:
            out.write(
                f"Follow a report: code {format_tracking_code(sample['tracking_code'])} "
                f"with mobile {sample['mobile']} ({sample['status']} at {sample['station']})"
            )
        if not summary.skipped_reports and summary.reports:
            out.write(f"Anonymous tips in the demo all share the PIN {DEMO_PIN}.")
