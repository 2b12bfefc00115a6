"""The audit hash chain: append, verify, and sign checkpoints with a key outside the database.

A chain per org unit keeps stations independent: an append locks only its chain's head
row, at the end of the caller's transaction. Hashes cover every column of the event, so a
changed, deleted or inserted row breaks the chain at that row; a signed checkpoint stops a
thief who rewrites the whole tail, since re-signing needs the private key.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.db import models, transaction

from kalantari.audit.models import (
    GENESIS,
    AuditChainHead,
    AuditCheckpoint,
    AuditEvent,
    AuditSubject,
)

SYSTEM_CHAIN = "system"


def chain_for(unit_id: Any, actor_unit_id: Any) -> str:
    """The chain an event joins: the record's unit, else the actor's, else the system's."""
    unit = unit_id or actor_unit_id
    return str(unit) if unit else SYSTEM_CHAIN


def normalise_ip(ip: str | None) -> str | None:
    if not ip:
        return None
    try:
        return ipaddress.ip_address(ip.strip()).compressed
    except ValueError:
        return None


def _id(value: Any) -> str:
    return "" if value is None else str(value)


def canonical(event: AuditEvent) -> bytes:
    """The bytes an event's hash covers (every column but the hash itself)."""
    body = {
        "chain": event.chain,
        "seq": event.seq,
        "prev": event.prev_hash,
        "at": event.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "action": event.action,
        "actor": _id(event.actor_id),
        "actor_unit": _id(event.actor_unit_id),
        "actor_role": event.actor_role,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "unit": _id(event.unit_id),
        "purpose": event.purpose,
        "outcome": event.outcome,
        "ip": event.ip or "",
        "user_agent": event.user_agent,
        "changes": event.changes,
        "subjects": event.subjects,
    }
    if event.purpose_code:
        # Added later: left out when empty, so records written before it keep their hash.
        body["purpose_code"] = event.purpose_code
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(event: AuditEvent) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


