"""Field encryption: sealed values open only with their key and column; keys rotate live."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kalantari.core import crypto


@given(st.text(max_size=200))
def test_round_trip_any_text(text: str) -> None:
    sealed = crypto.encrypt(text, context="intake.report.statement")
    assert (
        sealed.startswith("kv2.")
        and crypto.decrypt(sealed, context="intake.report.statement") == text
    )


def test_same_value_seals_differently_each_time() -> None:
    a = crypto.encrypt("0499370899", context="intake.report.national_id")
    b = crypto.encrypt("0499370899", context="intake.report.national_id")
    assert a != b


def test_a_flipped_bit_or_another_column_does_not_open() -> None:
    sealed = crypto.encrypt("09121234567", context="intake.report.mobile")
    with pytest.raises(crypto.KeyError_):
        crypto.decrypt(sealed, context="intake.report.national_id")
    head, body = sealed.rsplit(".", 1)
    raw = bytearray(base64.urlsafe_b64decode(body))
    raw[-1] ^= 1
    with pytest.raises(crypto.KeyError_):
        crypto.decrypt(
            f"{head}.{base64.urlsafe_b64encode(bytes(raw)).decode()}",
            context="intake.report.mobile",
        )


@pytest.mark.parametrize(
    "stored", ["plain old value", "kv1.abc.def", "kv2.abc.def", "kv2.", "kv2.k.", "kv2.k.AAAA"]
)
def test_nothing_but_a_sealed_value_opens(stored: str) -> None:
    """Decryption never hands back a stored value as if it were plaintext."""
    with pytest.raises(crypto.KeyError_):
        crypto.decrypt(stored, context="intake.report.address")


def test_another_row_of_the_same_column_does_not_open() -> None:
    here = crypto.row_context("intake.report.mobile", "0193a1b2-0000-7000-8000-000000000001")
    there = crypto.row_context("intake.report.mobile", "0193a1b2-0000-7000-8000-000000000002")
    sealed = crypto.encrypt("09121234567", context=here)
    assert crypto.decrypt(sealed, context=here) == "09121234567"
    with pytest.raises(crypto.KeyError_):
        crypto.decrypt(sealed, context=there)


@pytest.mark.parametrize("index_key", ["", "c2hvcnQ="])  # missing, 5 bytes
def test_an_empty_or_short_blind_index_key_is_refused(index_key: str) -> None:
    ring = json.loads(crypto.Keyring.generate().to_json())
    ring["index_key"] = index_key
    with pytest.raises(crypto.KeyError_, match="blind-index key"):
        crypto.Keyring.from_json(json.dumps(ring))
    del ring["index_key"]
    with pytest.raises(crypto.KeyError_, match="blind-index key"):
        crypto.Keyring.from_json(json.dumps(ring))


def test_blind_index_is_keyed_and_stable() -> None:
    a = crypto.blind_index("national_id", "0499370899")
    assert a == crypto.blind_index("national_id", "0499370899")
    assert a != crypto.blind_index("mobile", "0499370899")
    assert crypto.blind_index("national_id", "") == ""
    assert "0499370899" not in a


def test_a_process_with_a_stale_keyring_reads_values_sealed_under_a_new_key(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No downtime: process A cached the old keyring; process B rotated and wrote a value.
    A meets a key id it does not know, reloads the file and reads the value."""
    monkeypatch.delenv("KALANTARI_KEYS")
    settings.KALANTARI_KEY_FILE = str(tmp_path / "keys.json")
    old = crypto.Keyring.generate()
    crypto.write_keyring(old, Path(settings.KALANTARI_KEY_FILE))
    try:
        assert crypto.keyring().current == old.current  # A's cache
        rotated = crypto.Keyring(
            current="newkey01",
            data_keys={**old.data_keys, "newkey01": b"\x01" * 32},
            index_key=old.index_key,
        )
        # B writes the new key file behind A's back (A's cache is not reset).
        Path(settings.KALANTARI_KEY_FILE).write_text(rotated.to_json())
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = b"\x00" * 12
        body = AESGCM(b"\x01" * 32).encrypt(nonce, b"written by B", b"intake.report.address")
        sealed_by_b = "kv2.newkey01." + base64.urlsafe_b64encode(nonce + body).decode()
        assert crypto.decrypt(sealed_by_b, context="intake.report.address") == "written by B"
        assert crypto.keyring().current == "newkey01"
    finally:
        crypto.reset_cache()
