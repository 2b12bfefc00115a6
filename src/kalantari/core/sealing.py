"""Data steps for migrations that seal columns, re-seal them per row, and undo either.

`SEALED` lists are (app label, model name, field names). Every step here reads and writes
the raw columns with SQL and says explicitly what it believes a value to be — plaintext
to seal, a `kv1.` column-bound value, a `kv2.` row-bound value — instead of letting the
field guess from a prefix (core.fields never does; see core.crypto). Each value is bound
to `app.model.field#<pk>` (`crypto.row_context`), the row's primary key as the model
prints it.

- `seal_columns`: columns that were plaintext until now: seal each value per row.
- `unseal_columns`: back to plaintext (reverse of the above and of 0004's sealing).
- `bind_to_rows` / `unbind_from_rows`: `kv1.` (column-bound) to `kv2.` (row-bound) and
  back (`cases.0004_seal_per_row`).
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from kalantari.core import crypto

Sealed = Sequence[tuple[str, str, Sequence[str]]]
DataStep = Callable[[Any, Any], None]

logger = logging.getLogger("kalantari.crypto")
CHUNK = 500


def _columns(apps: Any, sealed: Sealed) -> Iterator[tuple[Any, list[Any], str]]:
    for app_label, model_name, names in sealed:
        model = apps.get_model(app_label, model_name)
        fields = [model._meta.get_field(name) for name in names]
        yield model, fields, f"{app_label}.{model_name.lower()}"


def raw_rows(connection: Any, model: Any, fields: Sequence[Any]) -> Iterator[tuple[Any, list[Any]]]:
    """(pk as the model prints it, raw column values) for every row, in pk order."""
    quote = connection.ops.quote_name
    pk = model._meta.pk
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    last = None
    while True:
        sql = f"SELECT {quote(pk.column)}, {columns} FROM {table}"  # noqa: S608 - model metadata  # nosec B608
        params: list[Any] = []
        if last is not None:
            sql += f" WHERE {quote(pk.column)} > %s"
            params.append(last)
        sql += f" ORDER BY {quote(pk.column)} LIMIT {CHUNK}"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return
        last = rows[-1][0]
        for row in rows:
            yield pk.to_python(row[0]), list(row[1:])


def write_raw(connection: Any, model: Any, pk: Any, values: dict[Any, str]) -> None:
    """Store raw column values (already sealed or deliberately plain) in one row."""
    quote = connection.ops.quote_name
    pk_field = model._meta.pk
    sets = ", ".join(f"{quote(f.column)} = %s" for f in values)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(pk_field.column)} = %s",  # noqa: S608  # nosec B608
            [*values.values(), pk_field.get_db_prep_value(pk, connection)],
        )


def _each_value(
    apps: Any, schema_editor: Any, sealed: Sealed, change: Callable[[str, str, str], str | None]
) -> None:
    """Call change(raw value, column label, row context) on every non-empty value; write what
    it returns (None leaves the value as it is)."""
    connection = schema_editor.connection
    for model, fields, label in _columns(apps, sealed):
        for pk, values in raw_rows(connection, model, fields):
            new: dict[Any, str] = {}
            for field, stored in zip(fields, values, strict=True):
                if not stored:
                    continue
                column = f"{label}.{field.name}"
                result = change(str(stored), column, crypto.row_context(column, pk))
                if result is not None and result != stored:
                    new[field] = result
            if new:
                write_raw(connection, model, pk, new)


def seal_columns(sealed: Sealed) -> DataStep:
    """Seal, per row, columns that held plaintext until this migration."""

    def seal(apps: Any, schema_editor: Any) -> None:
        _each_value(
            apps, schema_editor, sealed, lambda text, _col, ctx: crypto.encrypt(text, context=ctx)
        )

    return seal


def _plaintext(stored: str, column: str, context: str) -> str | None:
    try:
        return crypto.decrypt(stored, context=context)
    except crypto.KeyError_:
        pass
    try:
        return crypto.decrypt_column_bound(stored, column=column)
    except crypto.KeyError_:
        logger.error("unseal: %s row %s does not open; left as it is", column, context)
        return None


def unseal_columns(sealed: Sealed) -> DataStep:
    """Put the plaintext back (row-bound or column-bound values), for a migration's reverse."""

    def unseal(apps: Any, schema_editor: Any) -> None:
        _each_value(apps, schema_editor, sealed, _plaintext)

    return unseal


def _looks_made_by_us(stored: str) -> bool:
    """Could this be a `kv1.` value the old field wrote (a known key, a body that decodes)?"""
    key_id = crypto.key_id_of(stored)
    if key_id is None or not stored.startswith(crypto.COLUMN_BOUND_PREFIX):
        return False
    if key_id not in crypto.keyring().data_keys:
        return False
    try:
        body = stored[len(crypto.COLUMN_BOUND_PREFIX) :].split(".", 1)[1]
        return len(base64.urlsafe_b64decode(body)) > crypto.NONCE_BYTES + 16
    except (ValueError, IndexError):
        return False


def _bind(stored: str, column: str, context: str) -> str | None:
    if stored.startswith(crypto.PREFIX):
        try:
            crypto.decrypt(stored, context=context)
            return None  # already row-bound
        except crypto.KeyError_:
            pass
    try:
        plain = crypto.decrypt_column_bound(stored, column=column)
    except crypto.KeyError_:
        if _looks_made_by_us(stored):
            # Sealed by us but does not open: damaged. Leave it; it reads as unreadable.
            logger.error("seal per row: %s (%s) does not open; left as it is", column, context)
            return None
        # Plaintext that the old field let through because it looked sealed (a citizen
        # typed `kv1.…`), or a value never sealed: seal it as the text it is.
        plain = stored
    return crypto.encrypt(plain, context=context)


def _unbind(stored: str, column: str, context: str) -> str | None:
    try:
        plain = crypto.decrypt(stored, context=context)
    except crypto.KeyError_:
        return None
    return crypto.encrypt_column_bound(plain, column=column)


def bind_to_rows(sealed: Sealed) -> DataStep:
    """Re-seal column-bound (`kv1.`) values bound to their row (`kv2.`)."""

    def bind(apps: Any, schema_editor: Any) -> None:
        _each_value(apps, schema_editor, sealed, _bind)

    return bind


def unbind_from_rows(sealed: Sealed) -> DataStep:
    """Back to column-bound values (what the code before row binding reads)."""

    def unbind(apps: Any, schema_editor: Any) -> None:
        _each_value(apps, schema_editor, sealed, _unbind)

    return unbind
