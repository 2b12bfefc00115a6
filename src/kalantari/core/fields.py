"""Model fields whose values are encrypted in the database (see core.crypto)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from kalantari.core import crypto


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext, bound to its table and column.

    Only `isnull` can be looked up: search goes through a blind index field instead.
    """

    def contribute_to_class(self, cls: Any, name: str, *args: Any, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.crypto_context = f"{cls._meta.label_lower}.{name}"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value, context=self.crypto_context)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "" or crypto.is_encrypted(value):
            return value
        return crypto.encrypt(value, context=self.crypto_context)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(
                f"{self.crypto_context} is encrypted: search it through its blind index"
            )
        return super().get_lookup(lookup_name)


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (a dict of a category's extra fields) stored encrypted."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        text = super().from_db_value(value, expression, connection)
        if text is None or text == "":
            return {}
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value else {}
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str) and crypto.is_encrypted(value):
            return value
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return crypto.encrypt(text, context=self.crypto_context)

    def value_to_string(self, obj: Any) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
