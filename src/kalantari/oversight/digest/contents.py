"""What a weekly digest holds for one reader (selectors only: no writes).

Four sections, each limited to the reader's units (`access.policy.digest_scope`):
(a) SLA breaches: cases open and late now, and cases whose due time fell in the week and
was missed; (b) stations whose indicators left their own usual range (`rule.judge`);
(c) officers with repeat complaints (inspectors only, read through `conduct_selectors`);
(d) citizens' follow-ups left unread for more than a day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import Count, DateField, F, Max, Min, Q, QuerySet, Sum, When
from django.db.models import Value as V
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kalantari.access import policy
from kalantari.cases.models import OPEN_STATUSES, Case
from kalantari.cases.selectors import sla_q
from kalantari.intake.models import FollowUp
from kalantari.org.models import FRONT_LINE_KINDS, OrgUnit, User
from kalantari.oversight.conduct_selectors import complaints_visible_to
from kalantari.oversight.digest.rule import (
    HISTORY_WEEKS,
    MIN_REPORTS,
    Judgement,
    Kind,
    Verdict,
    WeekValue,
    judge,
)
from kalantari.oversight.digest.weeks import Week
from kalantari.oversight.indicators import SUMMED, Indicators
from kalantari.oversight.models import UPHELD_FINDINGS, UnitDay

LIST_LIMIT = 50
REPEAT_COMPLAINTS = 2
REPEAT_WINDOW = timedelta(days=90)
UNREAD_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Metric:
    """An indicator the rule watches: how to read its value and base from a week's numbers,
    and which way is worse ("up", "down", or "" when neither is). The base is what the value
    rests on: reports received for the counts and the rejection rate, first responses and
    resolutions for SLA compliance, files ended (closed or rejected) for the reopen rate,
    ratings for satisfaction."""

    key: str
    label: str | Promise
    kind: Kind
    worse: str
    read: Callable[[Indicators], WeekValue]


def _rate(value: float | None) -> float | None:
    return None if value is None else float(value)


METRICS: tuple[Metric, ...] = (
    Metric(
        "received",
        _("Reports received"),
        Kind.COUNT,
        "",
        lambda i: WeekValue(i.received, i.received),
    ),
    Metric(
        "sla_compliance",
        _("SLA compliance"),
        Kind.RATE,
        "down",
        lambda i: WeekValue(_rate(i.sla_compliance), i.first_responses + i.resolved),
    ),
    Metric(
        "rejection_rate",
        _("Rejection rate"),
        Kind.RATE,
        "up",
        lambda i: WeekValue(_rate(i.rejection_rate), i.received),
    ),
    Metric(
        "reopen_rate",
        _("Reopen rate"),
        Kind.RATE,
        "up",
        lambda i: WeekValue(_rate(i.reopen_rate), i.closed + i.rejected),
    ),
    Metric(
        "satisfaction",
        _("Satisfaction (1–5)"),
        Kind.MEAN,
        "down",
        lambda i: WeekValue(_rate(i.rating_mean), i.ratings),
    ),
    Metric(
        "complaints",
        _("Complaints about officers"),
        Kind.COUNT,
        "up",
        lambda i: WeekValue(i.complaints, i.received),
    ),
)


def fmt(value: float | None, kind: str) -> str:
    """A value as people read it (ASCII digits, which pages and messages localise; the
    percent sign of the current language)."""
    if value is None:
        return "—"
    if kind == Kind.RATE:
        sign = "٪" if translation.get_language() == "fa" else "%"  # the Persian percent sign
        return f"{value * 100:.0f}{sign}"
    if kind == Kind.MEAN:
        return f"{value:.2f}"
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True)
class Finding:
    metric: Metric
    judgement: Judgement

    @property
    def value_text(self) -> str:
        return fmt(self.judgement.value, self.metric.kind)

    @property
    def low_text(self) -> str:
        low = self.judgement.low
        floor = 1.0 if self.metric.kind == Kind.MEAN else 0.0  # ratings run 1–5
        return fmt(None if low is None else max(low, floor), self.metric.kind)

    @property
    def high_text(self) -> str:
        high = self.judgement.high
        ceiling = {Kind.RATE: 1.0, Kind.MEAN: 5.0}.get(self.metric.kind)
        if high is not None and ceiling is not None:
            high = min(high, ceiling)
        return fmt(high, self.metric.kind)

    @property
    def mean_text(self) -> str:
        return fmt(self.judgement.mean, self.metric.kind)

    @property
    def sd_text(self) -> str:
        return fmt(self.judgement.sd, self.metric.kind)

    @property
    def worse(self) -> bool:
        """Whether the value left its range in the direction that is bad news."""
        direction = {"above": "up", "below": "down"}.get(self.judgement.verdict, "")
        return bool(direction) and direction == self.metric.worse


@dataclass
class StationWarning:
    unit: OrgUnit
    findings: list[Finding]

    @property
    def worse_count(self) -> int:
        return sum(f.worse for f in self.findings)


@dataclass(frozen=True)
class CaseRow:
    case: Case
    note: str | Promise = ""
    count: int = 0
    since: datetime | None = None


@dataclass(frozen=True)
class OfficerRow:
    officer: User
    unit: OrgUnit | None
    complaints: int
    upheld: int
    last_at: datetime


@dataclass
class Digest:
    """One reader's digest of one week."""

    week: Week
    scope_path: str
    unit: OrgUnit | None
    as_of: datetime
    latest: bool
    open_breaches: list[Case] = field(default_factory=list)
    open_breaches_total: int = 0
    week_breaches: list[CaseRow] = field(default_factory=list)
    week_breaches_total: int = 0
    stations: list[StationWarning] = field(default_factory=list)
    stations_watched: int = 0
    stations_without_history: int = 0
    repeat_officers: list[OfficerRow] | None = None
    unread: list[CaseRow] = field(default_factory=list)
    unread_total: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.open_breaches_total
            or self.week_breaches_total
            or self.stations
            or self.repeat_officers
            or self.unread_total
        )


