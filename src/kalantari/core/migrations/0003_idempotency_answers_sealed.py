"""Seal the stored answers of Idempotency-Keys (an anonymous tip's answer holds its PIN)."""

from typing import Any

from django.db import migrations


def seal(apps: Any, schema_editor: Any) -> None:
    from kalantari.core import idempotency

    model = apps.get_model("core", "IdempotencyRecord")
    for row in model.objects.only("pk", "response_body").iterator(chunk_size=500):
        body = row.response_body
        if body and not (isinstance(body, dict) and set(body) == {idempotency.SEALED}):
            model.objects.filter(pk=row.pk).update(response_body=idempotency.seal(row.pk, body))


def unseal(apps: Any, schema_editor: Any) -> None:
    from kalantari.core import idempotency

    model = apps.get_model("core", "IdempotencyRecord")
    for row in model.objects.only("pk", "response_body").iterator(chunk_size=500):
        body = row.response_body
        if isinstance(body, dict) and set(body) == {idempotency.SEALED}:
            model.objects.filter(pk=row.pk).update(response_body=idempotency.unseal(row))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_throttle_window_end_and_level")]

    operations = [migrations.RunPython(seal, unseal, elidable=True)]
