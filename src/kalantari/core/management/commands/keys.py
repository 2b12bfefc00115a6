"""`kalantari keys init|status|verify|rotate|retire KEY|rotate-index`: the keys of personal data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.core import crypto, keys


class Command(BaseCommand):
    help = "Manage the keys that encrypt personal data (kept outside the database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["init", "status", "verify", "rotate", "retire", "rotate-index"]
        )
        parser.add_argument("key_id", nargs="?", help="the key to retire")
        parser.add_argument(
            "--batch", type=int, default=keys.INDEX_BATCH, help="rows per transaction"
        )
        parser.add_argument(
            "--max-batches", type=int, default=None, help="stop after this many (resume later)"
        )
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="start a new index key even if rows are still pending",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "init":
                ring = keys.keys_init()
                self.stdout.write(f"made {crypto.key_file()} (current key {ring.current})")
            elif action == "status":
                ring = crypto.keyring(refresh=True)
                usage = keys.key_usage()
                self.stdout.write(f"current key: {ring.current}")
                for key_id in sorted(set(ring.data_keys) | set(usage)):
                    self.stdout.write(f"  {key_id}: {usage.get(key_id, 0)} value(s)")
                self.stdout.write(f"current index key: {ring.index_current}")
                for label, count in sorted(keys.index_pending().items()):
                    self.stdout.write(f"  {label}: {count} row(s) to re-index")
            elif action == "verify":
                bad = keys.unreadable_values()
                for column, rows in sorted(bad.items()):
                    shown = ", ".join(str(pk) for pk in rows[:20])
                    more = f" and {len(rows) - 20} more" if len(rows) > 20 else ""
                    self.stdout.write(f"  {column}: {len(rows)} unreadable ({shown}{more})")
                if bad:
                    raise CommandError(f"{sum(map(len, bad.values()))} value(s) do not open")
                self.stdout.write("every stored value opens")
            elif action == "rotate":
                new = keys.keys_add_current()
                self.stdout.write(f"new current key {new}; re-sealing stored values…")
                moved = keys.reseal_all()
                self.stdout.write(f"re-sealed {moved} row(s); old keys stay until retired")
            elif action == "rotate-index":
                self._rotate_index(options)
            else:
                if not options["key_id"]:
                    raise CommandError("say which key to retire")
                keys.keys_retire(options["key_id"])
                self.stdout.write(f"retired {options['key_id']}")
        except (ValueError, FileExistsError, crypto.KeyError_) as exc:
            raise CommandError(str(exc)) from exc

    def _rotate_index(self, options: dict[str, Any]) -> None:
        """Start a new blind-index key (or resume the rebuild under the current one)."""
        pending = sum(keys.index_pending().values())
        if pending and not options["new_key"]:
            ring = crypto.keyring(refresh=True)
            self.stdout.write(f"resuming: {pending} row(s) not yet under {ring.index_current}")
        else:
            new = keys.keys_add_index_key()
            self.stdout.write(f"new current index key {new}; rebuilding the blind indexes…")
        counts = keys.reindex_all(
            batch_size=max(1, options["batch"]), max_batches=options["max_batches"]
        )
        left = sum(keys.index_pending().values())
        self.stdout.write(
            f"rebuilt {counts['rebuilt']} row(s); {counts['unreadable']} unreadable; "
            f"{left} still pending" + (" (run again to resume)" if left else "")
        )
