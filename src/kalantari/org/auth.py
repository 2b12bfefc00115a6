"""API authentication for staff: the browser session (with CSRF) or a bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from ninja.security import HttpBearer, django_auth

from kalantari.org.accounts import is_staff_member
from kalantari.org.models import ApiToken, TokenAudience


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` for one audience; tokens come from `kalantari api_token`."""

    audience = TokenAudience.STAFF

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token or len(token) > 200:
            return None
        now = timezone.now()
        row = (
            ApiToken.objects.select_related("user", "user__unit")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False, audience=self.audience)
            .first()
        )
        if row is None or (row.expires_at and row.expires_at <= now):
            return None
        user = row.user
        # A token dies with the account's standing: disabled, locked by an administrator,
        # or its password changed since the token was issued.
        if not is_staff_member(user) or user.locked_out_at is not None:
            return None
        if not constant_time_compare(row.password_stamp, user.password_stamp):
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        return row.user


class StaffToken(BearerToken):
    audience = TokenAudience.STAFF


class PartnerToken(BearerToken):
    """For the partner endpoints only (none yet: the sharing agreements bring them)."""

    audience = TokenAudience.PARTNER


staff_auth = [StaffToken(), django_auth]
partner_auth = [PartnerToken()]
