"""Data steps for migrations that turn plain columns into encrypted ones (and back).

`SEALED` lists are (app label, model name, field names). Sealing reads each value through
the model state where the field is already an EncryptedTextField (plaintext reads pass
through) and writes it back sealed; unsealing runs where the columns are plain again and
puts the plaintext back, so such migrations stay reversible.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kalantari.core import crypto

Sealed = Sequence[tuple[str, str, Sequence[str]]]
DataStep = Callable[[Any, Any], None]


def seal_columns(sealed: Sealed) -> DataStep:
    def seal(apps: Any, schema_editor: Any) -> None:
        for app_label, model_name, fields in sealed:
            model = apps.get_model(app_label, model_name)
            for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
                values = {name: getattr(row, name) for name in fields if getattr(row, name)}
                if values:
                    model.objects.filter(pk=row.pk).update(**values)

    return seal


def unseal_columns(sealed: Sealed) -> DataStep:
    def unseal(apps: Any, schema_editor: Any) -> None:
        for app_label, model_name, fields in sealed:
            model = apps.get_model(app_label, model_name)
            for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
                values = {}
                for name in fields:
                    stored = getattr(row, name)
                    if isinstance(stored, str) and crypto.is_encrypted(stored):
                        context = f"{app_label}.{model_name.lower()}.{name}"
                        values[name] = crypto.decrypt(stored, context=context)
                if values:
                    model.objects.filter(pk=row.pk).update(**values)

    return unseal
