"""The one place that decides who may see or do what to which record.

Views, API endpoints, selectors and services ask this module; none decides by itself.
Scope comes from the user's role, the user's org unit and the record's unit: a unit sees
its own records and those of the units below it (`OrgUnit.path` is a prefix of theirs).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q

from kalantari.org.accounts import is_staff_member
from kalantari.org.models import Role

if TYPE_CHECKING:
    from kalantari.org.models import User


class CategoryRef(Protocol):
    """What the policy reads of a case's category (its group: conduct cases are apart)."""

    @property
    def group(self) -> str: ...


class Case(Protocol):
    """What the policy reads of a case file. `cases.models.Case` is one: access sits below
    cases (docs/architecture.md, "Layers"), so it names the fields, not the model."""

    @property
    def unit_path(self) -> str: ...

    @property
    def assignee_id(self) -> Any: ...

    @property
    def claimed_by_id(self) -> Any: ...

    @property
    def status(self) -> str: ...

    @property
    def category(self) -> CategoryRef: ...

    @property
    def sla_paused_at(self) -> Any: ...

    @property
    def sla_pause_reason(self) -> str: ...


CASE_READERS = frozenset({Role.DESK_OFFICER, Role.INVESTIGATOR, Role.COMMANDER, Role.INSPECTOR})
PERSON_SEARCHERS = frozenset({Role.DESK_OFFICER, Role.INVESTIGATOR, Role.COMMANDER, Role.INSPECTOR})

# Case actions each role may take on a case it can see; the workflow decides which are legal now.
ROLE_CASE_ACTIONS: dict[str, frozenset[str]] = {
    Role.DESK_OFFICER: frozenset(
        {"triage", "assign", "refer", "reject", "note", "claim", "release", "pause", "resume"}
    ),
    Role.INVESTIGATOR: frozenset(
        {"start", "resolve", "refer", "note", "claim", "release", "pause", "resume"}
    ),
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
            "pause",
            "resume",
        }
    ),
    Role.INSPECTOR: frozenset(),
}


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
    return scope & conduct_case_q(user)


def can_view_case(user: User, case: Case) -> bool:
    if not is_staff_member(user):
        return False
    if user.is_superuser:
        return True
    if user.role not in CASE_READERS or user.unit is None:
        return False
    if not case.unit_path.startswith(user.unit.path):
        return False
    if is_conduct_case(case):
        return user.role in CONDUCT_HANDLERS and not is_accused(user, case)
    return user.role != Role.INVESTIGATOR or case.assignee_id == user.pk


def case_actions(user: User, case: Case) -> frozenset[str]:
    """Actions this user's role allows on this case, before its state and claim are looked at
    (what may be done now: `case_available_actions`)."""
    if not can_view_case(user, case):
        return frozenset()
    if is_conduct_case(case):
        return CONDUCT_CASE_ACTIONS
    return ROLE_CASE_ACTIONS.get(user.role, frozenset())


# --- complaints about officers (issue 8, conduct) ---------------------------------------------
# A complaint about an officer is filed at the unit above the accused station (intake.routing)
# and worked by the inspectors there and above: no commander, desk officer or investigator sees
# it (the station's line reports to the commander), and the accused officer never, even when
# an inspector. The accused is named on the complaint's record (oversight.ConductComplaint,
# reached from the case as `conduct_complaint`; access sits below both and names it by lookup).
CONDUCT_GROUP = "conduct"  # intake.models.CategoryGroup.CONDUCT (access sits below intake)
CONDUCT_HANDLERS = frozenset({Role.INSPECTOR})
# The inspectorate works a complaint's case as a commander works a station's.
CONDUCT_CASE_ACTIONS = ROLE_CASE_ACTIONS[Role.COMMANDER]


def is_conduct_case(case: Case) -> bool:
    return case.category.group == CONDUCT_GROUP


def is_accused(user: User, case: Case) -> bool:
    """Whether this user is the officer the case's complaint names."""
    complaint = getattr(case, "conduct_complaint", None)  # None when no complaint names anyone
    return complaint is not None and complaint.accused_officer_id == user.pk


def conduct_case_q(user: User) -> Q:
    """The part of a case filter that keeps conduct cases from all but their handlers."""
    if user.is_superuser:
        return Q()
    conduct = Q(category__group=CONDUCT_GROUP)
    if user.role not in CONDUCT_HANDLERS:
        return ~conduct
    return ~(conduct & Q(conduct_complaint__accused_officer=user))


