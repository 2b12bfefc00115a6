"""Hash chains for records that must never change once written.

The station diary chains its entries per station, and each evidence item chains its
custody events. A record's hash covers its own fields and the hash of the record before
it, so a changed, deleted, inserted or reordered record breaks the chain at that record;
the chain's head row (last sequence number and hash) catches a deleted tail. Fields are
length-prefixed before hashing, so no text typed into a field can make two different
records hash the same bytes (a separator inside one field cannot shift another).

The audit log (`audit.chain`) predates this module and keeps its own JSON form, so the
hashes already written there stay valid.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection as default_connection
from django.db import models, transaction
from django.utils.translation import gettext as _

GENESIS = "0" * 64


class ChainHead(models.Model):
    """The tip of one chain; its row lock serialises appends to that chain only.

    A concrete head names its chain by its primary key (a station, an item)."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        abstract = True


def encode(value: Any) -> str:
    """One field as hashed: datetimes in UTC to the microsecond, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("hash chains take aware datetimes only")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def body(*fields: Any) -> bytes:
    """The bytes a record's hash covers: each field length-prefixed, in a fixed order."""
    return "".join(f"{len(p)}:{p}" for p in map(encode, fields)).encode()


def link(prev: str, record_body: bytes) -> str:
    """The hash of a record that follows `prev`."""
    return hashlib.sha256(prev.encode("ascii") + record_body).hexdigest()


def advance(head_model: type[ChainHead], key: Any) -> tuple[int, str]:
    """Take the chain's head (row lock until the caller's transaction ends): (seq, prev hash).

    Runs inside the caller's transaction; the record is then inserted with that sequence
    number and its hash written back with `seal`. One round trip when the head exists.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("advance() must run inside the caller's transaction")
    table = head_model._meta.db_table
    pk_column = head_model._meta.pk.column
    bump = f"UPDATE {table} SET seq = seq + 1 WHERE {pk_column} = %s RETURNING seq, hash"  # noqa: S608 # nosec B608 - our table name
    db_key = head_model._meta.pk.get_db_prep_value(key, default_connection)
    with transaction.get_connection().cursor() as cursor:
        cursor.execute(bump, [db_key])
        row = cursor.fetchone()
        if row is None:
            head_model._default_manager.get_or_create(pk=key)
            cursor.execute(bump, [db_key])
            row = cursor.fetchone()
    if row is None:
        raise RuntimeError(f"no head row for {table} {key}")
    return int(row[0]), str(row[1])


def seal(head_model: type[ChainHead], key: Any, new_hash: str) -> None:
    """Write the hash of the record just appended as the chain's tip."""
    head_model._default_manager.filter(pk=key).update(hash=new_hash)


@dataclass(frozen=True)
class Break:
    """The first place a chain stops being trustworthy."""

    chain: str
    seq: int
    record: str
    reason: str

    def __str__(self) -> str:
        where = f" ({self.record})" if self.record else ""
        return f"{self.chain} #{self.seq}{where}: {self.reason}"


# A row as walked: (chain, seq, record id, prev hash, hash, body bytes), in (chain, seq) order.
Row = tuple[str, int, str, str, str, bytes]


def walk(rows: Iterable[Row], heads: Mapping[str, tuple[int, str]]) -> Iterator[Break]:
    """Yield the first break of each chain (rows sorted by chain, then seq).

    `heads` holds each chain's (seq, hash) as read *before* the rows, so records appended
    while the walk runs are past the head and not judged. A chain in `heads` without rows
    (all deleted) and a chain with rows but no head both break.
    """
    seen: set[str] = set()
    for chain, chain_rows in groupby(rows, key=itemgetter(0)):
        seen.add(chain)
        found = walk_one(chain, chain_rows, heads.get(chain))
        if found is not None:
            yield found
    for chain, (seq, _hash) in heads.items():
        if chain not in seen and seq > 0:
            yield Break(chain, 1, "", _("every record of the chain is missing"))


def walk_one(chain: str, rows: Iterable[Row], head: tuple[int, str] | None) -> Break | None:
    """The first break of one chain's rows (sorted by seq), or None."""
    if head is None:
        for _chain, seq, record, *_rest in rows:
            return Break(chain, seq, record, _("the chain has records but no head"))
        return None
    limit, expected, prev = head[0], 1, GENESIS
    for _chain, seq, record, prev_hash, hash_, record_body in rows:
        if seq > limit:
            break  # appended after the head was read
        failure = _check_row(seq, expected, prev_hash, prev, hash_, record_body)
        if failure is not None:
            return Break(chain, expected, record, failure)
        prev = hash_
        expected += 1
    return _check_end(chain, expected - 1, prev, head)


def _check_row(
    seq: int, expected: int, prev_hash: str, prev: str, hash_: str, record_body: bytes
) -> str | None:
    if seq != expected:
        if seq > expected:
            return _("record #%(seq)s is missing") % {"seq": expected}
        return _("a record is repeated or out of order")
    if prev_hash != prev:
        return _("the record does not follow the one before it")
    if link(prev_hash, record_body) != hash_:
        return _("the record was changed after it was written")
    return None


def _check_end(chain: str, last: int, last_hash: str, head: tuple[int, str] | None) -> Break | None:
    if head is None:
        return None
    seq, hash_ = head
    if last < seq:
        return Break(chain, last + 1, "", _("records after #%(seq)s are missing") % {"seq": last})
    if last_hash != hash_:
        return Break(chain, last, "", _("the last record does not match the chain's head"))
    return None
