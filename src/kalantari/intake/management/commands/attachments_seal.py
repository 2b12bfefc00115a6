"""Seal the files stored before attachments were encrypted at rest (issue 6)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand

from kalantari.intake.files import is_sealed, seal_file, stored_name
from kalantari.intake.models import Attachment


class Command(BaseCommand):
    help = "Encrypt attachment files still stored in clear, and give them names that say nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        sealed = 0
        for attachment in Attachment.objects.exclude(file="").iterator(chunk_size=200):
            with attachment.file.open("rb") as handle:
                stored = handle.read()
            if is_sealed(stored):
                continue
            old_name = attachment.file.name
            storage = attachment.file.storage
            attachment.file.save(
                stored_name(attachment.pk),
                ContentFile(seal_file(stored, attachment_id=attachment.pk)),
                save=False,
            )
            Attachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)
            storage.delete(old_name)
            sealed += 1
        self.stdout.write(f"{sealed} attachment files sealed")
