"""The case life cycle: which move goes from which states to which, and what it needs."""

from __future__ import annotations

from dataclasses import dataclass

from kalantari.cases.models import OPEN_STATUSES, Status


@dataclass(frozen=True)
class Move:
    sources: frozenset[str]
    target: str
    needs_reason: bool = False
    reason_is_public: bool = False


MOVES: dict[str, Move] = {
    "triage": Move(frozenset({Status.RECEIVED, Status.REOPENED}), Status.TRIAGED),
    "assign": Move(
        frozenset(
            {Status.RECEIVED, Status.TRIAGED, Status.REOPENED, Status.ASSIGNED, Status.IN_PROGRESS}
        ),
        Status.ASSIGNED,
    ),
    "start": Move(frozenset({Status.ASSIGNED}), Status.IN_PROGRESS),
    "resolve": Move(frozenset({Status.IN_PROGRESS}), Status.RESOLVED, needs_reason=True),
    "send_back": Move(frozenset({Status.RESOLVED}), Status.IN_PROGRESS, needs_reason=True),
    "close": Move(frozenset({Status.RESOLVED, Status.REFERRED}), Status.CLOSED),
    "refer": Move(frozenset(OPEN_STATUSES), Status.REFERRED, reason_is_public=True),
    "reject": Move(
        frozenset({Status.RECEIVED, Status.TRIAGED, Status.ASSIGNED, Status.REOPENED}),
        Status.REJECTED,
        needs_reason=True,
        reason_is_public=True,
    ),
    "reopen": Move(
        frozenset({Status.CLOSED, Status.REJECTED, Status.REFERRED, Status.RESOLVED}),
        Status.REOPENED,
        needs_reason=True,
    ),
}

# Moves that count as the station's first response to the citizen.
FIRST_RESPONSE_MOVES = frozenset({"triage", "assign", "refer", "reject", "start"})


def legal_moves(status: str) -> frozenset[str]:
    return frozenset(name for name, move in MOVES.items() if status in move.sources)
