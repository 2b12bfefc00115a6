"""The one hook into axes: turn its lockout into an account lock that an admin lifts."""

from __future__ import annotations

from typing import Any

from kalantari.audit.services import RequestContext
from kalantari.org.services import staff_lock_out


def on_locked_out(sender: Any, request: Any = None, username: str = "", **kwargs: Any) -> None:
    """Lock the account itself only when it is the account that failed five times (an
    address that failed on many accounts is only held off for the cool-off time)."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Sum
    from django.utils import timezone

    if not username:
        return
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = (
        AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
            n=Sum("failures_since_start")
        )["n"]
        or 0
    )
    if failures >= settings.AXES_FAILURE_LIMIT:
        staff_lock_out(username=username, context=RequestContext.from_request(request))
