"""Issue 6, item 7: a complaint about an officer never reaches the accused station."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kalantari.cases.tests.factories import CaseFactory
from kalantari.org.models import Role
from kalantari.org.tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db


def test_a_complaint_about_an_officer_goes_to_the_inspectorate_above_the_station(
    force: Any, desk_officer: Any, commander: Any, inspector: Any
) -> None:
    case = CaseFactory.create(
        category="officer_complaint",
        statement="The officer at the desk insulted me and refused my report.",
        extra={"officer": "Badge 1234"},
    )
    assert case.station == force["county"] and case.unit_path == force["county"].path
    assert case.report.routing_reason == "inspectorate"
    assert "ST-101" in case.report.routing_detail  # which station it is about
    for accused in (desk_officer, commander):
        staff = sign_in(Client(), accused)
        assert staff.get(f"/en/desk/cases/{case.pk}/").status_code == 404
        assert case.report.tracking_code not in staff.get("/en/desk/?status=all").content.decode()
        found = staff.post("/en/desk/search/", {"q": "0499370899", "purpose_code": "report"})
        assert str(case.pk) not in found.content.decode()
    # Issue 8: only the inspectorate works it; the county's commander is in the accused
    # station's line of command and does not see it either.
    county_commander = UserFactory.create(
        username="county_cmd", role=Role.COMMANDER, unit=force["county"]
    )
    assert sign_in(Client(), county_commander).get(f"/en/desk/cases/{case.pk}/").status_code == 404
    assert sign_in(Client(), inspector).get(f"/en/desk/cases/{case.pk}/").status_code == 200
