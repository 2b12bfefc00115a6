"""Property: on any case history played through the real services, the rollups kept in
the events' transactions, the rollups rebuilt from the raw tables and the naive GROUP BY
figures are the same, for every unit and period.

One restriction: once a file has been closed, the history neither pauses it nor refers it
again. The receiver judges a close's completeness at the close, the rebuild and the naive
figures judge the file as it is now, and a later pause moves the first-response due time
that completeness reads (see `measures.closed_complete_counts`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kalantari.cases.models import OPEN_STATUSES, Case, SlaPause, Status
from kalantari.cases.services import (
    case_pause,
    case_resume,
    case_transition,
    followup_add,
)
from kalantari.cases.tests.factories import CaseFactory
from kalantari.cases.workflow import MOVES, legal_moves
from kalantari.core.errors import DomainError
from kalantari.org.models import OrgUnit, Role, User
from kalantari.org.tests.factories import UserFactory
from kalantari.oversight.fold import rollups_fold
from kalantari.oversight.indicators import (
    SUMMED,
    Period,
    naive_unit_indicators,
    unit_indicators,
)
from kalantari.oversight.models import UnitDay
from kalantari.oversight.rebuild import rollups_rebuild
from kalantari.oversight.tests.clock import Clock, local

pytestmark = pytest.mark.django_db

START = date(2026, 5, 1)
STATIONS = ("ST-101", "ST-102", "OP-201")
MAX_CASES = 4
# Two steps in three move a case on along its usual road, so that histories reach the end.
FORWARD = ("assign", "start", "resolve", "close")


@contextmanager
def rolled_back() -> Iterator[None]:
    """One example's writes, undone after it (the services' durable blocks run inside)."""
    block = transaction.atomic()
    block._from_testcase = True  # type: ignore[attr-defined]
    block.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True)
        block.__exit__(None, None, None)


@pytest.fixture
def world(force: dict[str, OrgUnit], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    clock = Clock(local(START, 8))
    monkeypatch.setattr(timezone, "now", clock)
    staff: dict[str, tuple[User, User]] = {}
    for key, code in (("station", "ST-101"), ("sibling", "ST-102"), ("outpost", "OP-201")):
        unit = force[key]
        staff[code] = (
            UserFactory.create(username=f"boss-{code}", role=Role.COMMANDER, unit=unit),
            UserFactory.create(username=f"inv-{code}", role=Role.INVESTIGATOR, unit=unit),
        )
    return {"force": force, "clock": clock, "staff": staff}


def _options(case: Case, closed_before: bool) -> list[str]:
    options = sorted(legal_moves(case.status))
    if case.status in OPEN_STATUSES and case.sla_paused_at is None:
        options.append("pause")
    if case.sla_paused_at is not None and case.sla_pause_reason == SlaPause.CITIZEN:
        options += ["resume", "followup"]
    if closed_before:
        options = [o for o in options if o not in {"pause", "refer"}]
    return options


def _act(world: dict[str, Any], case: Case, option: str) -> None:
    boss, inv = world["staff"][case.station.code]
    actor = inv if option in {"start", "resolve"} else boss
    common = {"actor": actor, "case_id": case.pk, "expected_version": case.version}
    if option == "pause":
        case_pause(**common, note="لطفا مدارک را بفرستید")
    elif option == "resume":
        case_resume(**common)
    elif option == "followup":
        followup_add(report=case.report, message="مدارک را فرستادم", files=[])
    elif option in MOVES:
        case_transition(
            **common,
            action=option,
            reason="انجام شد",
            assignee_id=inv.pk,
            referral_target="judiciary",
            referral_name="دادسرا",
        )


def _play(world: dict[str, Any], steps: list[tuple[int, int, int]]) -> None:
    clock: Clock = world["clock"]
    clock.set(local(START, 8))
    cases: list[Case] = []
    closed: set[Any] = set()
    for target, choice, minutes in steps:
        clock.advance(timedelta(minutes=minutes, seconds=choice))
        if not cases or (target == MAX_CASES and len(cases) < MAX_CASES):
            address = "" if choice % 4 == 0 else "خیابان ولیعصر"
            cases.append(CaseFactory.create(station=STATIONS[choice % 3], address=address))
            continue
        case = Case.objects.select_related("station", "report").get(
            pk=cases[target % len(cases)].pk
        )
        options = _options(case, case.pk in closed)
        if not options:
            continue
        forward = [o for o in FORWARD if o in options]
        option = forward[-1] if forward and choice % 3 else options[choice % len(options)]
        try:
            _act(world, case, option)
        except DomainError as exc:
            event(f"refused {option}: {exc.code}")
            continue  # the policy refused it (a claim, a role): the history goes on without it
        event(option)
        if option == "close":
            closed.add(case.pk)


def _rows() -> list[tuple[Any, ...]]:
    return sorted(UnitDay.objects.values_list("station_id", "day", "unit_path", *SUMMED))


def _check(world: dict[str, Any], days: int) -> None:
    force = world["force"]
    periods = [Period(START, START + timedelta(days=days)), Period(START, START)]
    periods.append(Period(START + timedelta(days=1), START + timedelta(days=2)))
    for period in periods:
        for unit in force.values():
            assert unit_indicators(unit, period) == naive_unit_indicators(unit, period), (
                unit.code,
                period,
            )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.integers(0, MAX_CASES),
            st.integers(0, 59),
            st.sampled_from([1, 7, 30, 59, 61, 180, 600, 1439, 2000, 2880]),
        ),
        min_size=6,
        max_size=30,
    )
)
def test_kept_rebuilt_and_naive_agree(
    world: dict[str, Any], steps: list[tuple[int, int, int]]
) -> None:
    with rolled_back():
        _play(world, steps)
        span = (timezone.localdate() - START).days
        _check(world, span)
        rollups_fold(through=START + timedelta(days=1))  # areas from the fold, then live
        _check(world, span)
        kept = _rows()
        UnitDay.objects.update(received=7, first_responses=3, res_02=1, closed_complete=2)
        rollups_rebuild()
        assert _rows() == kept
        _check(world, span)
        since = START + timedelta(days=1)
        UnitDay.objects.filter(day__gte=since).update(resolved=5, fr_00=9)
        rollups_rebuild(since=since)
        assert _rows() == kept


def test_a_pause_can_be_the_first_response(world: dict[str, Any]) -> None:
    clock: Clock = world["clock"]
    case = CaseFactory.create(station="ST-101")
    clock.advance(timedelta(minutes=12))
    boss, _inv = world["staff"]["ST-101"]
    case_pause(actor=boss, case_id=case.pk, expected_version=case.version, note="مدارک؟")
    clock.advance(timedelta(hours=3))
    case.refresh_from_db()
    case_transition(actor=boss, case_id=case.pk, action="triage", expected_version=case.version)
    got = unit_indicators(world["force"]["station"], Period(START, START))
    assert (got.first_responses, got.first_response_in_sla, got.first_response_p50_minutes) == (
        1,
        1,
        15,
    )
    assert got == naive_unit_indicators(world["force"]["station"], Period(START, START))
    assert Case.objects.get(pk=case.pk).status == Status.TRIAGED
