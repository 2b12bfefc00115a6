"""`kalantari staff unlock USERNAME | disable-idle`: account security chores."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.org import services, signin
from kalantari.org.models import User


class Command(BaseCommand):
    help = (
        "unlock USERNAME: lift an administrator's lock and forget failed sign-ins; "
        "disable-idle: disable accounts unused for 90 days, forget old counters (run daily)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["unlock", "disable-idle"])
        parser.add_argument("username", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "unlock":
            user = User.objects.filter(username=options["username"] or "").first()
            if user is None:
                raise CommandError("no such account")
            services.staff_unlock(actor=None, user=user)
            self.stdout.write(f"unlocked {user.username}")
            return
        names = services.staff_disable_idle()
        self.stdout.write(f"disabled {len(names)} idle account(s): {', '.join(names) or '—'}")
        forgotten = signin.signin_forget_stale()
        self.stdout.write(f"forgot {forgotten} stale sign-in counter(s)")
