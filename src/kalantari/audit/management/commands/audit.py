"""`kalantari audit verify|checkpoint|public-key`: check and anchor the audit chains."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kalantari.audit import chain
from kalantari.audit.models import AuditChainHead


class Command(BaseCommand):
    help = (
        "verify: walk every audit chain and exit 1 naming the first bad record; "
        "checkpoint: sign every chain's tip with the Ed25519 key; "
        "public-key: print the key that verifies checkpoints."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "public-key"])
        parser.add_argument("--chain", help="only this chain (an org unit id, or 'system')")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "checkpoint":
            made = chain.checkpoint_all()
            self.stdout.write(f"signed {len(made)} chain tip(s)")
            return
        if action == "public-key":
            key = chain.public_key()
            if key is None:
                raise CommandError("no signing key yet: run `kalantari audit checkpoint` first")
            pem = key.public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            self.stdout.write(pem.decode().strip())
            return
        key = chain.public_key()
        if key is None:
            self.stderr.write("no checkpoint key found: signatures are not checked")
        chains = [options["chain"]] if options["chain"] else chain.all_chains()
        records = 0
        for name in chains:
            problem = chain.verify_chain(name, key)
            if problem is not None:
                self.stderr.write(f"AUDIT CHAIN BROKEN: {problem}")
                raise SystemExit(1)
            head = AuditChainHead.objects.filter(chain=name).first()
            records += head.seq if head else 0
        self.stdout.write(f"audit log intact: {len(chains)} chain(s), {records} record(s)")