def conduct_scope(user: User) -> str | None:
    """The unit subtree whose complaints about officers this user handles, if any (the
    complaints naming the user as accused are left out by `can_view_complaint` and the
    selectors)."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if user.role in CONDUCT_HANDLERS and user.unit is not None:
        return user.unit.path
    return None


def can_view_complaint(user: User, unit_path: str, accused_officer_id: Any) -> bool:
    """Whether this user may see (and decide) a complaint handled at `unit_path`."""
    scope = conduct_scope(user)
    if scope is None or not unit_path.startswith(scope):
        return False
    return user.is_superuser or accused_officer_id != user.pk


# --- citizens' ratings of the service (issue 8, satisfaction) ----------------------------------
RATING_READERS = frozenset({Role.COMMANDER, Role.INSPECTOR})


def ratings_scope(user: User) -> str | None:
    """The unit subtree whose ratings (never who rated) this user may read, if any."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if user.role in RATING_READERS and user.unit is not None:
        return user.unit.path
    return None


# The actions besides the workflow's moves. Claim: "I am working this case now", so others
# keep off its moves (a commander may override); release gives the case back; a note never
# changes the case and is always its readers' to add.
CLAIM = "claim"
RELEASE = "release"
NOTE = "note"
# Pause: "we wait for the citizen" (the SLA clock stops; issue 8); resume restarts it. Those
# who work the case decide, as for its moves; a referral's pause is the referral's own (it
# ends when the case is reopened), never resumed by hand.
PAUSE = "pause"
RESUME = "resume"
OTHER_CASE_ACTIONS = (CLAIM, RELEASE, PAUSE, RESUME, NOTE)
CITIZEN_PAUSE = "citizen"  # cases.models.SlaPause.CITIZEN, by value (access sits below cases)
CLAIM_OVERRIDERS = frozenset({Role.COMMANDER})

# A claim says who is working a case now; a finished case (resolved, closed, referred,
# rejected) has no work left to claim. The values of cases.models.OPEN_STATUSES (access sits
# below cases and names statuses by value; cases/tests checks the two agree).
CLAIMABLE_STATUSES = frozenset({"received", "triaged", "assigned", "in_progress", "reopened"})


class MoveSources(Protocol):
    """What the policy reads of a workflow move (`cases.workflow.Move` has it)."""

    @property
    def sources(self) -> Collection[str]: ...


# The workflow table, passed in by its owner (cases.workflow.MOVES): access sits below cases.
Workflow = Mapping[str, MoveSources]


class Refusal(StrEnum):
    """Why an action on a case is refused; the value is the error code the caller answers."""

    NOT_VISIBLE = "not_found"  # 404: the case is not this user's to see (or does not exist)
    UNKNOWN = "unknown_action"  # 422
    ROLE = "action_not_allowed"  # 403: the user's role never does this
    CLAIMED_BY_OTHER = "claimed_by_other"  # 409: another officer holds the case
    ILLEGAL_MOVE = "illegal_transition"  # 409: not from the case's current status
    NOT_CLAIMABLE = "not_claimable"  # 409: a finished case has nothing to claim
    ALREADY_CLAIMED = "already_claimed"  # 409: the user holds it already
    NOT_CLAIMED = "not_claimed"  # 409: nobody holds it, nothing to release
    NOT_PAUSABLE = "not_pausable"  # 409: a finished case has no clock to stop
    ALREADY_PAUSED = "already_paused"  # 409: the clock is stopped already
    NOT_PAUSED = "not_paused"  # 409: the clock is running (or waits on a referral)

    @property
    def status(self) -> int:
        """The HTTP status the refusal answers with."""
        return {Refusal.NOT_VISIBLE: 404, Refusal.UNKNOWN: 422, Refusal.ROLE: 403}.get(self, 409)


def case_action_refusal(user: User, case: Case, action: str, workflow: Workflow) -> Refusal | None:
    """Why this user may not take this action on this case now, or None when they may.

    The one answer to "may they?": `case_available_actions` offers exactly the actions this
    refuses nothing for, and the case services raise from what it returns.
    """
    if action not in workflow and action not in OTHER_CASE_ACTIONS:
        return Refusal.UNKNOWN
    if not can_view_case(user, case):
        return Refusal.NOT_VISIBLE
    if action not in case_actions(user, case):
        return Refusal.ROLE
    if action == NOTE:
        return None
    holder = case.claimed_by_id
    held_by_other = holder is not None and holder != user.pk
    if action == CLAIM:
        if case.status not in CLAIMABLE_STATUSES:
            return Refusal.NOT_CLAIMABLE
        if held_by_other:
            return Refusal.CLAIMED_BY_OTHER
        return Refusal.ALREADY_CLAIMED if holder is not None else None
    if held_by_other and user.role not in CLAIM_OVERRIDERS:
        return Refusal.CLAIMED_BY_OTHER
    if action == RELEASE:
        return Refusal.NOT_CLAIMED if holder is None else None
    if action in (PAUSE, RESUME):
        return _pause_refusal(case, action)
    if case.status not in workflow[action].sources:
        return Refusal.ILLEGAL_MOVE
    return None


