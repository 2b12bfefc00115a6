"""The case life cycle: which move goes from which states to which, and what it needs.

Each move also names its audit action and what the case page calls it (one place for the
labels: templates read them from here, never from an if/elif ladder of their own).
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kalantari.audit.actions import Action
from kalantari.cases.models import OPEN_STATUSES, Status

REASON_OR_NOTE = _("Reason or note")


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    target: str
    _kw: KW_ONLY
    audit: Action
    label: str | Promise
    reason_label: str | Promise = REASON_OR_NOTE
    needs_reason: bool = False
    reason_is_public: bool = False


MOVES: dict[str, Move] = {
    "triage": Move(
        frozenset({Status.RECEIVED, Status.REOPENED}),
        Status.TRIAGED,
        audit=Action.CASE_TRIAGE,
        label=_("Triage"),
    ),
    "assign": Move(
        frozenset(
            {Status.RECEIVED, Status.TRIAGED, Status.REOPENED, Status.ASSIGNED, Status.IN_PROGRESS}
        ),
        Status.ASSIGNED,
        audit=Action.CASE_ASSIGN,
        label=_("Assign"),
    ),
    "start": Move(
        frozenset({Status.ASSIGNED}),
        Status.IN_PROGRESS,
        audit=Action.CASE_START,
        label=_("Start work"),
    ),
    "resolve": Move(
        frozenset({Status.IN_PROGRESS}),
        Status.RESOLVED,
        audit=Action.CASE_RESOLVE,
        label=_("Resolve"),
        reason_label=_("Outcome (shown to the citizen)"),
        needs_reason=True,
    ),
    "send_back": Move(
        frozenset({Status.RESOLVED}),
        Status.IN_PROGRESS,
        audit=Action.CASE_SEND_BACK,
        label=_("Send back for more work"),
        needs_reason=True,
    ),
    "close": Move(
        frozenset({Status.RESOLVED, Status.REFERRED}),
        Status.CLOSED,
        audit=Action.CASE_CLOSE,
        label=_("Close"),
    ),
    "refer": Move(
        frozenset(OPEN_STATUSES),
        Status.REFERRED,
        audit=Action.CASE_REFER,
        label=_("Refer"),
        reason_label=_("Note for the citizen"),
        reason_is_public=True,
    ),
    "reject": Move(
        frozenset({Status.RECEIVED, Status.TRIAGED, Status.ASSIGNED, Status.REOPENED}),
        Status.REJECTED,
        audit=Action.CASE_REJECT,
        label=_("Reject"),
        reason_label=_("Reason (shown to the citizen)"),
        needs_reason=True,
        reason_is_public=True,
    ),
    "reopen": Move(
        frozenset({Status.CLOSED, Status.REJECTED, Status.REFERRED, Status.RESOLVED}),
        Status.REOPENED,
        audit=Action.CASE_REOPEN,
        label=_("Reopen"),
        needs_reason=True,
    ),
}

# Moves that count as the station's first response to the citizen.
FIRST_RESPONSE_MOVES = frozenset({"triage", "assign", "refer", "reject", "start"})


def legal_moves(status: str) -> frozenset[str]:
    return frozenset(name for name, move in MOVES.items() if status in move.sources)
