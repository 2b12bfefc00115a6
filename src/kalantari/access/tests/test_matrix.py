"""The access matrix, generated: every role x every page and endpoint x a record of the
user's own unit, a sibling unit, the parent unit and another county.

The expected answers are written from the rules in DESIGN.md and the issue, not read from
the policy module, so a wrong policy fails here. A record the user may not see answers
404 (never 403), so its existence does not leak; a page the role has no use for answers
403; an anonymous caller is sent to sign in (302) or told to (401).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from conftest import build_force, shared_data
from django.core.management import call_command
from django.test import Client

from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory
from kalantari.org.models import Role, User
from kalantari.org.tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db
PLACES = ("own", "sibling", "parent", "other_county")
ROLES = (
    "anonymous",
    "partner_token",
    "desk_officer",
    "investigator",
    "commander",
    "inspector",
    "planner",
    "privacy_officer",
    "admin",
)
CASE_READERS = {"desk_officer", "investigator", "commander", "inspector"}


def sees(role: str, place: str) -> bool:
    """Station staff see their station; the investigator only what is assigned to them
    (the own-station case is); the county inspector sees the county and all below it."""
    if role in ("desk_officer", "commander", "investigator"):
        return place == "own"
    if role == "inspector":
        return place in ("own", "sibling", "parent")
    return False


def acts(role: str, action: str) -> bool:
    allowed = {
        "desk_officer": {"triage", "note", "claim"},
        "commander": {"triage", "note", "claim"},
        "investigator": {"note", "claim"},
    }
    return action in allowed.get(role, set())


def expected(role: str, place: str, endpoint: str) -> int:
    api = endpoint.startswith("api")
    if role == "anonymous":
        return 401 if api else 302
    if role == "partner_token":  # a partner agency's token opens no staff endpoint
        return 401 if api else 302
    if endpoint == "page_case":
        if role not in CASE_READERS:
            return 403
        return 200 if sees(role, place) else 404
    if not sees(role, place):
        return 404
    if endpoint == "api_case":
        return 200
    action = {"api_triage": "triage", "api_note": "note", "api_claim": "claim"}[endpoint]
    if not acts(role, action):
        return 403
    return 201 if action == "note" else 200


def build_world() -> dict[str, Any]:
    force = build_force()
    station, county = force["station"], force["county"]
    users = {
        "desk_officer": (Role.DESK_OFFICER, station),
        "investigator": (Role.INVESTIGATOR, station),
        "commander": (Role.COMMANDER, station),
        "inspector": (Role.INSPECTOR, county),
        "planner": (Role.PLANNER, station),
        "privacy_officer": (Role.PRIVACY_OFFICER, county),
        "admin": (Role.ADMIN, force["nation"]),
        "partner_token": (Role.INSPECTOR, force["nation"]),  # even a national account's
    }
    made = {
        name: UserFactory.create(username=f"m_{name}", role=role, unit=unit)
        for name, (role, unit) in users.items()
    }
    world: dict[str, Any] = {"force": force, "users": made}
    world["cases"] = {place: open_case(world, place) for place in PLACES}
    world["conduct"] = open_conduct_complaint(world)
    return world


def open_conduct_complaint(world: dict[str, Any]) -> Any:
    """A complaint about an officer of the own station: filed at the county (its parent) and
    opened by the county's inspector, naming the own station's desk officer."""
    from kalantari.oversight.conduct import conduct_complaint_open

    accused = world["users"]["desk_officer"]
    accused.badge_number = "5150"
    accused.save()
    case = CaseFactory.create(
        category="officer_complaint", statement="matrix conduct", national_id="5678912348"
    )
    return conduct_complaint_open(
        actor=world["users"]["inspector"],
        case_id=case.pk,
        accused_badge="5150",
        description="matrix conduct",
    )


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """The users and one case per place, made once; each test's moves are rolled back."""
    yield from shared_data(django_db_blocker, tmp_path_factory, build_world)


