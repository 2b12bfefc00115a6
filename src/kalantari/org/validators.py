"""Password rules after NIST SP 800-63B / CJIS: long enough, not too long, not common."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PASSWORD = 64


class MaximumLengthValidator:
    """Accept up to 64 characters (never silently truncated: argon2 hashes them all)."""

    def __init__(self, max_length: int = MAX_PASSWORD) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long: at most %(max)d characters.")
                % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("At most %(max)d characters.") % {"max": self.max_length}
