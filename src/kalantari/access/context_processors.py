"""What the navigation may offer the signed-in user, decided by the policy module."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kalantari.access import policy


def access(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # Until the second factor is given, the account is not yet signed in for staff pages.
    if user is None or not user.is_authenticated or not getattr(user, "is_verified", bool)():
        return {
            "can_use_desk": False,
            "can_take_walk_ins": False,
            "can_review_access": False,
            "can_review_deferrals": False,
            "can_view_dashboards": False,
        }
    return {
        "can_use_desk": policy.can_use_desk(user),
        "can_take_walk_ins": policy.can_take_walk_ins(user),
        "can_review_access": policy.access_review_scope(user) is not None,
        "can_review_deferrals": policy.deferral_review_scope(user) is not None,
        "can_view_dashboards": policy.dashboard_scope(user) is not None,
    }