NATIONAL_IDS = {
    "own": "1234567891",
    "sibling": "2345678917",
    "parent": "3456789122",
    "other_county": "4567891236",
}


def open_case(world: dict[str, Any], place: str) -> Case:
    force = world["force"]
    station = {"own": "ST-101", "sibling": "ST-102", "parent": "ST-101", "other_county": "OP-201"}
    case = CaseFactory.create(
        category="fraud",
        statement="matrix",
        station=station[place],
        national_id=NATIONAL_IDS[place],  # one complainant per place in the person registry
    )
    if place == "parent":  # a record kept at the county itself, above the stations
        county = force["county"]
        Case.objects.filter(pk=case.pk).update(station=county, unit_path=county.path)
    if place == "own":
        Case.objects.filter(pk=case.pk).update(assignee=world["users"]["investigator"])
    return Case.objects.get(pk=case.pk)


def client_for(world: dict[str, Any], role: str) -> tuple[Client, dict[str, str]]:
    if role == "anonymous":
        return Client(), {}
    user: User = world["users"][role]
    out = StringIO()
    if role == "partner_token":
        call_command("api_token", user.username, "--audience", "partner", stdout=out)
        return Client(), {"Authorization": f"Bearer {out.getvalue().strip()}"}
    call_command("api_token", user.username, stdout=out)
    return sign_in(Client(), user), {"Authorization": f"Bearer {out.getvalue().strip()}"}


