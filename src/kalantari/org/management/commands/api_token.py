"""`kalantari api_token USERNAME`: issue a bearer token for a staff API client."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from kalantari.audit.services import audit_record
from kalantari.org.models import ApiToken, TokenAudience, User


class Command(BaseCommand):
    help = "Issue an API token for a staff account (printed once; only its hash is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="cli")
        parser.add_argument("--days", type=int, default=90, help="Valid for this many days.")
        parser.add_argument(
            "--audience",
            choices=[a.value for a in TokenAudience],
            default=TokenAudience.STAFF.value,
            help="staff (default) or partner: a token opens only its audience's endpoints",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active staff account named {options['username']!r}.")
        key = secrets.token_urlsafe(32)
        with transaction.atomic(durable=True):
            token = ApiToken.objects.create(
                user=user,
                name=options["name"],
                audience=options["audience"],
                key_hash=ApiToken.hash_key(key),
                expires_at=timezone.now() + timedelta(days=options["days"]),
            )
            audit_record(
                action="api_token.issued",
                actor=user,
                target=token,
                changes={"audience": options["audience"]},
            )
        self.stdout.write(key)
