"""Session rules for staff: a second factor before any staff page, idle and absolute limits."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "kalantari_signed_in_at"
SEEN_AT = "kalantari_seen_at"
# Pages that need a verified second factor; everything else is public or part of sign-in.
STAFF_PATHS = re.compile(
    r"^/(admin/|[a-z]{2}/desk/|[a-z]{2}/oversight/|[a-z]{2}/accounts/(start|password|approvals)/)"
)


def mark_signed_in(request: HttpRequest) -> None:
    now = timezone.now().isoformat()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now


def _age(request: HttpRequest, key: str, now: datetime) -> float | None:
    stamp = request.session.get(key)
    if not stamp:
        return None
    try:
        return (now - datetime.fromisoformat(stamp)).total_seconds()
    except (TypeError, ValueError):
        return None


class StaffSessionMiddleware:
    """Ends a staff session after 30 minutes idle or 12 hours in all; asks for the code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now()
            idle = _age(request, SEEN_AT, now)
            total = _age(request, SIGNED_IN_AT, now)
            if (
                idle is None
                or total is None
                or idle > settings.KALANTARI_SESSION_IDLE_SECONDS
                or total > settings.KALANTARI_SESSION_MAX_SECONDS
            ):
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                messages.info(request, _("You were signed out; sign in again to go on."))
                return redirect(f"{reverse('org:login')}?next={request.path}")
            if idle > 60:  # write the session at most once a minute
                request.session[SEEN_AT] = now.isoformat()
            if not user.is_verified():
                if request.path.startswith("/api/"):
                    request.user = AnonymousUser()  # session auth needs the second factor
                elif STAFF_PATHS.match(request.path):
                    return redirect(f"{reverse('org:second_factor')}?next={request.path}")
        return self.get_response(request)