def digest_for(
    *, user: User, week: Week | None = None, now: datetime | None = None
) -> Digest | None:
    """The user's digest of `week` (default: the last complete week), or None if they get none."""
    scope = policy.digest_scope(user)
    if scope is None:
        return None
    now = now or timezone.now()
    latest = Week.latest_complete(timezone.localdate(now))
    week = week or latest
    # The latest week is read as of now (what is still late or unread today); a past week as
    # of its last moment, so that its digest reads the same whenever it is opened.
    as_of = now if week >= latest else week.ends_at
    digest = Digest(
        week=week,
        scope_path=scope,
        unit=user.unit if scope != "/" else None,
        as_of=as_of,
        latest=week >= latest,
    )
    # The cases the reader may open (`case_scope`: complaints about officers only for the
    # inspectorate, never one naming the reader), within the digest's units.
    case_scope = policy.case_scope(user)
    cases = Case.objects.filter(case_scope if case_scope is not None else Q(pk__in=[])).filter(
        unit_path__startswith=scope
    )
    if digest.latest:
        late = cases.filter(sla_q("breached", now)).select_related("report", "station")
        digest.open_breaches_total = late.count()
        digest.open_breaches = list(late.order_by("resolution_due")[:LIST_LIMIT])
    _week_breaches(digest, cases)
    _stations(digest)
    if policy.conduct_scope(user) is not None:
        digest.repeat_officers = _repeat_officers(user, as_of)
    _unread(digest, cases)
    return digest


def missed_in_week(week: Week, as_of: datetime) -> Q:
    """Cases whose first-response or resolution due time fell in the week (before `as_of`)
    and passed without it. A clock paused before its due time is not late: the due times
    move on when it restarts."""
    start, end = week.starts_at, min(week.ends_at, as_of)
    first = (
        Q(first_response_due__gte=start, first_response_due__lt=end)
        & (Q(first_responded_at__isnull=True) | Q(first_responded_at__gt=F("first_response_due")))
        & (Q(sla_paused_at__isnull=True) | Q(sla_paused_at__gt=F("first_response_due")))
    )
    resolution = (
        Q(resolution_due__gte=start, resolution_due__lt=end)
        & (
            Q(resolved_at__gt=F("resolution_due"))
            | Q(resolved_at__isnull=True, status__in=OPEN_STATUSES)
        )
        & (Q(sla_paused_at__isnull=True) | Q(sla_paused_at__gt=F("resolution_due")))
    )
    return first | resolution


def _week_breaches(digest: Digest, cases: QuerySet[Case]) -> None:
    missed = cases.filter(missed_in_week(digest.week, digest.as_of)).select_related(
        "report", "station"
    )
    digest.week_breaches_total = missed.count()
    start, end = digest.week.starts_at, digest.week.ends_at
    rows = []
    for case in missed.order_by("resolution_due")[:LIST_LIMIT]:
        resolution_missed = start <= case.resolution_due < end
        note = _("resolution") if resolution_missed else _("first response")
        rows.append(CaseRow(case=case, note=note))
    digest.week_breaches = rows


