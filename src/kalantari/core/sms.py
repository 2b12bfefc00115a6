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
    """Prints the message (the demo's stand-in for a phone) — in the demo only.

    Outside DEMO the console is a log file: a printed status code would hand a citizen's
    case to whoever reads the logs. There it logs that a message was dropped, with the
    number masked and without the text, so the operator notices the missing gateway.
    """

    def send(self, mobile: str, text: str) -> None:
        if not settings.KALANTARI_DEMO:
            logger.error(
                "console SMS backend outside DEMO: a message to %s was not sent "
                "(set SMS_BACKEND to the operator's gateway)",
                mask_mobile(mobile),
            )
            return
        sys.stdout.write(f"[SMS to {mobile}] {text}\n")
        sys.stdout.flush()


def mask_mobile(mobile: str) -> str:
    """09121234567 → 0912*****67: enough to tell messages apart in a log, not to call."""
    return mobile[:4] + "*" * max(len(mobile) - 6, 0) + mobile[-2:] if len(mobile) > 6 else "***"


class MemoryBackend:
    """Keeps messages in `outbox` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str) -> None:
        self.outbox.append((mobile, text))


def send_sms(mobile: str, text: str) -> None:
    backend: SmsBackend = import_string(settings.KALANTARI_SMS_BACKEND)()
    backend.send(mobile, text)
