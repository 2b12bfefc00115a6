"""Service levels in use: which targets a new case gets, and the clock's pauses.

Clocks run around the clock (stations work 24/7): a target of 24 hours means 24 hours of
wall time, nights and holidays included; there are no business hours to skip. The clock
stops only while the case waits on the citizen (`SlaPause.CITIZEN`) or on a referral
(`SlaPause.REFERRAL`); when it restarts, the pause's length is added to
`Case.sla_paused_seconds` and both due times move on by it (server time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from kalantari.cases.models import OPEN_STATUSES, Case, SlaPause, SlaRule
from kalantari.intake.models import Category


@dataclass(frozen=True)
class SlaTargets:
    """The targets a case is held to, and where they came from (for the admin and tests)."""

    first_response: timedelta
    resolution: timedelta
    source: str  # "category+priority", "category", "priority" or "category defaults"


def _specificity(rule: SlaRule) -> int:
    return (2 if rule.category_id is not None else 0) + (1 if rule.priority is not None else 0)


SOURCES = {3: "category+priority", 2: "category", 1: "priority"}


def sla_targets(category: Category, priority: int) -> SlaTargets:
    """The targets for a case of this category and priority.

    The most specific SlaRule wins: one naming both the category and the priority, then one
    naming the category alone, then one naming the priority alone; without any, the
    category's own targets (`Category.sla_first_response_minutes/sla_resolution_hours`).
    """
    rules = SlaRule.objects.filter(
        Q(category=category, priority=priority)
        | Q(category=category, priority__isnull=True)
        | Q(category__isnull=True, priority=priority)
    )
    best = max(rules, key=_specificity, default=None)
    if best is None:
        return SlaTargets(
            timedelta(minutes=category.sla_first_response_minutes),
            timedelta(hours=category.sla_resolution_hours),
            "category defaults",
        )
    return SlaTargets(
        timedelta(minutes=best.first_response_minutes),
        timedelta(hours=best.resolution_hours),
        SOURCES[_specificity(best)],
    )


def pause_begin(case: Case, reason: SlaPause | str, now: datetime) -> None:
    """Stop the case's clock (the caller saves the case); a running pause is ended first."""
    if case.sla_paused_at is not None:
        pause_end(case, now)
    case.sla_paused_at = now
    case.sla_pause_reason = SlaPause(reason)


def pause_end(case: Case, now: datetime) -> int:
    """Restart the clock: add the pause to the total, move both due times on by it.

    Returns the pause's length in whole seconds (0 when the clock was running). The caller
    saves the case.
    """
    if case.sla_paused_at is None:
        return 0
    seconds = max(0, int((now - case.sla_paused_at).total_seconds()))
    shift = timedelta(seconds=seconds)
    case.first_response_due += shift
    case.resolution_due += shift
    case.sla_paused_seconds += seconds
    case.sla_paused_at = None
    case.sla_pause_reason = ""
    return seconds


def sla_time_left(case: Case, now: datetime) -> timedelta | None:
    """Time to the nearest due time still ahead of the case (negative: overdue by that much).

    A paused case's clock stands still: the time left is counted at the moment it stopped.
    None for a finished case (nothing left to meet).
    """
    if case.status not in OPEN_STATUSES:
        return None
    at = case.sla_paused_at or now
    dues = [case.resolution_due]
    if case.first_responded_at is None:
        dues.append(case.first_response_due)
    return min(dues) - at


def format_span(span: timedelta) -> str:
    """A length of time as people say it: "2 d 3 h", "5 h 10 min", "12 min" (no sign)."""
    minutes = int(abs(span.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(d)s d %(h)s h") % {"d": days, "h": hours}
    if hours:
        return _("%(h)s h %(m)s min") % {"h": hours, "m": mins}
    return _("%(m)s min") % {"m": mins}


def sla_clock(case: Case, now: datetime) -> str:
    """What the queue and the case page say of the clock: time left, or how late ("" if done)."""
    left = sla_time_left(case, now)
    if left is None:
        return ""
    if left < timedelta(0):
        return _("%(span)s overdue") % {"span": format_span(left)}
    if case.sla_paused_at is not None:
        return _("%(span)s left when the clock restarts") % {"span": format_span(left)}
    return _("%(span)s left") % {"span": format_span(left)}