def front_line_units(scope: str) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(path__startswith=scope, kind__in=FRONT_LINE_KINDS, active=True)


def judged_weeks(week: Week) -> list[Week]:
    """The history weeks, oldest first, then the week judged."""
    return [week.before(n) for n in range(HISTORY_WEEKS, 0, -1)] + [week]


def weekly_numbers(scope: str, weeks: list[Week]) -> dict[tuple[Any, date], Indicators]:
    """Each front-line unit's figures per week, from the daily rollups, in one grouped query:
    {(station id, week start): Indicators}; a week without rows is absent (all zeros)."""
    which = CaseWhen(
        *(When(day__gte=w.start, day__lte=w.end, then=V(w.start)) for w in weeks),
        output_field=DateField(),
    )
    rows = (
        UnitDay.objects.filter(
            unit_path__startswith=scope, day__gte=weeks[0].start, day__lte=weeks[-1].end
        )
        .annotate(week=which)
        .values("station", "week")
        .annotate(**{name: Sum(name) for name in SUMMED})
        .order_by()
    )
    return {(r["station"], r["week"]): Indicators.from_sums(r) for r in rows}


def station_findings(numbers: list[Indicators]) -> list[Finding] | None:
    """Every watched indicator of one station judged on its weekly figures (history first,
    the judged week last); None when no indicator has history enough to judge."""
    findings = []
    for metric in METRICS:
        series = [metric.read(n) for n in numbers]
        findings.append(Finding(metric, judge(series[-1], series[:-1], kind=metric.kind)))
    if all(f.judgement.verdict == Verdict.TOO_LITTLE_HISTORY for f in findings):
        return None
    return findings


def _stations(digest: Digest) -> None:
    weeks = judged_weeks(digest.week)
    numbers = weekly_numbers(digest.scope_path, weeks)
    empty = Indicators()
    for unit in front_line_units(digest.scope_path).order_by("path"):
        digest.stations_watched += 1
        findings = station_findings([numbers.get((unit.pk, w.start), empty) for w in weeks])
        if findings is None:
            digest.stations_without_history += 1
            continue
        out = [f for f in findings if f.judgement.out_of_range]
        if out:
            digest.stations.append(StationWarning(unit, out))
    digest.stations.sort(key=lambda s: (-s.worse_count, -len(s.findings), s.unit.path))


def _repeat_officers(user: User, as_of: datetime) -> list[OfficerRow]:
    """Officers with at least REPEAT_COMPLAINTS complaints received in the 90 days to `as_of`,
    among the complaints the reader handles (never one naming the reader)."""
    rows = (
        complaints_visible_to(user=user)
        .filter(
            accused_officer__isnull=False,
            received_at__gte=as_of - REPEAT_WINDOW,
            received_at__lt=as_of,
        )
        .order_by()
        .values("accused_officer")
        .annotate(
            n=Count("id"),
            n_upheld=Count("id", filter=Q(finding__in=UPHELD_FINDINGS)),
            last_at=Max("received_at"),
        )
        .filter(n__gte=REPEAT_COMPLAINTS)
        .order_by("-n", "-last_at")[:LIST_LIMIT]
    )
    officers = User.objects.select_related("unit").in_bulk([r["accused_officer"] for r in rows])
    return [
        OfficerRow(
            officer=officers[r["accused_officer"]],
            unit=officers[r["accused_officer"]].unit,
            complaints=r["n"],
            upheld=r["n_upheld"],
            last_at=r["last_at"],
        )
        for r in rows
    ]


def _unread(digest: Digest, cases: QuerySet[Case]) -> None:
    """Cases with a citizen's follow-up unread more than a day (as of the digest's moment)."""
    as_of = digest.as_of
    waiting = (
        FollowUp.objects.filter(
            report__case__in=cases.values("pk"), created_at__lt=as_of - UNREAD_AFTER
        )
        .filter(Q(read_at__isnull=True) | Q(read_at__gt=as_of))
        .values("report__case")
        .annotate(n=Count("id"), since=Min("created_at"))
        .order_by("since")
    )
    digest.unread_total = waiting.count()
    top = list(waiting[:LIST_LIMIT])
    by_id = Case.objects.select_related("report", "station").in_bulk(
        [r["report__case"] for r in top]
    )
    digest.unread = [
        CaseRow(case=by_id[r["report__case"]], count=r["n"], since=r["since"]) for r in top
    ]


__all__ = ["MIN_REPORTS", "Digest", "digest_for"]
