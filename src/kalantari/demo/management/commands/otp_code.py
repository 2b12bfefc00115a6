"""`kalantari otp_code USERNAME`: the authenticator code a demo account needs right now.

Only in the demo (DEMO=true): it stands in for the phone app, so the tour can be walked on
a machine with no authenticator. A real deployment refuses to run it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP

from kalantari.org.models import User
from kalantari.org.services import otp_device_for


class Command(BaseCommand):
    help = "Print a demo account's current authenticator code (demo only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.KALANTARI_DEMO:
            raise CommandError("only in the demo (DEMO=true): real accounts use their phone")
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("no such active account")
        device = otp_device_for(user)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
