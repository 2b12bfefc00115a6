"""The one place that decides who may see or do what to which record.

Views, API endpoints, selectors and services ask this module; none decides by itself.
Scope comes from the user's role, the user's org unit and the record's unit: a unit sees
its own records and those of the units below it (`OrgUnit.path` is a prefix of theirs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from kalantari.org.models import Role

if TYPE_CHECKING:
    from kalantari.cases.models import Case
    from kalantari.org.models import User

CASE_READERS = frozenset({Role.DESK_OFFICER, Role.INVESTIGATOR, Role.COMMANDER, Role.INSPECTOR})
PERSON_SEARCHERS = frozenset({Role.DESK_OFFICER, Role.INVESTIGATOR, Role.COMMANDER, Role.INSPECTOR})

# Case actions each role may take on a case it can see; the workflow decides which are legal now.
ROLE_CASE_ACTIONS: dict[str, frozenset[str]] = {
    Role.DESK_OFFICER: frozenset(
        {"triage", "assign", "refer", "reject", "note", "claim", "release"}
    ),
    Role.INVESTIGATOR: frozenset({"start", "resolve", "refer", "note", "claim", "release"}),
    Role.COMMANDER: frozenset(
        {
            "triage",
            "assign",
            "start",
            "resolve",
            "send_back",
            "close",
            "refer",
            "reject",
            "reopen",
            "note",
            "claim",
            "release",
        }
    ),
    Role.INSPECTOR: frozenset(),
}
# Actions that still belong to whoever holds the case's claim.
CLAIM_EXEMPT = frozenset({"note", "claim"})


def is_staff_member(user: User | object) -> bool:
    """An active account that a second person approved (org/accounts.py): a new account
    has no case scope, no person search and no desk until then."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "is_approved", False)
    )


WALK_IN_TAKERS = frozenset({Role.DESK_OFFICER, Role.COMMANDER})
ACCESS_REVIEWERS = frozenset({Role.INSPECTOR, Role.PRIVACY_OFFICER})


def access_review_scope(user: User) -> str | None:
    """The unit subtree (a path prefix) whose audit trail this user may review, if any."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if user.role in ACCESS_REVIEWERS and user.unit is not None:
        return user.unit.path
    return None


def can_use_desk(user: User) -> bool:
    """The station desk (queue, search, case pages) is for those who read case files."""
    return is_staff_member(user) and (user.is_superuser or user.role in CASE_READERS)


def can_take_walk_ins(user: User) -> bool:
    return is_staff_member(user) and user.role in WALK_IN_TAKERS and user.unit is not None


def case_scope(user: User) -> Q | None:
    """A filter on Case for what this user may read, or None when nothing."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return Q()
    if user.role not in CASE_READERS or user.unit is None:
        return None
    scope = Q(unit_path__startswith=user.unit.path)
    if user.role == Role.INVESTIGATOR:
        scope &= Q(assignee=user)
    return scope


