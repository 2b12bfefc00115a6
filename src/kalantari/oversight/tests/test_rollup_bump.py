"""rollup_bump: the upsert adds to a station's day, and case events feed it."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.org.models import OrgUnit
from kalantari.oversight.fold import fold_mark, rollups_fold
from kalantari.oversight.indicators import Period, unit_indicators
from kalantari.oversight.models import AreaDay, UnitDay
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


def test_commands_rebuild_and_fold(
    new_case: Case, commander: Any, force: dict[str, OrgUnit]
) -> None:
    advance(new_case, commander, "triage")
    UnitDay.objects.update(received=5)
    out = StringIO()
    call_command("rollups", "rebuild", stdout=out)
    assert "rollups rebuilt (all days)" in out.getvalue()
    assert UnitDay.objects.get(station=new_case.station).received == 1
    call_command("rollups", "fold", "--since", "2026-01-01", stdout=out)
    assert "area-day rows" in out.getvalue()
    assert fold_mark() == timezone.localdate() - timedelta(days=2)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("rollups", "rebuild", "--since", "yesterday")


def test_a_case_event_shows_at_once_above_a_fold(force: dict[str, OrgUnit], commander: Any) -> None:
    rollups_fold()  # the areas are folded up to the day before yesterday
    today = Period.last(1)
    before = unit_indicators(force["nation"], today).received
    case = CaseFactory.create()
    assert unit_indicators(force["nation"], today).received == before + 1
    assert unit_indicators(force["county"], today).received == before + 1
    advance(case, commander, "triage")
    assert unit_indicators(force["province"], today).first_responses == 1
    assert not AreaDay.objects.exists()  # today's bumps touch only the station's own row
