"""What a digest holds, and for whom: a commander's station against an inspector's province."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from kalantari.cases.models import Case, Status
from kalantari.cases.services import followup_add
from kalantari.cases.tests.factories import CaseFactory
from kalantari.intake.models import FollowUp
from kalantari.org.models import Role
from kalantari.org.tests.factories import UserFactory
from kalantari.oversight.digest import Week, digest_for

pytestmark = pytest.mark.django_db


def test_weeks_run_saturday_to_friday() -> None:
    # 2026-12-02 is a Wednesday (1405/09/11); its week began on Saturday 2026-11-28.
    assert Week.containing(date(2026, 12, 2)).start == date(2026, 11, 28)
    assert Week.containing(date(2026, 11, 28)).start == date(2026, 11, 28)
    assert Week.containing(date(2026, 12, 4)).end == date(2026, 12, 4)  # a Friday ends it
    assert Week.latest_complete(date(2026, 12, 2)) == Week(date(2026, 11, 21))
    week = Week(date(2026, 11, 21))
    assert week.ends_at - week.starts_at == timedelta(days=7)
    assert timezone.localtime(week.starts_at).hour == 0


def _case(station: str, **fields: Any) -> Case:
    case = CaseFactory.create(station=station)
    if fields:
        Case.objects.filter(pk=case.pk).update(**fields)
        case.refresh_from_db()
    return case


@pytest.fixture
def world(force: Any, commander: Any, inspector: Any) -> dict[str, Any]:
    now = timezone.now()
    week = Week.latest_complete(timezone.localdate(now))
    mid = week.starts_at + timedelta(days=2)
    return {
        "now": now,
        "week": week,
        # Late now (resolution due in the week, still open) at each of three stations.
        "late_101": _case("ST-101", resolution_due=mid, first_responded_at=week.starts_at),
        "late_102": _case("ST-102", resolution_due=mid, first_responded_at=week.starts_at),
        "late_201": _case("OP-201", resolution_due=mid, first_responded_at=week.starts_at),
        # First response due in the week and given late; resolved: missed in the week only.
        "slow_reply": _case(
            "ST-101",
            first_response_due=mid,
            first_responded_at=mid + timedelta(hours=3),
            status=Status.RESOLVED,
            resolved_at=mid + timedelta(hours=4),
        ),
        # Due in the week but answered and resolved in time: not a breach.
        "on_time": _case(
            "ST-101",
            first_response_due=mid,
            first_responded_at=mid - timedelta(hours=1),
            resolution_due=mid,
            resolved_at=mid - timedelta(minutes=5),
            status=Status.RESOLVED,
        ),
        # Waiting on the citizen since before its due time: the clock is stopped.
        "paused": _case(
            "ST-101",
            resolution_due=mid,
            first_responded_at=week.starts_at,
            sla_paused_at=mid - timedelta(hours=1),
            sla_pause_reason="citizen",
        ),
    }


def _codes(cases: list[Case]) -> set[str]:
    return {str(c.pk) for c in cases}


def test_commander_sees_their_station_inspector_their_province(
    world: dict[str, Any], commander: Any, inspector: Any
) -> None:
    mine = digest_for(user=commander, week=world["week"], now=world["now"])
    theirs = digest_for(user=inspector, week=world["week"], now=world["now"])
    assert mine is not None and theirs is not None
    late = {k: str(world[k].pk) for k in ("late_101", "late_102", "late_201")}
    assert _codes(mine.open_breaches) >= {late["late_101"]}
    assert not _codes(mine.open_breaches) & {late["late_102"], late["late_201"]}
    assert _codes(theirs.open_breaches) >= set(late.values())
    missed_mine = {str(r.case.pk) for r in mine.week_breaches}
    assert missed_mine == {late["late_101"], str(world["slow_reply"].pk)}
    assert mine.week_breaches_total == 2
    assert theirs.week_breaches_total == 4
    # The notes say which target was missed.
    with translation.override("en"):
        notes = {str(r.case.pk): str(r.note) for r in mine.week_breaches}
    assert notes[str(world["slow_reply"].pk)] == "first response"
    assert notes[str(world["late_101"].pk)] == "resolution"
    # Complaint patterns are the inspectorate's: a commander's digest has no such section.
    assert mine.repeat_officers is None
    assert theirs.repeat_officers is not None
    assert mine.unit == commander.unit and theirs.unit == inspector.unit


def test_unread_followups_older_than_a_day(
    world: dict[str, Any], commander: Any, inspector: Any
) -> None:
    old = followup_add(report=world["late_101"].report, message="کسی خبر ندارد؟", files=[])
    FollowUp.objects.filter(pk=old.pk).update(created_at=world["now"] - timedelta(days=2))
    followup_add(report=world["late_101"].report, message="هنوز منتظرم", files=[])  # an hour old
    fresh = followup_add(report=world["late_102"].report, message="تازه", files=[])
    read = followup_add(report=world["late_201"].report, message="خوانده شد", files=[])
    FollowUp.objects.filter(pk=read.pk).update(
        created_at=world["now"] - timedelta(days=3), read_at=world["now"] - timedelta(days=1)
    )
    mine = digest_for(user=commander, week=world["week"], now=world["now"])
    theirs = digest_for(user=inspector, week=world["week"], now=world["now"])
    assert mine is not None and theirs is not None
    assert [(str(r.case.pk), r.count) for r in mine.unread] == [(str(world["late_101"].pk), 1)]
    assert theirs.unread_total == 1  # the fresh one and the read one do not count
    assert fresh.read_at is None
    # The week before, read as of its end: the follow-up read a day ago was then unread
    # for more than a day only if it was then older than a day (it was not yet written).
    earlier = digest_for(user=inspector, week=world["week"].before(), now=world["now"])
    assert earlier is not None and earlier.unread_total == 0
    assert not earlier.latest and earlier.open_breaches == []


def test_no_digest_for_other_roles(force: Any) -> None:
    desk = UserFactory.create(username="d1", role=Role.DESK_OFFICER, unit=force["station"])
    unapproved = UserFactory.create(
        username="c2", role=Role.COMMANDER, unit=force["station"], approved_at=None
    )
    assert digest_for(user=desk) is None
    assert digest_for(user=unapproved) is None


def _complaint_about(officer: Any, inspector: Any) -> None:
    from kalantari.oversight.conduct import conduct_complaint_open

    case = CaseFactory.create(
        category="officer_complaint",
        statement="The officer at the desk insulted me and refused my report.",
        extra={"officer": f"Badge {officer.badge_number}"},
    )
    conduct_complaint_open(
        actor=inspector,
        case_id=case.pk,
        accused_unit="ST-101",
        accused_badge=officer.badge_number,
        description="Insulted a citizen at the desk and refused the report.",
    )


def test_repeat_complaints_reach_the_inspector_only(
    force: Any, commander: Any, inspector: Any
) -> None:
    twice = UserFactory.create(
        username="twice", role=Role.DESK_OFFICER, unit=force["station"], badge_number="1234"
    )
    once = UserFactory.create(
        username="once", role=Role.DESK_OFFICER, unit=force["station"], badge_number="5678"
    )
    for officer in (twice, twice, once):
        _complaint_about(officer, inspector)
    theirs = digest_for(user=inspector)
    assert theirs is not None and theirs.repeat_officers is not None
    assert [(r.officer, r.complaints, r.upheld) for r in theirs.repeat_officers] == [(twice, 2, 0)]
    assert theirs.repeat_officers[0].unit == force["station"]
    mine = digest_for(user=commander)
    assert mine is not None and mine.repeat_officers is None
    # An inspector accused twice is not told of it by their own digest.
    accused = UserFactory.create(
        username="insp2", role=Role.INSPECTOR, unit=force["province"], badge_number="9999"
    )
    accused.unit = force["station"]
    accused.save(update_fields=["unit"])
    _complaint_about(accused, inspector)
    _complaint_about(accused, inspector)
    accused.unit = force["province"]
    accused.save(update_fields=["unit"])
    own = digest_for(user=accused)
    assert own is not None and own.repeat_officers is not None
    assert [r.officer for r in own.repeat_officers] == [twice]
    again = digest_for(user=inspector)
    assert again is not None and again.repeat_officers is not None
    assert {r.officer for r in again.repeat_officers} == {twice, accused}


def test_complaints_about_officers_stay_with_the_inspectorate(force: Any, inspector: Any) -> None:
    # A late complaint about an officer is the county inspectorate's case: a commander at the
    # county (in the accused station's line of command) does not see it in a digest.
    week = Week.latest_complete()
    complaint = CaseFactory.create(
        category="officer_complaint",
        statement="The officer at the desk insulted me and refused my report.",
        extra={"officer": "Badge 1234"},
    )
    Case.objects.filter(pk=complaint.pk).update(resolution_due=week.starts_at + timedelta(days=1))
    ordinary = _case("ST-101", resolution_due=week.starts_at + timedelta(days=1))
    county_commander = UserFactory.create(
        username="county_cmd", role=Role.COMMANDER, unit=force["county"]
    )
    theirs = digest_for(user=county_commander)
    assert theirs is not None
    assert _codes(theirs.open_breaches) == {str(ordinary.pk)}
    assert {str(r.case.pk) for r in theirs.week_breaches} == {str(ordinary.pk)}
    inspectors = digest_for(user=inspector)
    assert inspectors is not None
    assert _codes(inspectors.open_breaches) == {str(ordinary.pk), str(complaint.pk)}