def _locked_head(chain: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is None:
        AuditChainHead.objects.get_or_create(chain=chain)
        head = AuditChainHead.objects.select_for_update().get(chain=chain)
    return head


_HEAD = AuditChainHead._meta.db_table
# Bumping the head's number takes the row lock and returns the previous tip in one round
# trip; the lock is then held only until the caller's transaction commits.
_BUMP = f"UPDATE {_HEAD} SET seq = seq + 1 WHERE chain = %s RETURNING seq, hash"  # noqa: S608 - our table name  # nosec B608
_SEAL = f"UPDATE {_HEAD} SET hash = %s WHERE chain = %s"  # noqa: S608 - our table name  # nosec B608


def append(event: AuditEvent) -> AuditEvent:
    """Link the event to its chain and insert it (inside the caller's transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        with transaction.atomic():
            return append(event)
    event.ip = normalise_ip(event.ip)
    event.chain = chain_for(event.unit_id, event.actor_unit_id)
    with connection.cursor() as cursor:
        cursor.execute(_BUMP, [event.chain])
        row = cursor.fetchone()
        if row is None:
            AuditChainHead.objects.get_or_create(chain=event.chain)
            cursor.execute(_BUMP, [event.chain])
            row = cursor.fetchone()
        event.seq, event.prev_hash = int(row[0]), str(row[1])
        event.hash = event_hash(event)
        event.save()
        cursor.execute(_SEAL, [event.hash, event.chain])
    _index_subjects([event])
    return event


def bulk_append(events: list[AuditEvent]) -> None:
    """Append many events at once, in the order given (the demo seeds history this way)."""
    by_chain: dict[str, list[AuditEvent]] = {}
    for event in events:
        event.ip = normalise_ip(event.ip)
        event.chain = chain_for(event.unit_id, event.actor_unit_id)
        by_chain.setdefault(event.chain, []).append(event)
    with transaction.atomic():
        for chain, chained in by_chain.items():
            head = _locked_head(chain)
            seq, prev = head.seq, head.hash
            for event in chained:
                seq += 1
                event.seq, event.prev_hash = seq, prev
                event.hash = prev = event_hash(event)
            AuditChainHead.objects.filter(chain=chain).update(seq=seq, hash=prev)
        AuditEvent.objects.bulk_create(events, batch_size=1000)
        _index_subjects(events)


def _index_subjects(events: Iterable[AuditEvent]) -> None:
    rows = []
    for event in events:
        for subject in event.subjects:
            kind, _sep, ident = str(subject).partition(":")
            rows.append(AuditSubject(event_id=event.pk, subject_type=kind, subject_id=ident))
    if rows:
        AuditSubject.objects.bulk_create(rows, batch_size=1000)


@dataclass(frozen=True)
class Break:
    """The first place a chain stops being trustworthy."""

    chain: str
    seq: int
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"event id {self.event_id}" if self.event_id is not None else "no event"
        return f"chain {self.chain}, record #{self.seq} ({where}): {self.reason}"


def _events(chain: str, limit: int | None) -> Iterator[AuditEvent]:
    rows = AuditEvent.objects.filter(chain=chain)
    if limit is not None:
        rows = rows.filter(seq__lte=limit)
    return rows.order_by("seq").iterator(chunk_size=2000)


def verify_chain(chain: str, public_key: Ed25519PublicKey | None) -> Break | None:
    """Walk one chain from its first record; return the first break found, if any."""
    # Read the head first: records appended while we walk are beyond it and not judged.
    head = AuditChainHead.objects.filter(chain=chain).first()
    checkpoints = list(AuditCheckpoint.objects.filter(chain=chain).order_by("seq"))
    walked = _walk(chain, head.seq if head is not None else None, {c.seq for c in checkpoints})
    if isinstance(walked, Break):
        return walked
    last, hashes_at = walked
    return (
        _check_end(chain, head, last, max((c.seq for c in checkpoints), default=0))
        or _check_past_head(chain)
        or _check_checkpoints(chain, checkpoints, hashes_at, public_key)
    )


def _walk(
    chain: str, limit: int | None, wanted: set[int]
) -> Break | tuple[AuditEvent | None, dict[int, str]]:
    """Each record links to the one before and hashes to what it says; the last record and
    the hashes at the checkpoints' numbers."""
    expected_seq, prev = 1, GENESIS
    hashes_at: dict[int, str] = {}
    last: AuditEvent | None = None
    for event in _events(chain, limit):
        if event.seq != expected_seq:
            reason = (
                f"record #{expected_seq} is missing (deleted?)"
                if event.seq > expected_seq
                else "a record with a repeated number (inserted?)"
            )
            return Break(chain, expected_seq, event.pk, reason)
        if event.prev_hash != prev:
            return Break(chain, event.seq, event.pk, "does not link to the record before it")
        if event_hash(event) != event.hash:
            return Break(chain, event.seq, event.pk, "its content was changed after it was written")
        if event.seq in wanted:
            hashes_at[event.seq] = event.hash
        prev, expected_seq, last = event.hash, expected_seq + 1, event
    return last, hashes_at


def _check_end(
    chain: str, head: AuditChainHead | None, last: AuditEvent | None, signed_up_to: int
) -> Break | None:
    """The walk ended where the head and the signed checkpoints say it should."""
    last_seq = last.seq if last else 0
    if last_seq < signed_up_to:
        # A signed checkpoint vouches for records that are gone: a whole chain (or its
        # tail, with the head rewound) was deleted. No key is needed to see that.
        what = "the whole chain is missing" if last is None else "records are missing"
        return Break(
            chain,
            last_seq + 1,
            None,
            f"{what}: a signed checkpoint names record #{signed_up_to} (deleted?)",
        )
    if head is None and last is not None:
        return Break(chain, last_seq, last.pk, "the chain has no head (tampered)")
    last_hash = last.hash if last is not None else GENESIS
    if head is not None and (head.seq != last_seq or head.hash != last_hash):
        return Break(
            chain,
            last_seq + 1 if head.seq > last_seq else last_seq,
            None,
            f"the chain ends at #{last_seq} but its head says #{head.seq} (records removed?)",
        )
    return None


def _check_past_head(chain: str) -> Break | None:
    """Rows past the head: a real append moves the head in the same transaction, so read
    the highest number first and the head after it; only a forged row can stay ahead."""
    highest = AuditEvent.objects.filter(chain=chain).aggregate(m=models.Max("seq"))["m"] or 0
    head_now = AuditChainHead.objects.filter(chain=chain).first()
    if head_now is not None and highest > head_now.seq:
        extra = AuditEvent.objects.filter(chain=chain, seq__gt=head_now.seq).order_by("seq")[0]
        return Break(chain, extra.seq, extra.pk, "a record was added past the chain's head")
    return None


def _check_checkpoints(
    chain: str,
    checkpoints: list[AuditCheckpoint],
    hashes_at: dict[int, str],
    public_key: Ed25519PublicKey | None,
) -> Break | None:
    """Each signed checkpoint's signature holds and names the hash the walk found."""
    if public_key is None:
        return None
    for checkpoint in checkpoints:
        try:
            public_key.verify(base64.b64decode(checkpoint.signature), checkpoint.message())
        except (InvalidSignature, ValueError):
            return Break(chain, checkpoint.seq, None, "a checkpoint's signature is not valid")
        if hashes_at.get(checkpoint.seq) != checkpoint.hash:
            return Break(
                chain,
                checkpoint.seq,
                None,
                "differs from the signed checkpoint (history rewritten)",
            )
    return None


def all_chains() -> list[str]:
    """Every chain anything names: heads, records, and signed checkpoints (so a chain
    deleted with its head is still verified, and found missing)."""
    heads = set(AuditChainHead.objects.values_list("chain", flat=True))
    used = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    signed = set(AuditCheckpoint.objects.values_list("chain", flat=True).distinct())
    return sorted(heads | used | signed)


# Signing key ---------------------------------------------------------------------------


def _key_path() -> Path:
    return Path(settings.KALANTARI_AUDIT_SIGNING_KEY_FILE)


def signing_key(*, create: bool = True) -> Ed25519PrivateKey | None:
    """The checkpoint key from its file (made on first use, readable by its owner only)."""
    path = _key_path()
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        return key
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return loaded


def public_key() -> Ed25519PublicKey | None:
    """The verifying key: a public key file if configured, else derived from the private key."""
    public_file = settings.KALANTARI_AUDIT_PUBLIC_KEY_FILE
    if public_file and Path(public_file).exists():
        loaded = serialization.load_pem_public_key(Path(public_file).read_bytes())
        return loaded if isinstance(loaded, Ed25519PublicKey) else None
    key = signing_key(create=False)
    return key.public_key() if key is not None else None


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def checkpoint_all() -> list[AuditCheckpoint]:
    """Sign every chain's current tip (run periodically: `kalantari audit checkpoint`)."""
    key = signing_key()
    if key is None:  # signing_key() makes one when missing; None only if it could not
        raise RuntimeError("no audit signing key")
    made = []
    for head in AuditChainHead.objects.filter(seq__gt=0):
        last = AuditCheckpoint.objects.filter(chain=head.chain).order_by("-seq").first()
        if last is not None and last.seq == head.seq:
            continue
        checkpoint = AuditCheckpoint(
            chain=head.chain, seq=head.seq, hash=head.hash, key_id=key_id(key.public_key())
        )
        checkpoint.signature = base64.b64encode(key.sign(checkpoint.message())).decode()
        checkpoint.save()
        made.append(checkpoint)
    return made
