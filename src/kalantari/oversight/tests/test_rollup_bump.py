"""rollup_bump: the upsert adds to a station's day, and case events feed it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.tests.factories import advance
from kalantari.org.models import OrgUnit
from kalantari.oversight.models import UnitDay
from kalantari.oversight.rollups import rollup_bump

pytestmark = pytest.mark.django_db


def test_bump_makes_then_adds(force: dict[str, OrgUnit]) -> None:
    station = force["station"]
    day = date(2026, 3, 1)
    rollup_bump(station.pk, day, ratings=1, rating_sum=4)
    rollup_bump(station.pk, day, ratings=1, rating_sum=5, complaints=1, fr_03=2)
    row = UnitDay.objects.get(station=station, day=day)
    assert (row.ratings, row.rating_sum, row.complaints, row.fr_03) == (2, 9, 1, 2)  # type: ignore[attr-defined]
    assert row.unit_path == station.path and row.received == 0


def test_bump_refuses_unknown_fields(force: dict[str, OrgUnit]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        rollup_bump(force["station"].pk, date(2026, 3, 1), nonsense=1)


def test_case_events_bump_their_station(new_case: Case, commander: Any, investigator: Any) -> None:
    today = timezone.localdate()
    advance(new_case, commander, "triage", "assign", assignee_id=investigator.pk)
    advance(new_case, investigator, "start", "resolve")
    advance(new_case, commander, "close")
    row = UnitDay.objects.get(station=new_case.station, day=today)
    assert (row.received, row.first_responses, row.resolved, row.closed) == (1, 1, 1, 1)
    assert row.first_response_in_sla == 1 and row.resolutions_in_sla == 1
    assert row.fr_00 == 1 and row.res_00 == 1  # type: ignore[attr-defined]
