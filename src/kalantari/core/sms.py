"""Text messages to citizens, through a pluggable backend (settings.KALANTARI_SMS_BACKEND).

The demo and development print to the console; production plugs in the operator's
gateway (a class with `send(mobile, text)`); the test suite collects messages in memory.
"""

from __future__ import annotations

import logging
import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsBackend(Protocol):
    def send(self, mobile: str, text: str) -> None: ...


class ConsoleBackend:
    """Prints the message (the demo's stand-in for a phone)."""

    def send(self, mobile: str, text: str) -> None:
        sys.stdout.write(f"[SMS to {mobile}] {text}\n")
        sys.stdout.flush()


class MemoryBackend:
    """Keeps messages in `outbox` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str) -> None:
        self.outbox.append((mobile, text))


def send_sms(mobile: str, text: str) -> None:
    backend: SmsBackend = import_string(settings.KALANTARI_SMS_BACKEND)()
    backend.send(mobile, text)
