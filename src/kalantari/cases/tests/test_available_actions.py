"""One answer to "what may this user do with this case now" (access.policy), checked two ways:
a table written from the rules, and a property: whatever the policy offers, the service does;
whatever it withholds, the service refuses, with the error the policy's reason names."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kalantari.access import policy
from kalantari.cases.models import OPEN_STATUSES, Case, Status
from kalantari.cases.services import (
    case_claim,
    case_note_add,
    case_pause,
    case_resume,
    case_transition,
)
from kalantari.cases.workflow import MOVES
from kalantari.core.errors import DomainError
from kalantari.org.models import Role, User
from kalantari.org.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACTIONS = (*MOVES, "claim", "release", "pause", "resume", "note")


def test_claimable_statuses_are_the_open_ones() -> None:
    assert {str(s) for s in OPEN_STATUSES} == policy.CLAIMABLE_STATUSES
    assert set(Status.values) >= {s for m in MOVES.values() for s in m.sources}


# (role, status, who holds the claim) -> what the page offers, in the page's order.
TABLE: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("desk", "received", "none", ("triage", "assign", "refer", "reject", "claim", "pause", "note")),
    (
        "desk",
        "received",
        "self",
        ("triage", "assign", "refer", "reject", "release", "pause", "note"),
    ),
    ("desk", "received", "other", ("note",)),
    ("desk", "triaged", "none", ("assign", "refer", "reject", "claim", "pause", "note")),
    ("desk", "resolved", "self", ("release", "note")),
    ("desk", "closed", "none", ("note",)),
    (
        "commander",
        "received",
        "other",
        ("triage", "assign", "refer", "reject", "release", "pause", "note"),
    ),
    ("commander", "resolved", "none", ("send_back", "close", "reopen", "note")),
    ("commander", "referred", "none", ("close", "reopen", "note")),
    ("commander", "closed", "none", ("reopen", "note")),
    ("investigator", "assigned", "none", ("start", "refer", "claim", "pause", "note")),
    ("investigator", "in_progress", "self", ("resolve", "refer", "release", "pause", "note")),
    ("investigator", "in_progress", "other", ("note",)),
    ("investigator", "resolved", "none", ("note",)),
    ("inspector", "in_progress", "none", ()),
    ("stranger", "received", "none", ()),  # another station's officer: not theirs to see
]


# A paused case (role, status, who holds the claim, waiting on) -> what the page offers: resume
# only for a citizen's wait; a referral's pause ends when the case is reopened.
PAUSED_TABLE: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    (
        "desk",
        "assigned",
        "none",
        "citizen",
        ("assign", "refer", "reject", "claim", "resume", "note"),
    ),
    ("desk", "assigned", "other", "citizen", ("note",)),
    (
        "investigator",
        "in_progress",
        "self",
        "citizen",
        ("resolve", "refer", "release", "resume", "note"),
    ),
    (
        "commander",
        "in_progress",
        "other",
        "citizen",
        ("assign", "resolve", "refer", "release", "resume", "note"),
    ),
    ("commander", "referred", "none", "referral", ("close", "reopen", "note")),
    ("inspector", "in_progress", "none", "citizen", ()),
    ("stranger", "in_progress", "none", "citizen", ()),
]


@pytest.fixture
def people(
    desk_officer: User,
    investigator: User,
    commander: User,
    inspector: User,
    other_station_officer: User,
    force: Any,
) -> dict[str, User]:
    second_desk = UserFactory.create(
        username="desk2", role=Role.DESK_OFFICER, unit=force["station"]
    )
    return {
        "desk": desk_officer,
        "investigator": investigator,
        "commander": commander,
        "inspector": inspector,
        "stranger": other_station_officer,
        "other": second_desk,
    }


def _holder(claim: str, actor: User, people: dict[str, User]) -> User | None:
    return {"none": None, "self": actor, "other": people["other"]}[claim]


@pytest.mark.parametrize(("role", "status", "claim", "expected"), TABLE)
def test_available_actions_table(
    new_case: Case,
    people: dict[str, User],
    role: str,
    status: str,
    claim: str,
    expected: tuple[str, ...],
) -> None:
    user = people[role]
    new_case.status = status
    new_case.assignee = people["investigator"]
    new_case.claimed_by = _holder(claim, user, people)
    assert policy.case_available_actions(user, new_case, MOVES) == expected


@pytest.mark.parametrize(("role", "status", "claim", "waiting_on", "expected"), PAUSED_TABLE)
def test_available_actions_on_a_paused_case(
    new_case: Case,
    people: dict[str, User],
    role: str,
    status: str,
    claim: str,
    waiting_on: str,
    expected: tuple[str, ...],
) -> None:
    user = people[role]
    new_case.status = status
    new_case.assignee = people["investigator"]
    new_case.claimed_by = _holder(claim, user, people)
    new_case.sla_paused_at = timezone.now()
    new_case.sla_pause_reason = waiting_on
    assert policy.case_available_actions(user, new_case, MOVES) == expected


def _attempt(actor: User, case: Case, action: str) -> None:
    """Take the action through the service, with whatever a real form would send."""
    if action == "pause":
        case_pause(actor=actor, case_id=case.pk, expected_version=case.version, note="مدرک")
    elif action == "resume":
        case_resume(actor=actor, case_id=case.pk, expected_version=case.version)
    elif action == "note":
        case_note_add(actor=actor, case_id=case.pk, body="یادداشت", public=False)
    elif action in ("claim", "release"):
        case_claim(
            actor=actor,
            case_id=case.pk,
            expected_version=case.version,
            release=action == "release",
        )
    else:
        case_transition(
            actor=actor,
            case_id=case.pk,
            action=action,
            expected_version=case.version,
            reason="دلیل",
            assignee_id=case.assignee_id,
            referral_target="agency",
            referral_name="دادسرا",
        )


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    role=st.sampled_from(["desk", "investigator", "commander", "inspector", "stranger"]),
    status=st.sampled_from(Status.values),
    claim=st.sampled_from(["none", "self", "other"]),
    action=st.sampled_from([*ACTIONS, "fly"]),
    waiting_on=st.sampled_from(["", "citizen", "referral"]),
)
def test_offered_actions_succeed_and_withheld_ones_are_refused(
    new_case: Case,
    people: dict[str, User],
    role: str,
    status: str,
    claim: str,
    action: str,
    waiting_on: str,
) -> None:
    actor = people[role]
    holder = _holder(claim, actor, people)
    Case.objects.filter(pk=new_case.pk).update(
        status=status,
        assignee=people["investigator"],
        claimed_by=holder,
        sla_paused_at=timezone.now() if waiting_on else None,
        sla_pause_reason=waiting_on,
    )
    case = Case.objects.select_related("claimed_by").get(pk=new_case.pk)
    offered = policy.case_available_actions(actor, case, MOVES)
    refusal = policy.case_action_refusal(actor, case, action, MOVES)
    assert (action in offered) == (refusal is None)
    if refusal is None:
        _attempt(actor, case, action)  # raises if the service disagrees
        return
    with pytest.raises(DomainError) as info:
        _attempt(actor, case, action)
    assert (info.value.code, info.value.status) == (refusal.value, refusal.status)


def test_page_and_api_offer_what_the_policy_offers(
    new_case: Case, people: dict[str, User], client: Any
) -> None:
    """The review's case: a claimed case offered its moves to others, who then got 409."""
    import json
    from io import StringIO

    from django.core.management import call_command
    from django.test import Client

    from kalantari.org.tests.factories import sign_in

    case_claim(actor=people["desk"], case_id=new_case.pk, expected_version=new_case.version)
    second = people["other"]
    sign_in(client, second)
    html = client.get(f"/en/desk/cases/{new_case.pk}/").content.decode()
    assert "data-action=" not in html
    assert 'value="claim"' not in html and 'value="release"' not in html
    assert 'name="body"' in html  # the note form stays

    out = StringIO()
    call_command("api_token", second.username, stdout=out)
    answer = Client().get(
        f"/api/v1/cases/{new_case.pk}",
        headers={"Authorization": f"Bearer {out.getvalue().strip()}"},
    )
    assert json.loads(answer.content)["allowed_actions"] == ["note"]


def test_claim_and_note_work_as_plain_forms(new_case: Case, people: dict[str, User]) -> None:
    """Without scripts (no htmx) the same forms post and the page comes back by redirect."""
    from django.test import Client

    from kalantari.org.tests.factories import sign_in

    client = sign_in(Client(), people["desk"])
    url = f"/en/desk/cases/{new_case.pk}/act/"
    claimed = client.post(url, {"action": "claim", "version": new_case.version})
    assert claimed.status_code == 302
    noted = client.post(url, {"action": "note", "body": "Called back."})
    assert noted.status_code == 302
    page = client.get(f"/en/desk/cases/{new_case.pk}/").content.decode()
    assert "data-release" in page and "Called back." in page
