"""Session rules for staff: every page is a staff page unless its view is marked otherwise
(core/gate.py); a staff page needs a second factor; sessions have idle and absolute limits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.core.gate import Gate, gate_of

SIGNED_IN_AT = "kalantari_signed_in_at"
SEEN_AT = "kalantari_seen_at"
OPEN_GATES = frozenset({Gate.PUBLIC, Gate.SIGN_IN, Gate.API})


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
    """Ends a staff session after 30 minutes idle or 12 hours in all; keeps every view that
    is not marked public, sign-in or account (core/gate.py) for verified, approved staff."""

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
            if not user.is_verified() and request.path.startswith("/api/"):
                request.user = AnonymousUser()  # session auth needs the second factor
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        """Default-deny: a view without a marker is a staff page."""
        gate = gate_of(view_func)
        if gate in OPEN_GATES:
            return None
        user: Any = request.user
        api = request.path.startswith("/api/")
        if not user.is_authenticated:
            if api:
                return _problem(401, "not_authenticated", _("Sign in, or send a valid API token."))
            return redirect_to_login(request.get_full_path(), reverse("org:login"))
        if not user.is_verified():
            if api:
                return _problem(401, "not_authenticated", _("Sign in, or send a valid API token."))
            return redirect(f"{reverse('org:second_factor')}?next={request.path}")
        if gate is Gate.ACCOUNT:
            return None
        if not (user.is_active and user.is_approved):
            if api:
                return _problem(403, "forbidden", _("Your account may not do this."))
            raise PermissionDenied
        return None


def _problem(status: int, code: str, detail: str) -> HttpResponse:
    """A problem+json answer for a JSON path that is not a ninja operation (none yet)."""
    body = {"type": f"about:blank#{code}", "title": code, "status": status, "code": code}
    response = JsonResponse(body | {"detail": detail}, status=status)
    response["Content-Type"] = "application/problem+json"
    return response
