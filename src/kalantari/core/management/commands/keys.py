"""`kalantari keys init|status|verify|rotate|retire KEY`: the encryption keys of personal data."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.core import crypto, keys


class Command(BaseCommand):
    help = "Manage the keys that encrypt personal data (kept outside the database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["init", "status", "verify", "rotate", "retire"])
        parser.add_argument("key_id", nargs="?", help="the key to retire")

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
            else:
                if not options["key_id"]:
                    raise CommandError("say which key to retire")
                keys.keys_retire(options["key_id"])
                self.stdout.write(f"retired {options['key_id']}")
        except (ValueError, FileExistsError, crypto.KeyError_) as exc:
            raise CommandError(str(exc)) from exc
