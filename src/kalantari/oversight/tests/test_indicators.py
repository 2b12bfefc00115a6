"""Every indicator on a small hand-made history whose right answers are worked out here.

The history (category "assault", targets set to 30 minutes and 24 hours; D1 = 10 March
2026, local Tehran days; ST-101 and ST-102 are in county THR-C1, OP-201 in THR-C2):

  A  ST-101  opened D1 08:00, triaged 08:07 (first response 7 min, on time), resolved
             D2 10:00 (26 h: late, due D2 08:00), closed D2 10:05 (complete)
  B  ST-101  opened D1 09:00, rejected 09:40 (first response 40 min, late), reopened
             D2 11:00, triaged again (not a first response), resolved D3 09:00 (exactly
             48 h: on the 48 h edge, late)
  C  ST-102  opened D1 10:00, referred 13:00 (180 min, late), closed D2 00:10 local
             (= D1 20:40 UTC: counted on local D2), complete
  D  ST-101  no address (incomplete), opened D1 11:00, triaged 11:02 (2 min, on time),
             waited 10 h on the citizen (a pause), resolved D2 11:00 (24 h - 10 h = 14 h,
             on time: due moved to D2 21:00), closed D2 11:30
  E  OP-201  opened D2 12:00, still received
  F  ST-101  opened 28 Feb 08:00 (before the period), triaged 08:20, still open
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.services import case_pause, case_resume, case_transition
from kalantari.cases.tests.factories import CaseFactory
from kalantari.intake import catalogue
from kalantari.intake.models import Category
from kalantari.org.models import OrgUnit, Role, User
from kalantari.org.tests.factories import UserFactory
from kalantari.oversight import measures
from kalantari.oversight.fold import fold_mark, rollups_fold
from kalantari.oversight.indicators import (
    Indicators,
    Period,
    backlog_by_age,
    children_indicators,
    daily_series,
    naive_unit_indicators,
    unit_indicators,
)
from kalantari.oversight.models import UnitDay
from kalantari.oversight.rebuild import rollups_rebuild
from kalantari.oversight.rollups import rollup_bump
from kalantari.oversight.tests.clock import Clock, local

pytestmark = pytest.mark.django_db

D1, D2, D3 = date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12)
PERIOD = Period(D1, D3)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock(local(date(2026, 2, 28), 7))
    monkeypatch.setattr(timezone, "now", c)
    return c


def _move(clock: Clock, at: Any, actor: User, case: Case, *actions: str, **kw: Any) -> None:
    clock.set(at)
    for action in actions:
        case.refresh_from_db()
        case_transition(
            actor=actor,
            case_id=case.pk,
            action=action,
            expected_version=case.version,
            reason="انجام شد",
            **kw,
        )


def _open(clock: Clock, at: Any, **kw: Any) -> Case:
    clock.set(at)
    return CaseFactory.create(category="assault", **kw)


@pytest.fixture(params=["live", "folded through D1", "folded through D3"])
def history(
    request: pytest.FixtureRequest, force: dict[str, OrgUnit], clock: Clock
) -> dict[str, Any]:
    """The history, read live, or with the area rows folded through D1 or through D3."""
    played = _history(force, clock)
    if request.param.endswith("D3"):
        clock.set(local(D3 + timedelta(days=2), 12))  # D3 is foldable two days later
    if request.param != "live":
        rollups_fold(through=D1 if request.param.endswith("D1") else D3)
        assert fold_mark() == (D1 if request.param.endswith("D1") else D3)
    return played


def _history(force: dict[str, OrgUnit], clock: Clock) -> dict[str, Any]:
    Category.objects.filter(code="assault").update(
        sla_first_response_minutes=30, sla_resolution_hours=24
    )
    catalogue.invalidate()
    boss = UserFactory.create(username="boss101", role=Role.COMMANDER, unit=force["station"])
    inv = UserFactory.create(username="inv101", role=Role.INVESTIGATOR, unit=force["station"])
    boss2 = UserFactory.create(username="boss102", role=Role.COMMANDER, unit=force["sibling"])
    assign = {"assignee_id": inv.pk}

    f = _open(clock, local(date(2026, 2, 28), 8))
    _move(clock, local(date(2026, 2, 28), 8, 20), boss, f, "triage")

    a = _open(clock, local(D1, 8))
    _move(clock, local(D1, 8, 7), boss, a, "triage")
    _move(clock, local(D1, 8, 10), boss, a, "assign", **assign)
    _move(clock, local(D1, 8, 20), inv, a, "start")
    b = _open(clock, local(D1, 9))
    _move(clock, local(D1, 9, 40), boss, b, "reject")
    c = _open(clock, local(D1, 10), station="ST-102")
    _move(
        clock,
        local(D1, 13),
        boss2,
        c,
        "refer",
        referral_target="judiciary",
        referral_name="دادسرای ناحیه ۱",
    )
    d = _open(clock, local(D1, 11), address="")
    _move(clock, local(D1, 11, 2), boss, d, "triage")
    _move(clock, local(D1, 11, 3), boss, d, "assign", **assign)
    _move(clock, local(D1, 11, 5), inv, d, "start")
    # D waits 10 hours on the citizen: the pause's end adds it and moves the due times on.
    clock.set(local(D1, 11, 30))
    d.refresh_from_db()
    case_pause(actor=inv, case_id=d.pk, expected_version=d.version, note="مدارک را بیاورید")
    clock.set(local(D1, 21, 30))
    d.refresh_from_db()
    case_resume(actor=inv, case_id=d.pk, expected_version=d.version)
    _move(clock, local(D2, 0, 10), boss2, c, "close")
    _move(clock, local(D2, 10), inv, a, "resolve")
    _move(clock, local(D2, 10, 5), boss, a, "close")
    _move(clock, local(D2, 11), boss, b, "reopen")
    _move(clock, local(D2, 11, 5), boss, b, "triage")
    _move(clock, local(D2, 11, 6), boss, b, "assign", **assign)
    _move(clock, local(D2, 11, 10), inv, b, "start")
    _move(clock, local(D2, 11), inv, d, "resolve")
    _move(clock, local(D2, 11, 30), boss, d, "close")
    e = _open(clock, local(D2, 12), station="OP-201")
    _move(clock, local(D3, 9), inv, b, "resolve")
    # What conduct bumps: two ratings at ST-102 on D2 (4 and 5), a complaint at ST-101 on D3.
    rollup_bump(force["sibling"].pk, D2, ratings=2, rating_sum=9)
    rollup_bump(force["station"].pk, D3, complaints=1)
    clock.set(local(D3, 12))
    return {"force": force, "cases": {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}}


STATION = Indicators(
    received=3,
    first_responses=3,  # A 7, B 40, D 2 minutes
    first_response_in_sla=2,  # A and D
    first_response_p50_minutes=10,  # rank 2 of [2, 7, 40] = 7 -> bucket "up to 10"
    first_response_p90_minutes=45,  # rank 3 = 40 -> "up to 45"
    resolved=3,  # A 26 h, B 48 h, D 14 h
    resolutions_in_sla=1,  # D
    resolution_p50_hours=48,  # rank 2 of [14, 26, 48] = 26 -> "up to 48"
    resolution_p90_hours=48,  # rank 3 = 48, on the edge: "up to 48"
    closed=2,  # A, D
    closed_complete=1,  # A (D has no location)
    rejected=1,
    referred=0,
    reopened=1,
    complaints=1,
)
COUNTY = Indicators(
    received=4,
    first_responses=4,  # + C 180
    first_response_in_sla=2,
    first_response_p50_minutes=10,  # rank 2 of [2, 7, 40, 180] = 7
    first_response_p90_minutes=180,  # rank ceil(3.6) = 4 -> 180, on the edge
    resolved=3,
    resolutions_in_sla=1,
    resolution_p50_hours=48,
    resolution_p90_hours=48,
    closed=3,  # + C
    closed_complete=2,
    rejected=1,
    referred=1,
    reopened=1,
    ratings=2,
    rating_mean=4.5,
    complaints=1,
)
PROVINCE = Indicators(**{**COUNTY.__dict__, "received": 5})  # + E at OP-201


def test_station_county_province_and_nation(history: dict[str, Any]) -> None:
    force = history["force"]
    assert unit_indicators(force["station"], PERIOD) == STATION
    assert unit_indicators(force["county"], PERIOD) == COUNTY
    assert unit_indicators(force["province"], PERIOD) == PROVINCE
    assert unit_indicators(force["nation"], PERIOD) == PROVINCE


def test_rates(history: dict[str, Any]) -> None:
    got = unit_indicators(history["force"]["province"], PERIOD)
    assert got.sla_compliance == pytest.approx(float(Fraction(2 + 1, 4 + 3)))
    assert got.first_response_sla_rate == 0.5
    assert got.resolution_sla_rate == pytest.approx(1 / 3)
    assert got.rejection_rate == 0.2 and got.referral_rate == 0.2
    assert got.reopen_rate == 0.25  # 1 reopen over 3 closed + 1 rejected
    assert got.completeness_rate == pytest.approx(2 / 3)
    assert got.per_1000("complaints") == 200.0  # 1 complaint over 5 reports
    assert got.per_1000("reopened") == 200.0
    assert Indicators().sla_compliance is None and Indicators().per_1000("received") is None
    with pytest.raises(ValueError, match="count"):
        got.per_1000("rating_mean")


def test_a_day_and_local_midnight(history: dict[str, Any]) -> None:
    got = unit_indicators(history["force"]["county"], Period(D2, D2))
    assert (got.received, got.first_responses, got.resolved, got.resolutions_in_sla) == (0, 0, 2, 1)
    # C's close at 00:10 local on D2 (still D1 in UTC) is D2's.
    assert (got.closed, got.closed_complete, got.reopened, got.rejected) == (3, 2, 1, 0)
    assert (got.resolution_p50_hours, got.resolution_p90_hours) == (24, 48)  # [14, 26]
    assert got.first_response_p50_minutes is None
    assert unit_indicators(history["force"]["county"], Period(D1, D1)).closed == 0


def test_daily_series(history: dict[str, Any]) -> None:
    series = daily_series(history["force"]["county"], Period(D1 - timedelta(days=1), D3))
    assert [day for day, _ in series] == [D1 - timedelta(days=1), D1, D2, D3]
    assert series[0][1] == Indicators()
    assert [(i.received, i.first_responses, i.rejected, i.referred) for _, i in series[1:]] == [
        (4, 4, 1, 1),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
    ]
    assert [(i.resolved, i.closed, i.ratings, i.complaints) for _, i in series[1:]] == [
        (0, 0, 0, 0),
        (2, 3, 2, 0),
        (1, 0, 0, 1),
    ]


def test_children(history: dict[str, Any]) -> None:
    force = history["force"]
    county = children_indicators(force["county"], PERIOD)
    assert [unit.code for unit, _ in county] == ["ST-101", "ST-102"]
    assert county[0][1] == STATION
    sibling = county[1][1]
    assert (sibling.received, sibling.referred, sibling.closed, sibling.closed_complete) == (
        1,
        1,
        1,
        1,
    )
    assert sibling.first_response_p50_minutes == 180 and sibling.rating_mean == 4.5
    province = children_indicators(force["province"], PERIOD)
    assert [(u.code, i.received) for u, i in province] == [("THR-C1", 4), ("THR-C2", 1)]
    assert children_indicators(force["station"], PERIOD) == []


def test_backlog_by_age(history: dict[str, Any]) -> None:
    force = history["force"]
    now = local(D3, 12)
    # E opened exactly a day before `now` (1-3 days); F 12 days and 4 hours before.
    province = {b.key: b.count for b in backlog_by_age(force["province"], now)}
    assert province == {"lt_1d": 0, "1_3d": 1, "3_7d": 0, "7_30d": 1, "gt_30d": 0}
    station = {b.key: b.count for b in backlog_by_age(force["station"], now)}
    assert station == {"lt_1d": 0, "1_3d": 0, "3_7d": 0, "7_30d": 1, "gt_30d": 0}
    later = {b.key: b.count for b in backlog_by_age(force["nation"], now + timedelta(days=20))}
    assert later == {"lt_1d": 0, "1_3d": 0, "3_7d": 0, "7_30d": 1, "gt_30d": 1}


def _conduct_source(prefix: str, begin: Any, after: Any) -> dict[str, int]:
    rows = UnitDay.objects.filter(
        unit_path__startswith=prefix,
        day__gte=timezone.localdate(begin),
        day__lt=timezone.localdate(after),
    )
    return {
        "ratings": sum(r.ratings for r in rows),
        "rating_sum": sum(r.rating_sum for r in rows),
        "complaints": sum(r.complaints for r in rows),
    }


@pytest.fixture
def conduct_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Conduct's tables are not ours: stand in for its registered source with the bumps.
    monkeypatch.setattr(measures, "NAIVE_SOURCES", [_conduct_source])


@pytest.mark.usefixtures("conduct_counts")
def test_naive_agrees(history: dict[str, Any]) -> None:
    force = history["force"]
    assert naive_unit_indicators(force["station"], PERIOD) == STATION
    assert naive_unit_indicators(force["county"], PERIOD) == COUNTY
    assert naive_unit_indicators(force["nation"], PERIOD) == PROVINCE


@pytest.mark.usefixtures("conduct_counts")
def test_rebuild_gives_the_same_rows(history: dict[str, Any]) -> None:
    kept = sorted(UnitDay.objects.values_list("station_id", "day", *_columns()))
    UnitDay.objects.update(received=99, closed_complete=7, fr_00=3)
    rollups_rebuild(since=None)
    assert sorted(UnitDay.objects.values_list("station_id", "day", *_columns())) == kept
    rollups_rebuild(since=D2)
    assert unit_indicators(history["force"]["nation"], PERIOD) == PROVINCE


def _columns() -> list[str]:
    from kalantari.oversight.indicators import SUMMED

    return list(SUMMED)


def test_period() -> None:
    assert Period.last(7, D3) == Period(date(2026, 3, 6), D3)
    assert Period.last(1, D3).days == 1
    with pytest.raises(ValueError, match="ends"):
        Period(D3, D1)


def test_a_late_bump_of_a_folded_day_reaches_the_areas(history: dict[str, Any]) -> None:
    force = history["force"]
    rollup_bump(force["sibling"].pk, D1, ratings=1, rating_sum=1)  # folded in two of three
    county = unit_indicators(force["county"], PERIOD)
    assert (county.ratings, county.rating_mean) == (3, 10 / 3)
    assert unit_indicators(force["nation"], Period(D1, D1)).ratings == 1
    rollups_fold(since=D1)  # a refold from the station rows agrees
    assert unit_indicators(force["county"], PERIOD) == county


def test_a_fold_never_reaches_the_live_days(force: dict[str, OrgUnit], clock: Clock) -> None:
    clock.set(local(D3, 12))
    assert rollups_fold(through=D3).through == D1
