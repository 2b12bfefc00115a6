"""Field encryption (AES-256-GCM) and keyed blind indexes (HMAC-SHA256) for personal data.

Keys live in a key file or the `KALANTARI_KEYS` environment variable, never in the
database. A stored value reads `kv1.<key id>.<base64url(nonce + ciphertext)>`; the key id
lets old values stay readable while `kalantari keys rotate` re-encrypts them under a new
key. The column's name is bound in as associated data, so a ciphertext copied into
another column (a mobile pasted where a national ID belongs) does not decrypt.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "kv1."
NONCE_BYTES = 12
RELOAD_SECONDS = 30.0


class KeyError_(Exception):
    """A key is missing or a ciphertext does not open: never answered with plaintext."""


@dataclass(frozen=True)
class Keyring:
    current: str
    data_keys: dict[str, bytes]
    index_key: bytes

    def to_json(self) -> str:
        return json.dumps(
            {
                "current": self.current,
                "data_keys": {k: _b64(v) for k, v in self.data_keys.items()},
                "index_key": _b64(self.index_key),
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Keyring:
        raw = json.loads(text)
        keys = {k: base64.b64decode(v) for k, v in raw["data_keys"].items()}
        if raw["current"] not in keys or any(len(v) != 32 for v in keys.values()):
            raise KeyError_("the key file is malformed (current key missing or not 256-bit)")
        return cls(
            current=raw["current"], data_keys=keys, index_key=base64.b64decode(raw["index_key"])
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


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(ring.data_keys[ring.current]).encrypt(
        nonce, plaintext.encode(), context.encode()
    )
    return f"{PREFIX}{ring.current}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)


def key_id_of(stored: str) -> str | None:
    return stored[len(PREFIX) :].split(".", 1)[0] if is_encrypted(stored) else None


def decrypt(stored: str, *, context: str) -> str:
    """The plaintext of a stored value; values written before encryption pass through."""
    if not is_encrypted(stored):
        return stored
    try:
        key_id, body = stored[len(PREFIX) :].split(".", 1)
        raw = base64.urlsafe_b64decode(body)
    except ValueError as exc:
        raise KeyError_("a stored value is damaged") from exc
    ring = keyring()
    if key_id not in ring.data_keys:
        ring = keyring(refresh=True)  # another process may have added a key
        if key_id not in ring.data_keys:
            raise KeyError_(f"key {key_id} is not in the keyring")
    try:
        plain = AESGCM(ring.data_keys[key_id]).decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()
        )
    except InvalidTag as exc:
        raise KeyError_("a stored value does not open with its key (tampered or moved)") from exc
    return plain.decode()


def blind_index(kind: str, value: str) -> str:
    """A keyed hash for exact-match search; empty for an empty value."""
    if not value:
        return ""
    mac = hmac.new(keyring().index_key, f"{kind}:{value}".encode(), hashlib.sha256)
    return mac.hexdigest()


def token_index(kind: str, text: str) -> str:
    """Blind indexes of every word, space-separated and padded, for whole-word search."""
    words = sorted({w for w in text.split() if w})
    if not words:
        return ""
    return " " + " ".join(blind_index(kind, w)[:20] for w in words) + " "