def _pause_refusal(case: Case, action: str) -> Refusal | None:
    """Pause an open case whose clock runs; resume one that waits on the citizen."""
    if case.status not in CLAIMABLE_STATUSES:
        return Refusal.NOT_PAUSABLE if action == PAUSE else Refusal.NOT_PAUSED
    paused = case.sla_paused_at is not None
    if action == PAUSE:
        return Refusal.ALREADY_PAUSED if paused else None
    return None if paused and case.sla_pause_reason == CITIZEN_PAUSE else Refusal.NOT_PAUSED


def case_available_actions(user: User, case: Case, workflow: Workflow) -> tuple[str, ...]:
    """What this user may do with this case now: the workflow's moves in its order, then
    claim, release, pause, resume and note. The page, the API and the services all ask this."""
    return tuple(
        action
        for action in (*workflow, *OTHER_CASE_ACTIONS)
        if case_action_refusal(user, case, action, workflow) is None
    )


def can_search_persons(user: User) -> bool:
    return is_staff_member(user) and (user.is_superuser or user.role in PERSON_SEARCHERS)


def can_read_attachment(user: User, case: Case) -> bool:
    return can_view_case(user, case)


def assignable_scope(user: User) -> Q | None:
    """Staff a user may assign a case to: investigators and officers of the case's station
    (an inspector, who assigns only complaints about officers: another inspector)."""
    if not is_staff_member(user) or user.unit is None:
        return None
    if user.role in CONDUCT_HANDLERS:
        return Q(unit__path__startswith=user.unit.path, is_active=True, role__in=CONDUCT_HANDLERS)
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


# --- oversight: SLA breaches and thin files (issue 8) -----------------------------------------
# A commander watches their own station; an inspector their unit and everything below it.
STATION_OVERSEERS = frozenset({Role.COMMANDER, Role.INSPECTOR})


def station_oversight_scope(user: User) -> str | None:
    """The unit subtree (a path prefix) whose SLA breaches and missing-data lists this user
    may see, if any."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if user.role in STATION_OVERSEERS and user.unit is not None:
        return user.unit.path
    return None


def can_view_sla_breaches(user: User) -> bool:
    return station_oversight_scope(user) is not None


def can_view_completeness(user: User) -> bool:
    return station_oversight_scope(user) is not None


# --- oversight dashboards ----------------------------------------------------------------------
# Dashboards judge units, so they are for those who answer for a unit's service: a station's
# commander (their station, DESIGN.md "station dashboard") and inspectors (their county,
# province or the nation, and every unit below). Desk officers and investigators work cases,
# not units; planners staff special operations and privacy officers review accesses: neither
# judges a station's speed and quality, so neither sees these figures.
DASHBOARD_VIEWERS = frozenset({Role.COMMANDER, Role.INSPECTOR})


def dashboard_scope(user: User) -> str | None:
    """The unit subtree (a path prefix) whose dashboards this user may see, if any."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if user.role in DASHBOARD_VIEWERS and user.unit is not None:
        return user.unit.path
    return None


def can_view_dashboard(user: User, unit: Any) -> bool:
    """Whether the user may see the dashboard of `unit` (anything with a `path`): its own
    unit and the units below it."""
    scope = dashboard_scope(user)
    return scope is not None and str(unit.path).startswith(scope)


# --- oversight: the weekly early-warning digest -----------------------------------------------
# Commanders get their station's digest, inspectors their unit's and everything below it. The
# section on officers with repeat complaints follows the complaints' own rule (`conduct_scope`):
# inspectors only, never a complaint naming the reader.
DIGEST_READERS = frozenset({Role.COMMANDER, Role.INSPECTOR})


def can_receive_digest(user: User) -> bool:
    """Whether the account gets (and may open) a weekly early-warning digest."""
    return is_staff_member(user) and user.role in DIGEST_READERS and user.unit is not None


def digest_scope(user: User) -> str | None:
    """The unit subtree (a path prefix) a user's digest covers, if any (superusers: all)."""
    if not is_staff_member(user):
        return None
    if user.is_superuser:
        return "/"
    if can_receive_digest(user) and user.unit is not None:
        return user.unit.path
    return None


# The rules for the station records (issue 9) live beside this file, one module per app,
# and are re-exported here so every caller still asks `access.policy`.
