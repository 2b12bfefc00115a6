"""`kalantari otp_code USERNAME`: the authenticator code a demo account needs right now.

Only in the demo (DEMO=true): it stands in for the phone app, so the tour can be walked on
a machine with no authenticator. A real deployment refuses to run it. It skips the system
checks (they import every URL module, a few seconds): `make otp` answers at once.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP

from kalantari.org.models import User
from kalantari.org.services import otp_device_for


class Command(BaseCommand):
    help = "Print a demo account's current authenticator code (demo only)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.KALANTARI_DEMO:
            raise CommandError("only in the demo (DEMO=true): real accounts use their phone")
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("no such active account")
        device = otp_device_for(user)
        if device is None:
            raise CommandError(
                "this account has no authenticator yet: sign in with an enrolment code "
                "(the administration pages issue one), then run this again"
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        self.stdout.write(f"{totp.token():0{device.digits}d}")
