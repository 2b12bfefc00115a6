"""`kalantari retention apply [--commit]`: remove expired personal data (dry run by default)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kalantari.cases.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Remove personal data kept past its category's retention period (dry run unless --commit)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["apply"])
        parser.add_argument("--commit", action="store_true", help="really remove the data")

    def handle(self, *args: Any, **options: Any) -> None:
        run = retention_apply(commit=options["commit"])
        verb = "removed personal data from" if run.committed else "would remove personal data from"
        self.stdout.write(f"{verb} {run.reports} report(s)")
        for code, n in sorted(run.by_category.items()):
            self.stdout.write(f"  {code}: {n}")
        if run.committed:
            self.stdout.write(f"files deleted: {run.files_removed}")
        self.stdout.write(
            f"idempotency records older than 30 days: {run.idempotency_purged}"
            + ("" if run.committed else " (kept: dry run)")
        )
        if not run.committed:
            self.stdout.write("dry run: nothing was changed (add --commit to apply)")
