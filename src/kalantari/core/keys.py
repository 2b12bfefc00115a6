"""Key management: create the keyring, report which key protects how much, rotate.

Rotation without downtime: the new key joins the keyring as the current one; running
processes pick the changed key file up within `crypto.RELOAD_SECONDS` (and at once when
they meet a value sealed with a key they do not know), and old values stay readable
while every encrypted column is re-sealed under the new key, batch by batch.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps
from django.db import connection, models, transaction

from kalantari.core import crypto
from kalantari.core.fields import EncryptedTextField, Unreadable
from kalantari.core.sealing import raw_rows, write_raw

logger = logging.getLogger("kalantari.crypto")


def encrypted_columns() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def key_usage() -> Counter[str]:
    """How many stored values each key seals ("clear" for any still unencrypted)."""
    usage: Counter[str] = Counter()
    quote = connection.ops.quote_name
    for model, fields in encrypted_columns():
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            table = quote(model._meta.db_table)
            cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 - model metadata  # nosec B608
            for row in cursor.fetchall():
                for value in row:
                    if value:
                        usage[crypto.key_id_of(value) or "clear"] += 1
    return usage


def _file_keys_only() -> None:
    if os.environ.get("KALANTARI_KEYS"):
        raise ValueError("keys come from KALANTARI_KEYS here: change that variable instead")


def keys_init() -> crypto.Keyring:
    _file_keys_only()
    path = crypto.key_file()
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    ring = crypto.Keyring.generate()
    crypto.write_keyring(ring, path)
    return ring


def keys_add_current() -> str:
    """Add a fresh data key and make it the one new values are sealed with."""
    _file_keys_only()
    ring = crypto.keyring(refresh=True)
    key_id = crypto.new_key_id()
    while key_id in ring.data_keys:
        key_id = crypto.new_key_id()
    keys = dict(ring.data_keys)
    keys[key_id] = AESGCM.generate_key(bit_length=256)
    crypto.write_keyring(replace(ring, current=key_id, data_keys=keys))
    return key_id


def reseal_all() -> int:
    """Re-encrypt every value not sealed with the current key; returns how many rows moved.

    Values are read and written raw and re-sealed under their own row context
    (`crypto.reseal`): a sealed value is moved explicitly, never recognised by its prefix
    on the way through a model. A value that does not open stays as it is (logged): it
    keeps its old key in `keys status`, so `keys retire` refuses until someone looks.
    """
    current = crypto.keyring(refresh=True).current
    moved = 0
    for model, fields in encrypted_columns():
        for pk, values in raw_rows(connection, model, fields):
            new: dict[models.Field[Any, Any], str] = {}
            for field, stored in zip(fields, values, strict=True):
                if not stored or crypto.key_id_of(stored) == current:
                    continue
                context = crypto.row_context(field.crypto_context, pk)
                try:
                    new[field] = crypto.reseal(stored, context=context)
                except crypto.KeyError_ as exc:
                    logger.error("rotate: %s does not open (%s); left as it is", context, exc)
            if new:
                with transaction.atomic():
                    write_raw(connection, model, pk, new)
                moved += 1
    return moved


def unreadable_values() -> dict[str, list[Any]]:
    """Every stored value that does not open, as {column: [row pk, …]} (`keys verify`).

    The pages show such values as "(unreadable)" and log them when they are read; this
    finds them all at once, for the admin, without waiting for someone to open the case.
    """
    found: dict[str, list[Any]] = {}
    for model, fields in encrypted_columns():
        for pk, values in raw_rows(connection, model, fields):
            for field, stored in zip(fields, values, strict=True):
                if not stored:
                    continue
                try:
                    crypto.decrypt(stored, context=crypto.row_context(field.crypto_context, pk))
                except crypto.KeyError_:
                    found.setdefault(field.crypto_context, []).append(pk)
    return found


def keys_retire(key_id: str) -> None:
    """Drop an old key once nothing is sealed with it any more."""
    ring = crypto.keyring(refresh=True)
    if key_id == ring.current:
        raise ValueError("the current key cannot be retired; rotate first")
    if key_id not in ring.data_keys:
        raise ValueError(f"no key {key_id}")
    if key_usage().get(key_id):
        raise ValueError(f"values are still sealed with {key_id}: run `kalantari keys rotate`")
    keys = {k: v for k, v in ring.data_keys.items() if k != key_id}
    crypto.write_keyring(replace(ring, data_keys=keys))


# -- blind-index key rotation ----------------------------------------------------------------
#
# A model that keeps blind indexes declares them: `INDEX_FIELDS` (the index columns),
# `INDEX_SOURCES` (the encrypted fields they are computed from), an `index_key` column (the
# id of the index key its row was computed with) and `index_identity()` (recompute them all
# under the current key). Rotation: a new index key becomes current (new rows are indexed
# with it at once), the old one stays in the keyring so search matches both
# (`crypto.blind_index_candidates`), and every row still on an older key is rebuilt in small
# batches, each its own transaction. The rows' `index_key` is the progress: an interrupted
# rebuild resumes where it stopped; readers never wait for it.

INDEX_BATCH = 500


def index_models() -> Iterator[type[models.Model]]:
    """The models that keep blind indexes (see the declaration above)."""
    for model in apps.get_models():
        if hasattr(model, "INDEX_FIELDS") and hasattr(model, "index_identity"):
            yield model


def index_pending() -> dict[str, int]:
    """Rows per model whose indexes are not yet under the current index key."""
    current = crypto.keyring(refresh=True).index_current
    return {
        model._meta.label: model._default_manager.exclude(index_key=current).count()
        for model in index_models()
    }


def keys_add_index_key() -> str:
    """Add a fresh blind-index key and make it current; the older ones stay for readers."""
    _file_keys_only()
    ring = crypto.keyring(refresh=True)
    key_id = crypto.new_key_id()
    while key_id in ring.index_keys:
        key_id = crypto.new_key_id()
    key = secrets.token_bytes(32)
    index_keys = {**ring.index_keys, key_id: key}
    crypto.write_keyring(replace(ring, index_key=key, index_current=key_id, index_keys=index_keys))
    return key_id


def _readable(row: models.Model, sources: Iterable[str]) -> bool:
    return not any(isinstance(getattr(row, name), Unreadable) for name in sources)


def reindex_all(*, batch_size: int = INDEX_BATCH, max_batches: int | None = None) -> dict[str, int]:
    """Rebuild every row's blind indexes not yet under the current key; returns counts.

    `rebuilt` rows moved to the current key, `unreadable` rows were left as they were (a
    source value does not open: logged; they stay pending, so a later run retries them).
    `max_batches` stops early (a run in a maintenance window); running again resumes.
    """
    current = crypto.keyring(refresh=True).index_current
    counts = {"rebuilt": 0, "unreadable": 0}
    batches = 0
    for model in index_models():
        fields = [*model.INDEX_FIELDS, "index_key"]  # type: ignore[attr-defined]
        sources: tuple[str, ...] = model.INDEX_SOURCES  # type: ignore[attr-defined]
        after: Any = None
        while max_batches is None or batches < max_batches:
            pending = model._default_manager.exclude(index_key=current).order_by("pk")
            if after is not None:
                pending = pending.filter(pk__gt=after)
            with transaction.atomic():
                rows = list(pending.select_for_update().only("pk", *fields, *sources)[:batch_size])
                for row in rows:
                    if not _readable(row, sources):
                        logger.error("rotate-index: %s %s does not open; left", model, row.pk)
                        counts["unreadable"] += 1
                        continue
                    row.index_identity()  # type: ignore[attr-defined]
                    row.save(update_fields=fields)
                    counts["rebuilt"] += 1
            batches += 1
            if len(rows) < batch_size:
                break
            after = rows[-1].pk
    return counts
