"""Idempotency-Key handling, as payment APIs do it: one key, one result, however often sent.

The stored answer is sealed with the key ring (AES-GCM, bound to its row): it can hold a
secret the citizen must get back on a retry (an anonymous tip's PIN), which must not sit
in clear in the database for the records' lifetime.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kalantari.core import crypto
from kalantari.core.errors import ValidationFailed
from kalantari.core.models import IdempotencyRecord

MAX_KEY_LENGTH = 255


def request_fingerprint(payload: Any) -> str:
    """A stable hash of what was asked, so a reused key with another body is caught."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def claim(*, scope: str, key: str, fingerprint: str) -> IdempotencyRecord | dict[str, Any]:
    """Reserve `key` inside the caller's transaction, or return the answer already stored.

    The unique row makes a concurrent twin wait until this transaction ends; it then finds the
    row and replays the stored answer. Must be called inside `transaction.atomic`.
    """
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(
            _("The Idempotency-Key must be 1 to 255 characters."),
            code="idempotency_key_invalid",
            field="Idempotency-Key",
        )
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(scope=scope, key=key, request_hash=fingerprint)
    except IntegrityError:
        stored = IdempotencyRecord.objects.get(scope=scope, key=key)
    if stored.request_hash != fingerprint:
        raise ValidationFailed(
            _(
                "This Idempotency-Key was already used for a different request; "
                "use a new key for a new report."
            ),
            code="idempotency_key_reused",
            field="Idempotency-Key",
        )
    return {"status": stored.response_status, "body": unseal(stored)}


SEALED = "sealed"


def _context(record_id: Any) -> str:
    return f"core.idempotencyrecord.response_body:{record_id}"


def seal(record_id: Any, body: dict[str, Any]) -> dict[str, Any]:
    """The form a stored answer takes in the database: one sealed string."""
    text = json.dumps(body, ensure_ascii=False, default=str)
    return {SEALED: crypto.encrypt(text, context=_context(record_id))}


def unseal(record: IdempotencyRecord) -> dict[str, Any]:
    """The stored answer in clear (answers stored before sealing pass through)."""
    stored = record.response_body or {}
    if isinstance(stored, dict) and set(stored) == {SEALED}:
        opened: dict[str, Any] = json.loads(
            crypto.decrypt(stored[SEALED], context=_context(record.pk))
        )
        return opened
    return dict(stored)


def store(record: IdempotencyRecord, *, status: int, body: dict[str, Any]) -> None:
    record.response_status = status
    record.response_body = seal(record.pk, body)
    record.save(update_fields=["response_status", "response_body"])


def purge(*, before: datetime, commit: bool) -> int:
    """Count the records older than `before` (their retries are long over); delete them if
    `commit`. Retention calls this: core deletes its own rows."""
    stale = IdempotencyRecord.objects.filter(created_at__lt=before)
    count = stale.count()
    if commit and count:
        stale.delete()
    return count
