"""Model fields whose values are encrypted in the database (see core.crypto).

How a value travels:

- In Python an encrypted attribute always holds what the application means: the
  plaintext. Whatever is assigned is sealed when the row is saved (`pre_save`, which knows
  the instance and so its primary key) — nothing is ever passed through because it
  *looks* sealed: a citizen who types `kv1.abc.def` gets exactly that back.
- A value read from the database is kept as a `Sealed` (the stored text and the row it
  was read from) and opened only when the attribute is read (`SealedAttribute`), so a
  queue that never shows a statement never decrypts one, and saving a row whose sealed
  values were not touched writes them back as they were (no re-encryption, no loss).
- The associated data is the column and the row's primary key (`crypto.row_context`), so
  the primary key must be known before the first save: our models use UUIDv7 defaults
  (core.models.BaseModel); `checks.encrypted_models_know_their_pk` guards new models.
- A value that does not open (damaged, moved to another row or column, a key missing) is
  logged as an error for the admin, counted in `crypto.unreadable_seen`, and reads as an
  `Unreadable` marker: the translated word "(unreadable)". The page around it still
  works; saving the row writes the undecryptable value back untouched.
- Queryset `.update()` cannot bind a value to rows it does not see: only empty values
  and `Sealed` values (moved explicitly by rotation and migrations) are accepted there.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext

from kalantari.core import crypto

logger = logging.getLogger("kalantari.crypto")


class Sealed:
    """A value as stored in the database: `text` is the ciphertext, `row` the pk it is bound to.

    Only the database layer makes these; a plain `str` from anywhere else is plaintext.
    """

    __slots__ = ("failed", "row", "text")

    def __init__(self, text: str, row: Any = None) -> None:
        self.text = text
        self.row = row
        self.failed = False

    def __repr__(self) -> str:
        return f"<Sealed {self.text[:12]}…>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


class Unreadable(str):
    """Read in place of a value that does not open: shows as "(unreadable)", keeps the original.

    Assigning it back (a refresh, a copy) restores the sealed value, not the marker text.
    """

    sealed: Sealed

    def __new__(cls, sealed: Sealed) -> Unreadable:
        marker = super().__new__(cls, gettext("(unreadable)"))
        marker.sealed = sealed
        return marker


class UnreadableDict(dict[str, str]):
    """An encrypted JSON value that does not open: one line saying so, where the fields were."""

    sealed: Sealed

    def __init__(self, sealed: Sealed) -> None:
        super().__init__({"—": gettext("(unreadable)")})
        self.sealed = sealed


class SealedAttribute(DeferredAttribute):
    """Keeps the sealed value on the instance and opens it on first read (with the row's pk)."""

    field: EncryptedTextField

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        data = instance.__dict__
        name = self.field.attname
        if name not in data:
            super().__get__(instance, cls)  # a deferred field: loads it
        value = data[name]
        if isinstance(value, Sealed):
            return self.field.open(value, instance)
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        if isinstance(value, (Unreadable, UnreadableDict)):
            value = value.sealed
        if isinstance(value, Sealed) and value.row is None:
            # Loaded from the database: fields are set in column order, the pk first.
            value.row = instance.__dict__.get(instance._meta.pk.attname)
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Text stored as AES-GCM ciphertext, bound to its table, column and row.

    Only `isnull` can be looked up: search goes through a blind index field instead.
    """

    descriptor_class = SealedAttribute

    def contribute_to_class(self, cls: Any, name: str, *args: Any, **kwargs: Any) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.crypto_context = f"{cls._meta.label_lower}.{name}"

    # -- text <-> Python value (the JSON field overrides these two) ------------------------
    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def unreadable(self, sealed: Sealed) -> Any:
        return Unreadable(sealed)

    def is_empty(self, value: Any) -> bool:
        return value is None or value == ""

    # -- sealing and opening ---------------------------------------------------------------
    def seal(self, value: Any, pk: Any) -> Sealed:
        """The value sealed for the row `pk` (what `pre_save` writes)."""
        text = crypto.encrypt(
            self.to_text(value), context=crypto.row_context(self.crypto_context, pk)
        )
        return Sealed(text, row=pk)

    def open(self, sealed: Sealed, instance: Any) -> Any:
        """The plaintext of a stored value, or the `Unreadable` marker (logged once per load)."""
        if sealed.row is None:
            sealed.row = instance.pk
        if not sealed.failed:
            try:
                text = crypto.decrypt(
                    sealed.text, context=crypto.row_context(self.crypto_context, sealed.row)
                )
                value = self.from_text(text)
            except (crypto.KeyError_, ValueError) as exc:
                sealed.failed = True
                crypto.unreadable_seen[self.crypto_context] += 1
                logger.error(
                    "unreadable encrypted value: %s row %s (%s); shown as unreadable",
                    self.crypto_context,
                    sealed.row,
                    exc,
                )
            else:
                # Opened: the instance now holds the plaintext (a save seals it afresh).
                instance.__dict__[self.attname] = value
                return value
        return self.unreadable(sealed)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, Sealed):
            if value.row is None:
                value.row = model_instance.pk
            if str(value.row) == str(model_instance.pk):
                return value  # untouched since it was read: written back as it was
            # The row's pk changed (a copy): open under the old row, seal under the new one.
            opened = self.open(value, model_instance)
            if value.failed:
                raise crypto.KeyError_(
                    f"{self.crypto_context}: an unreadable value cannot move to another row"
                )
            value = opened
        if self.is_empty(value):
            return value
        if model_instance.pk is None:
            raise ValueError(f"{self.crypto_context} is sealed per row: set the pk before saving")
        return self.seal(value, model_instance.pk)

    # -- the database boundary -------------------------------------------------------------
    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return Sealed(value)

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, Sealed):
            return value.text
        if value is None or value == "":
            return value
        raise TypeError(
            f"{self.crypto_context} is sealed per row: assign it on the instance and save "
            "(a queryset update cannot bind a value to its rows)"
        )

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise TypeError(
                f"{self.crypto_context} is encrypted: search it through its blind index"
            )
        return super().get_lookup(lookup_name)

    def value_to_string(self, obj: Any) -> str:
        return self.to_text(self.value_from_object(obj))


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (a dict of a category's extra fields) stored encrypted."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def to_text(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_text(self, text: str) -> Any:
        return json.loads(text)

    def unreadable(self, sealed: Sealed) -> Any:
        return UnreadableDict(sealed)

    def is_empty(self, value: Any) -> bool:
        return value is None

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return {}
        return Sealed(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            return json.loads(value) if value else {}
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return super().get_prep_value(value)
