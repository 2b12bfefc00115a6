"""The demo's complaints about officers (their files, findings and corrective actions) and
citizens' ratings of finished cases, written in bulk after the history, with their rollups."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from kalantari.cases.models import Case, Status
from kalantari.demo.world import SLOW_STATIONS
from kalantari.intake.models import CategoryGroup
from kalantari.intake.routing import accused_station_code
from kalantari.org.models import OrgUnit, User
from kalantari.oversight.models import (
    UPHELD_FINDINGS,
    ActionKind,
    ConductComplaint,
    CorrectiveAction,
    Finding,
    ServiceRating,
)
from kalantari.oversight.rollups import rollup_bump

FINISHED = (Status.RESOLVED, Status.CLOSED)
ALLEGATIONS = (
    "برخورد نامحترمانه با شاکی و نپذیرفتن گزارش در میز خدمت.",
    "تأخیر عمدی در رسیدگی و درخواست پول برای پیگیری.",
    "Rude to the complainant and refused to take the report.",
)
REASONS = {
    Finding.UPHELD: "اظهارات شاهدان و تصویر دوربین میز خدمت گفته شاکی را تأیید می‌کند.",
    Finding.PARTLY_UPHELD: "برخورد نامناسب تأیید شد؛ درخواست پول اثبات نشد.",
    Finding.NOT_UPHELD: "شاهدان و دوربین گفته شاکی را تأیید نکردند.",
    Finding.NO_FINDING: "شاکی برای تکمیل اظهارات حاضر نشد و مدرکی در دست نیست.",
}
COMMENTS = (
    "برخورد مأموران محترمانه بود.",
    "سریع رسیدگی شد، سپاسگزارم.",
    "زمان انتظار طولانی بود.",
    "کسی جواب تلفن را نمی‌داد.",
    "Polite staff, but it took a long time.",
)
SLOW_SCORES = (1, 2, 2, 3, 3, 4)
SCORES = (2, 3, 4, 4, 5, 5, 5)


def seed_conduct(
    cases: list[Case], staff: dict[str, User], *, now: datetime, rng: random.Random
) -> tuple[int, int]:
    """Files for the history's complaints about officers and ratings of its finished cases."""
    return _complaints(cases, staff, now, rng), _ratings(cases, now, rng)


def _handle(code: str) -> str:
    return code.lower().replace("-", "")  # as the demo's usernames (demo.services)


def _accused(station: OrgUnit, staff: dict[str, User], rng: random.Random) -> User:
    handle = _handle(station.code)
    # Most complaints name the desk: its officer becomes a repeat name on the patterns page.
    role = rng.choices(("desk", "investigator1", "commander"), weights=(6, 2, 1))[0]
    return staff[f"{role}_{handle}"]


def _complaints(
    cases: list[Case], staff: dict[str, User], now: datetime, rng: random.Random
) -> int:
    units = {u.code: u for u in OrgUnit.objects.all()}
    complaints: list[ConductComplaint] = []
    actions: list[CorrectiveAction] = []
    for case in cases:
        if case.category.group != CategoryGroup.CONDUCT:
            continue
        station = units.get(accused_station_code(case.report.routing_detail) or "")
        if station is None:
            continue
        inspector = case.assignee or case.created_by
        complaint = ConductComplaint(
            case=case,
            accused_unit=station,
            accused_officer=_accused(station, staff, rng) if rng.random() < 0.8 else None,
            description=rng.choice(ALLEGATIONS),
            handling_unit_id=case.station_id,
            unit_path=case.unit_path,
            received_at=case.created_at,
            created_by=inspector,
        )
        decided = case.resolved_at or case.closed_at
        if case.status in FINISHED and decided is not None and inspector is not None:
            finding = rng.choices(list(REASONS), weights=(35, 20, 35, 10))[0]
            complaint.finding, complaint.finding_reasons = finding, REASONS[finding]
            complaint.decided_by, complaint.decided_at = inspector, decided
            if finding in UPHELD_FINDINGS:
                actions.append(_action(complaint, station, staff, decided, now, rng))
        complaints.append(complaint)
    ConductComplaint.objects.bulk_create(complaints, batch_size=500)
    CorrectiveAction.objects.bulk_create(actions, batch_size=500)
    for c in complaints:
        rollup_bump(
            c.accused_unit_id,
            timezone.localdate(c.received_at),
            unit_path=c.accused_unit.path,
            complaints=1,
        )
    return len(complaints)


def _action(
    complaint: ConductComplaint,
    station: OrgUnit,
    staff: dict[str, User],
    decided: datetime,
    now: datetime,
    rng: random.Random,
) -> CorrectiveAction:
    due = timezone.localdate(decided) + timedelta(days=rng.choice((14, 30, 60)))
    done = decided + timedelta(days=rng.uniform(3, 40))
    completed = done if done < now and rng.random() < 0.6 else None
    return CorrectiveAction(
        complaint=complaint,
        kind=rng.choice(ActionKind.values),
        responsible=staff[f"commander_{_handle(station.code)}"],
        due_date=due,
        completed_at=completed,
        note="دوره آموزشی برخورد با مردم" if completed else "",
        created_by=complaint.decided_by,
    )


def _ratings(cases: list[Case], now: datetime, rng: random.Random) -> int:
    ratings: list[ServiceRating] = []
    for case in cases:
        done = case.closed_at or case.resolved_at
        if case.status not in FINISHED or done is None or rng.random() >= 0.45:
            continue
        at = done + timedelta(hours=rng.uniform(0.5, 72))
        if at >= now:
            continue
        slow = case.station.code in SLOW_STATIONS
        ratings.append(
            ServiceRating(
                case=case,
                station_id=case.station_id,
                unit_path=case.unit_path,
                score=rng.choice(SLOW_SCORES if slow else SCORES),
                comment=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
                created_at=at,
            )
        )
    times = [r.created_at for r in ratings]
    ServiceRating.objects.bulk_create(ratings, batch_size=500)
    # auto_now_add stamped "now": put the ratings' own times back, then count them by day.
    for r, at in zip(ratings, times, strict=True):
        r.created_at = at
    ServiceRating.objects.bulk_update(ratings, ["created_at"], batch_size=500)
    days: Counter[tuple[Any, date, str]] = Counter()
    sums: Counter[tuple[Any, date, str]] = Counter()
    for r in ratings:
        key = (r.station_id, timezone.localdate(r.created_at), r.unit_path)
        days[key] += 1
        sums[key] += r.score
    for (station_id, day, path), n in days.items():
        rollup_bump(
            station_id, day, unit_path=path, ratings=n, rating_sum=sums[(station_id, day, path)]
        )
    return len(ratings)
