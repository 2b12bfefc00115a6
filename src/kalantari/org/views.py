"""Where a signed-in account lands: its desk, the admin pages, or the public home."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kalantari.access import policy


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    user = request.user
    if policy.can_use_desk(user):  # type: ignore[arg-type]
        return redirect("cases:queue")
    if user.is_staff:
        return redirect("admin:index")
    return redirect("intake:home")
