"""What every change to a case checks first: the row locked and visible, the policy's answer,
the version the request was based on, the reason's text; and the version bump."""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.cases.models import Case, Status
from kalantari.cases.workflow import MOVES
from kalantari.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from kalantari.core.text import clean_text
from kalantari.org.models import User

MAX_REASON = 4000


def _locked_case(case_id: uuid.UUID | str, user: User) -> Case:
    try:
        case = (
            Case.objects.select_for_update(of=("self",))
            .select_related("station", "report")
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(_("No such case.")) from exc
    if not policy.can_view_case(user, case):
        raise NotFound(_("No such case."))
    return case


def _check_version(case: Case, expected_version: int | None) -> None:
    """Every write names the version it was based on: a missing one is refused, not skipped."""
    if expected_version is None:
        raise ValidationFailed(
            _("The case's version is missing from the request; reload the page and try again."),
            code="version_required",
            field="version",
        )
    if case.version != expected_version:
        raise Conflict(
            _(
                "This case was changed by someone else while you were looking at it. "
                "Reload the page to see the change, then try again."
            ),
            code="stale_version",
        )


def _check_allowed(
    user: User, case: Case, action: str, expected_version: int | None, *, versioned: bool = True
) -> None:
    """Refuse what `access.policy` refuses, with the error its reason calls for.

    A request based on a stale version is told to reload before it is told the case's state
    forbids it (it was looking at another state).
    """
    refusal = policy.case_action_refusal(user, case, action, MOVES)
    if refusal is not None and refusal.status != Conflict.status:
        _refuse(case, action, refusal)
    if versioned:
        _check_version(case, expected_version)
    if refusal is not None:
        _refuse(case, action, refusal)


def _refuse(case: Case, action: str, refusal: policy.Refusal) -> NoReturn:
    code = refusal.value
    if refusal is policy.Refusal.NOT_VISIBLE:
        raise NotFound(_("No such case."))
    if refusal is policy.Refusal.UNKNOWN:
        raise ValidationFailed(_("Unknown action."), code=code, field="action")
    if refusal is policy.Refusal.ROLE:
        raise Forbidden(_("Your role may not do this on this case."), code=code)
    if refusal is policy.Refusal.CLAIMED_BY_OTHER:
        holder = case.claimed_by.display_name if case.claimed_by else ""
        message = (
            _("%(name)s is already working on this case.")
            if action == policy.CLAIM
            else _("%(name)s is working on this case; ask them or the commander.")
        )
        raise Conflict(message % {"name": holder}, code=code)
    status = Status(case.status).label
    messages = {
        policy.Refusal.ILLEGAL_MOVE: _("A case that is “%(status)s” cannot be moved this way."),
        policy.Refusal.NOT_CLAIMABLE: _("A case that is “%(status)s” cannot be claimed."),
        policy.Refusal.ALREADY_CLAIMED: _("You are already working on this case."),
        policy.Refusal.NOT_CLAIMED: _(
            "Nobody is working on this case: there is no claim to release."
        ),
        policy.Refusal.NOT_PAUSABLE: _("A case that is “%(status)s” has no clock to stop."),
        policy.Refusal.ALREADY_PAUSED: _("This case's clock is already stopped."),
        policy.Refusal.NOT_PAUSED: _("This case's clock is not waiting on the citizen."),
    }
    raise Conflict(messages[refusal] % {"status": status}, code=code)


def _reason(value: str | None, *, required: bool) -> str:
    text = clean_text(value or "")
    if required and not text:
        raise ValidationFailed(_("Give a reason."), code="reason_required", field="reason")
    if len(text) > MAX_REASON:
        raise ValidationFailed(
            _("The text is too long (at most %(n)d characters).") % {"n": MAX_REASON},
            code="too_long",
            field="reason",
        )
    return text


def _bump(case: Case, actor: User, now: Any) -> None:
    case.version += 1
    case.updated_by = actor
    case.last_activity_at = now
