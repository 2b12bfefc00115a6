"""Who sees which dashboard: every role x a unit at each place x the page, the comparison and
the API. Written from DESIGN.md's roles, not read from the policy: a station's commander sees
their station; an inspector their unit and every unit below; no one else has dashboards
(403); a unit outside one's own is 404, so its existence does not leak."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from conftest import build_force, shared_data
from django.core.management import call_command
from django.test import Client

from kalantari.org.models import Role
from kalantari.org.tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db

ROLES = {
    "desk_officer": (Role.DESK_OFFICER, "station"),
    "investigator": (Role.INVESTIGATOR, "station"),
    "commander": (Role.COMMANDER, "station"),
    "inspector": (Role.INSPECTOR, "county"),
    "planner": (Role.PLANNER, "county"),
    "privacy_officer": (Role.PRIVACY_OFFICER, "county"),
    "admin": (Role.ADMIN, "nation"),
}
# Unit codes of the root conftest's force, by where they sit from a station commander at
# ST-101 and a county inspector at THR-C1.
PLACES = {
    "own_station": "ST-101",
    "sibling_station": "ST-102",
    "county": "THR-C1",
    "province": "THR",
    "other_county_outpost": "OP-201",
}
SEES = {
    "commander": {"own_station"},
    "inspector": {"own_station", "sibling_station", "county"},
}
KINDS = ("page", "compare", "api")


def expected(role: str, place: str, kind: str) -> int:
    if role == "anonymous":
        return 401 if kind == "api" else 302
    if role not in SEES:
        return 403
    return 200 if place in SEES[role] else 404


def _world() -> dict[str, Any]:
    force = build_force()
    users = {
        name: UserFactory.create(username=f"dm_{name}", role=role, unit=force[where])
        for name, (role, where) in ROLES.items()
    }
    tokens = {}
    for name, user in users.items():
        out = StringIO()
        call_command("api_token", user.username, stdout=out)
        tokens[name] = out.getvalue().strip()
    return {"users": users, "tokens": tokens}


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    yield from shared_data(django_db_blocker, tmp_path_factory, _world)


def _get(world: dict[str, Any], role: str, kind: str, code: str) -> int:
    if kind == "api":
        headers = {"Authorization": f"Bearer {world['tokens'][role]}"} if role in ROLES else {}
        return (
            Client().get(f"/api/v1/oversight/units/{code}/dashboard", headers=headers).status_code
        )
    client = Client() if role == "anonymous" else sign_in(Client(), world["users"][role])
    if kind == "page":
        return client.get(f"/en/oversight/dashboard/{code}/").status_code
    return client.get(f"/en/oversight/compare/?unit={code}").status_code


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_dashboard_matrix(world: dict[str, Any], role: str, place: str, kind: str) -> None:
    got = _get(world, role, kind, PLACES[place])
    assert got == expected(role, place, kind), f"{role} {kind} {place}"