def can_view_case(user: User, case: Case) -> bool:
    if not is_staff_member(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in CASE_READERS or user.unit is None:
        return False
    if not case.unit_path.startswith(user.unit.path):
        return False
    return user.role != Role.INVESTIGATOR or case.assignee_id == user.pk


def case_actions(user: User, case: Case) -> frozenset[str]:
    """Actions this user's role allows on this case (before the workflow's own rules)."""
    if not can_view_case(user, case):
        return frozenset()
    return ROLE_CASE_ACTIONS.get(user.role, frozenset())


def claim_blocks(user: User, case: Case, action: str) -> bool:
    """True when another officer holds the case and this action is theirs alone."""
    if action in CLAIM_EXEMPT or case.claimed_by_id is None or case.claimed_by_id == user.pk:
        return False
    if action == "release":
        return user.role != Role.COMMANDER
    return user.role != Role.COMMANDER


# A claim says who is working a case now; a finished case (resolved, closed, referred,
# rejected) has no work left to claim. The values of cases.models.OPEN_STATUSES (access sits
# below cases and names statuses by value).
CLAIMABLE_STATUSES = frozenset({"received", "triaged", "assigned", "in_progress", "reopened"})


def claim_open(case: Case) -> bool:
    """Whether the case is in a state in which anyone may claim it."""
    return case.status in CLAIMABLE_STATUSES


def can_claim(user: User, case: Case) -> bool:
    """Whether to offer this user the claim: their role may, the case is open, nobody holds it."""
    return "claim" in case_actions(user, case) and claim_open(case) and case.claimed_by_id is None


def can_search_persons(user: User) -> bool:
    return is_staff_member(user) and (user.is_superuser or user.role in PERSON_SEARCHERS)


def can_read_attachment(user: User, case: Case) -> bool:
    return can_view_case(user, case)


def assignable_scope(user: User) -> Q | None:
    """Staff a user may assign a case to: investigators and officers of the case's station."""
    if not is_staff_member(user) or user.unit is None:
        return None
    return Q(unit__path__startswith=user.unit.path, is_active=True) & Q(
        role__in=[Role.INVESTIGATOR, Role.DESK_OFFICER, Role.COMMANDER]
    )


DEFERRAL_REQUESTERS = frozenset({Role.INVESTIGATOR, Role.COMMANDER})
DEFERRAL_REVIEWERS = frozenset({Role.INSPECTOR})


def can_defer_disclosure(user: User, case: Case) -> bool:
    """The investigator working a case (or its commander) may delay telling citizens of it."""
    return can_view_case(user, case) and (user.is_superuser or user.role in DEFERRAL_REQUESTERS)


def deferral_review_scope(user: User) -> str | None:
    """The unit subtree whose disclosure deferrals this user reviews (inspectors), if any."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if user.role in DEFERRAL_REVIEWERS and user.unit is not None:
        return user.unit.path
    return None


def can_verify_identity(user: User) -> bool:
    """Desk officers and commanders check a person's identity for a data access request."""
    return can_take_walk_ins(user)


# --- people (the person registry) ------------------------------------------------------------
# A person is seen by staff of the unit where the record was made or of a unit holding a
# record the person is linked to (and the units above them). Desk officers, investigators,
# commanders and inspectors search; those who work records enter, correct and link persons;
# commanders and inspectors merge duplicates (and undo merges).
PERSON_EDITORS = frozenset({Role.DESK_OFFICER, Role.INVESTIGATOR, Role.COMMANDER})
PERSON_MERGERS = frozenset({Role.COMMANDER, Role.INSPECTOR})


def person_scope(user: User) -> str | None:
    """The unit subtree (a path prefix) whose persons this user may search and see, if any."""
    if not can_search_persons(user):
        return None
    if user.is_superuser:
        return "/"
    return user.unit.path if user.unit is not None else None


def can_view_person(user: User, unit_paths: list[str]) -> bool:
    """Whether a person whose record and links sit at `unit_paths` is within the user's scope."""
    scope = person_scope(user)
    return scope is not None and any(path.startswith(scope) for path in unit_paths)


def can_edit_person(user: User, unit_paths: list[str]) -> bool:
    return (user.is_superuser or user.role in PERSON_EDITORS) and can_view_person(user, unit_paths)


def can_enter_person(user: User) -> bool:
    """Whether the user may enter a new person (recorded at their own unit)."""
    return (
        is_staff_member(user)
        and (user.is_superuser or user.role in PERSON_EDITORS)
        and user.unit is not None
    )


def can_link_person(user: User, unit_path: str) -> bool:
    """Whether the user may link a person to a record of the unit at `unit_path`."""
    return can_edit_person(user, [unit_path])


def can_merge_persons(user: User, unit_paths: list[str]) -> bool:
    return (user.is_superuser or user.role in PERSON_MERGERS) and can_view_person(user, unit_paths)