def _post(client: Client, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


ENDPOINTS: dict[str, Callable[[Client, dict[str, str], Case], Any]] = {
    "page_case": lambda c, h, case: c.get(f"/en/desk/cases/{case.pk}/"),
    "api_case": lambda c, h, case: Client().get(f"/api/v1/cases/{case.pk}", headers=h),
    "api_triage": lambda c, h, case: _post(
        Client(), f"/api/v1/cases/{case.pk}/transitions", {"action": "triage", "version": 1}, h
    ),
    "api_note": lambda c, h, case: _post(
        Client(), f"/api/v1/cases/{case.pk}/notes", {"body": "checked"}, h
    ),
    "api_claim": lambda c, h, case: _post(
        Client(), f"/api/v1/cases/{case.pk}/claim", {"version": 1}, h
    ),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_record_matrix(world: dict[str, Any], role: str, place: str, endpoint: str) -> None:
    client, headers = client_for(world, role)
    got = ENDPOINTS[endpoint](client, headers, world["cases"][place]).status_code
    assert got == expected(role, place, endpoint), f"{role} {endpoint} {place}"


CONDUCT_ENDPOINTS: dict[str, Callable[[Client, dict[str, str], Any], Any]] = {
    "page_case": lambda c, h, complaint: c.get(f"/en/desk/cases/{complaint.case_id}/"),
    "api_case": lambda c, h, complaint: Client().get(
        f"/api/v1/cases/{complaint.case_id}", headers=h
    ),
    "page_complaint": lambda c, h, complaint: c.get(f"/en/oversight/complaints/{complaint.pk}/"),
    "api_complaint": lambda c, h, complaint: Client().get(
        f"/api/v1/oversight/complaints/{complaint.pk}", headers=h
    ),
}


@pytest.mark.parametrize("endpoint", CONDUCT_ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_conduct_complaint_matrix(world: dict[str, Any], role: str, endpoint: str) -> None:
    """Issue 8: a complaint about an officer of the own station sits at the county; only the
    inspector (county) sees it and its case; the accused desk officer, the station's commander
    and investigator get 404 like any record out of scope (never 403: it would say it exists)."""
    client, headers = client_for(world, role)
    got = CONDUCT_ENDPOINTS[endpoint](client, headers, world["conduct"]).status_code
    api = endpoint.startswith("api")
    if role in ("anonymous", "partner_token"):
        want = 401 if api else 302
    elif role == "inspector":
        want = 200
    elif endpoint == "page_case" and role not in CASE_READERS:
        want = 403  # the desk is not this role's (as for any case)
    else:
        want = 404
    assert got == want, f"{role} {endpoint}"


PERSON_SEARCHERS = {"desk_officer", "investigator", "commander", "inspector"}


def sees_person(role: str, place: str) -> bool:
    """A person is seen within the unit subtree where they were entered or linked: the
    "parent" complainant filed at the own station (the case was moved up afterwards), and
    the person registry scopes by unit, not by assignment (an investigator sees the station's)."""
    if role in ("desk_officer", "commander", "investigator"):
        return place in ("own", "parent")
    if role == "inspector":
        return place in ("own", "sibling", "parent")
    return False


def _person_of(case: Case) -> str:
    from kalantari.people.models import PersonLink

    return str(
        PersonLink.objects.get(subject_kind="report", subject_id=str(case.report_id)).person_id
    )


PERSON_ENDPOINTS: dict[str, Callable[[Client, dict[str, str], str], Any]] = {
    "page_person": lambda c, h, pk: c.get(f"/en/desk/people/{pk}/"),
    "api_person": lambda c, h, pk: Client().get(f"/api/v1/people/{pk}", headers=h),
}


@pytest.mark.parametrize("endpoint", PERSON_ENDPOINTS)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_person_matrix(world: dict[str, Any], role: str, place: str, endpoint: str) -> None:
    client, headers = client_for(world, role)
    person_id = _person_of(world["cases"][place])
    got = PERSON_ENDPOINTS[endpoint](client, headers, person_id).status_code
    api = endpoint.startswith("api")
    if role in ("anonymous", "partner_token"):
        want = 401 if api else 302
    elif role not in PERSON_SEARCHERS:
        want = 404 if api else 403  # as for cases: the API does not say the record exists
    else:
        want = 200 if sees_person(role, place) else 404
    assert got == want, f"{role} {endpoint} {place}"


UNIT_PAGES = {
    "queue": "/en/desk/",
    "search": "/en/desk/search/",
    "walk_in": "/en/desk/intake/",
    "access_review": "/en/oversight/accesses/person/",
    "admin_units": "/admin/org/orgunit/",
    "identity_check": "/en/desk/identity-check/",
    "deferral_review": "/en/oversight/deferrals/",
    "sla_breaches": "/en/oversight/sla/",
    "completeness": "/en/oversight/completeness/",
    "complaints": "/en/oversight/complaints/",
    "complaint_patterns": "/en/oversight/complaints/patterns/",
    "ratings": "/en/oversight/ratings/",
}
PAGE_EXPECTED = {
    # role: queue, search, walk-in, access review, admin units, identity check (a person's
    # data access request: the desk's), deferral review (inspectors'), SLA breaches and
    # missing data (a commander's station, an inspector's units), complaints about officers
    # and their patterns (inspectors'), service ratings (commanders and inspectors)
    "anonymous": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "partner_token": (302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302),
    "desk_officer": (200, 200, 200, 403, 302, 200, 403, 403, 403, 403, 403, 403),
    "investigator": (200, 200, 403, 403, 302, 403, 403, 403, 403, 403, 403, 403),
    "commander": (200, 200, 200, 403, 302, 200, 403, 200, 200, 403, 403, 200),
    "inspector": (200, 200, 403, 200, 302, 403, 200, 200, 200, 200, 200, 200),
    "planner": (403, 403, 403, 403, 302, 403, 403, 403, 403, 403, 403, 403),
    "privacy_officer": (403, 403, 403, 200, 302, 403, 403, 403, 403, 403, 403, 403),
    "admin": (403, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403),
}


@pytest.mark.parametrize("role", ROLES)
def test_pages_without_a_record(world: dict[str, Any], role: str) -> None:
    client, _headers = client_for(world, role)
    got = tuple(client.get(url).status_code for url in UNIT_PAGES.values())
    assert got == PAGE_EXPECTED[role]
