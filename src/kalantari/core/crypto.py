"""Field encryption (AES-256-GCM) and keyed blind indexes (HMAC-SHA256) for personal data.

Keys live in a key file or the `KALANTARI_KEYS` environment variable, never in the
database. A stored value reads `kv2.<key id>.<base64url(nonce + ciphertext)>`; the key id
lets old values stay readable while `kalantari keys rotate` re-encrypts them under a new
key. The associated data names the column *and the row* (`intake.report.mobile#<pk>`,
see `row_context`), so a ciphertext copied into another column (a mobile pasted where a
national ID belongs) or into another row of the same column (one person's national ID
pasted onto someone else's report) does not decrypt.

`kv1.` values were bound to the column only; they exist only between the migrations that
sealed the columns and `cases.0004_seal_per_row`, which re-seals them per row. Nothing
reads or writes them at run time (`*_column_bound` serve those migrations alone).

Whether a value is sealed is never guessed from how it looks: `core.fields` seals
whatever the application gives it (a citizen may well type `kv2.abc.def`), and code that
moves sealed values (rotation, migrations) reads and writes the raw columns explicitly.

Blind indexes let exact-match search work without decrypting: HMAC of the normalised
value under a separate key, so equal values index equal and nothing else is learnt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "kv2."
COLUMN_BOUND_PREFIX = "kv1."
NONCE_BYTES = 12
RELOAD_SECONDS = 30.0
MIN_INDEX_KEY_BYTES = 32

# How many stored values did not open, per column, since the process started (the error
# itself is logged by core.fields with the row; this is for a health page or a shell).
unreadable_seen: Counter[str] = Counter()


class KeyError_(Exception):
    """A key is missing or a ciphertext does not open: never answered with plaintext."""


LEGACY_INDEX_KEY_ID = "0"  # the one blind-index key of key files older than index rotation


@dataclass(frozen=True)
class Keyring:
    """The data keys and the blind-index keys.

    `index_key` is the current blind-index key (what new indexes are computed with);
    `index_keys` holds it and any older ones still in use, by id, while
    `kalantari keys rotate-index` rebuilds the stored indexes: readers match under every
    one of them (`blind_index_candidates`), so search keeps working during a rotation.
    """

    current: str
    data_keys: dict[str, bytes]
    index_key: bytes
    index_current: str = LEGACY_INDEX_KEY_ID
    index_keys: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.index_keys:
            object.__setattr__(self, "index_keys", {self.index_current: self.index_key})

    def to_json(self) -> str:
        return json.dumps(
            {
                "current": self.current,
                "data_keys": {k: _b64(v) for k, v in self.data_keys.items()},
                "index_key": _b64(self.index_key),
                "index_current": self.index_current,
                # Older blind-index keys, kept while rows still use them (keys rotate-index).
                "index_previous": {
                    k: _b64(v) for k, v in self.index_keys.items() if k != self.index_current
                },
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Keyring:
        raw = json.loads(text)
        keys = {k: base64.b64decode(v) for k, v in raw["data_keys"].items()}
        if raw["current"] not in keys or any(len(v) != 32 for v in keys.values()):
            raise KeyError_("the key file is malformed (current key missing or not 256-bit)")
        index_current = str(raw.get("index_current") or LEGACY_INDEX_KEY_ID)
        previous = raw.get("index_previous") or {}
        index_keys = {k: base64.b64decode(v) for k, v in previous.items()}
        index_keys[index_current] = base64.b64decode(raw.get("index_key") or "")
        for index_key in index_keys.values():
            # An empty or short index key would make every blind index a plain, guessable hash.
            if len(index_key) < MIN_INDEX_KEY_BYTES:
                raise KeyError_(
                    f"the blind-index key is missing or shorter than {MIN_INDEX_KEY_BYTES} bytes"
                )
            if index_key in keys.values():
                raise KeyError_("the blind-index key must differ from every data key")
        return cls(
            current=raw["current"],
            data_keys=keys,
            index_key=index_keys[index_current],
            index_current=index_current,
            index_keys=index_keys,
        )

    @classmethod
    def generate(cls) -> Keyring:
        key_id = new_key_id()
        return cls(
            current=key_id,
            data_keys={key_id: AESGCM.generate_key(bit_length=256)},
            index_key=secrets.token_bytes(32),
        )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def new_key_id() -> str:
    return time.strftime("%Y%m%d") + secrets.token_hex(2)


_lock = threading.Lock()
_cache: dict[str, Any] = {"ring": None, "source": None, "mtime": None, "checked": 0.0}


def key_file() -> Path:
    return Path(settings.KALANTARI_KEY_FILE)


def write_keyring(ring: Keyring, path: Path | None = None) -> None:
    """Write the key file atomically, readable by its owner only."""
    path = path or key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(ring.to_json())
    os.replace(tmp, path)
    reset_cache()


def reset_cache() -> None:
    with _lock:
        _cache.update(ring=None, source=None, mtime=None, checked=0.0)


def keyring(*, refresh: bool = False) -> Keyring:
    """The keys, from the environment or the key file (made on first use in development)."""
    now = time.monotonic()
    with _lock:
        ring = _cache["ring"]
        if ring is not None and not refresh and now - _cache["checked"] < RELOAD_SECONDS:
            return ring
        env_value = os.environ.get("KALANTARI_KEYS", "")
        if env_value:
            if ring is None or _cache["source"] != env_value:
                ring = Keyring.from_json(env_value)
                _cache.update(ring=ring, source=env_value)
            _cache["checked"] = now
            return ring
        path = key_file()
        if not path.exists():
            if not settings.KALANTARI_KEYS_AUTOCREATE:
                raise KeyError_(f"no encryption keys: create {path} with `kalantari keys init`")
            fresh = Keyring.generate()
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as handle:
                    handle.write(fresh.to_json())
            except FileExistsError:
                pass  # another process made it first: read theirs
        mtime = path.stat().st_mtime_ns
        if ring is None or _cache["source"] != str(path) or _cache["mtime"] != mtime:
            ring = Keyring.from_json(path.read_text())
            _cache.update(ring=ring, source=str(path), mtime=mtime)
        _cache["checked"] = now
        return ring


def row_context(column: str, pk: object) -> str:
    """The associated data binding a value to its column and row: `intake.report.mobile#<pk>`."""
    return f"{column}#{pk}"


def _seal(plaintext: str, aad: str, prefix: str) -> str:
    ring = keyring()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(ring.data_keys[ring.current]).encrypt(nonce, plaintext.encode(), aad.encode())
    return f"{prefix}{ring.current}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def _open(stored: str, aad: str, prefix: str) -> str:
    if not stored.startswith(prefix):
        raise KeyError_("a stored value is not sealed")
    try:
        key_id, body = stored[len(prefix) :].split(".", 1)
        raw = base64.urlsafe_b64decode(body)
    except ValueError as exc:
        raise KeyError_("a stored value is damaged") from exc
    if len(raw) <= NONCE_BYTES:
        raise KeyError_("a stored value is damaged")
    ring = keyring()
    if key_id not in ring.data_keys:
        ring = keyring(refresh=True)  # another process may have added a key
        if key_id not in ring.data_keys:
            raise KeyError_(f"key {key_id} is not in the keyring")
    try:
        plain = AESGCM(ring.data_keys[key_id]).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode()
        )
        return plain.decode()
    except (InvalidTag, UnicodeDecodeError) as exc:
        raise KeyError_("a stored value does not open with its key (tampered or moved)") from exc


def encrypt(plaintext: str, *, context: str) -> str:
    """Seal any text under the current key; `context` is a `row_context`."""
    return _seal(plaintext, context, PREFIX)


def decrypt(stored: str, *, context: str) -> str:
    """The plaintext of a sealed value; anything else (damaged, moved, clear) raises KeyError_."""
    return _open(stored, context, PREFIX)


def reseal(stored: str, *, context: str) -> str:
    """The same plaintext sealed again under the current key (rotation)."""
    return encrypt(decrypt(stored, context=context), context=context)


def encrypt_column_bound(plaintext: str, *, column: str) -> str:
    """A `kv1.` value, bound to the column only: for reversing `cases.0004_seal_per_row`."""
    return _seal(plaintext, column, COLUMN_BOUND_PREFIX)


def decrypt_column_bound(stored: str, *, column: str) -> str:
    """Open a `kv1.` value (bound to the column only): for migrations only."""
    return _open(stored, column, COLUMN_BOUND_PREFIX)


def key_id_of(stored: str) -> str | None:
    """The key a stored value names (without checking that it opens), else None."""
    for prefix in (PREFIX, COLUMN_BOUND_PREFIX):
        if stored.startswith(prefix) and "." in stored[len(prefix) :]:
            return stored[len(prefix) :].split(".", 1)[0]
    return None


def current_index_key_id() -> str:
    """The id of the blind-index key new indexes are computed with (stored beside them)."""
    return keyring().index_current


def _mac(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def blind_index(kind: str, value: str) -> str:
    """A keyed hash for exact-match search; empty for an empty value."""
    if not value:
        return ""
    return _mac(keyring().index_key, kind, value)


def blind_index_candidates(kind: str, value: str) -> list[str]:
    """The value's blind index under every index key still in use, the current one first.

    Search matches any of them, so rows not yet rebuilt by `keys rotate-index` are found.
    """
    if not value:
        return []
    ring = keyring()
    others = [k for i, k in sorted(ring.index_keys.items()) if i != ring.index_current]
    return [_mac(key, kind, value) for key in [ring.index_key, *others]]


def token_index(kind: str, text: str) -> str:
    """Blind indexes of a normalised name's tokens, space-separated and padded, for search.

    The tokens are each word, each adjacent pair joined and the parts of known compounds
    (`core.text.name_tokens`), so a name written as one word, two words or with a ZWNJ is
    found by any of these forms (`core.text.name_query` on the query side).
    """
    from kalantari.core.text import name_tokens

    tokens = sorted(name_tokens(text))
    if not tokens:
        return ""
    return " " + " ".join(token_digest(kind, t) for t in tokens) + " "


def token_digest(kind: str, token: str) -> str:
    """One token as `token_index` stores it (80 bits of its blind index)."""
    return blind_index(kind, token)[:20]


def token_digest_candidates(kind: str, token: str) -> list[str]:
    """One token as stored under each index key still in use (see `blind_index_candidates`)."""
    return [digest[:20] for digest in blind_index_candidates(kind, token)]
