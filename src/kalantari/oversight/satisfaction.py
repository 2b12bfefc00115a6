"""Citizens rate the service (1-5 and a comment) once their case is resolved or closed; the
station reads the ratings without learning who gave them.

A rating is given from the status page (the status grant of `intake.views.granted_report`)
or `POST /api/v1/status/rating`, once per case: the case row is locked while the rating is
written and a unique constraint backs it, so a double submit gets "already rated" (409),
never a second row. The station's page shows the distribution and the comments by week,
never a tracking code, a case or an exact time, and nothing at all until enough ratings exist
in the period that no single one can be told apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.actions import Action
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case, Status
from kalantari.core.errors import Conflict, NotFound, ValidationFailed, collect_errors
from kalantari.core.text import clean_text, drop_invisible
from kalantari.intake.models import Report
from kalantari.org.models import OrgUnit, User
from kalantari.oversight.models import ServiceRating
from kalantari.oversight.rollups import rollup_bump

RATEABLE = frozenset({Status.RESOLVED, Status.CLOSED})
MAX_COMMENT = 2000
MIN_RATINGS = 5  # a station sees nothing of a period with fewer ratings (anonymity)
DEFAULT_WEEKS = 12
MAX_WEEKS = 104


def week_start(day: date) -> date:
    """The Saturday that starts the (Iranian) week of `day`."""
    return day - timedelta(days=(day.weekday() - 5) % 7)


def _score(value: Any) -> int:
    try:
        score = int(str(value).strip())
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationFailed(
            _("Choose a score from 1 to 5."), code="score_invalid", field="score"
        )
    return score


def _comment(value: str) -> str:
    raw = value or ""
    text = clean_text(drop_invisible(raw))
    if len(text) > MAX_COMMENT:
        raise ValidationFailed(
            _("Too long: at most %(n)d characters.") % {"n": MAX_COMMENT},
            code="too_long",
            field="comment",
        )
    if raw.strip() and not text:
        # Only invisible or control characters: refused rather than stored as nothing.
        raise ValidationFailed(
            _("The comment holds only invisible characters; write it again or leave it empty."),
            code="invisible_only",
            field="comment",
        )
    return text


def rating_check(*, score: Any, comment: str) -> tuple[int, str]:
    """Check a rating's score and comment: every field error at once."""
    errors: list[ValidationFailed] = []
    clean_score = clean_comment = None
    try:
        clean_score = _score(score)
    except ValidationFailed as exc:
        errors.append(exc)
    try:
        clean_comment = _comment(comment)
    except ValidationFailed as exc:
        errors.append(exc)
    collect_errors(errors)
    return int(clean_score or 0), clean_comment or ""


def rating_of(report: Report) -> ServiceRating | None:
    """The rating given for this report's case, if any (the citizen's own page)."""
    return ServiceRating.objects.filter(case__report=report).first()


def can_rate(report: Report) -> bool:
    case = getattr(report, "case", None)
    return case is not None and case.status in RATEABLE


def rating_submit(
    *, report: Report, score: Any, comment: str, context: RequestContext = NO_CONTEXT
) -> ServiceRating:
    """The citizen rates how their case was handled, once, after it was resolved or closed."""
    clean_score, clean_comment = rating_check(score=score, comment=comment)
    with transaction.atomic(durable=True):
        # The case row's lock queues a concurrent twin behind this one (PostgreSQL; SQLite
        # transactions are IMMEDIATE): it then finds the rating and is told so.
        case = Case.objects.select_for_update().filter(report_id=report.pk).first()
        if case is None:
            raise NotFound(_("Not found."))
        if case.status not in RATEABLE:
            raise Conflict(
                _("You can rate the service once your case is resolved or closed."),
                code="not_resolved",
                field="score",
            )
        if ServiceRating.objects.filter(case=case).exists():
            raise _already_rated()
        try:
            with transaction.atomic():
                rating = ServiceRating.objects.create(
                    case=case,
                    station_id=case.station_id,
                    unit_path=case.unit_path,
                    score=clean_score,
                    comment=clean_comment,
                )
        except IntegrityError as exc:  # a twin got in first (the unique case)
            raise _already_rated() from exc
        audit_record(
            action=Action.RATING_GIVEN,
            actor=None,
            target=rating,
            unit_id=case.station_id,
            subjects=[f"case:{case.pk}", f"report:{report.pk}"],
            context=context,
        )
        rollup_bump(
            case.station_id,
            timezone.localdate(rating.created_at),
            unit_path=case.unit_path,
            ratings=1,
            rating_sum=clean_score,
        )
    return rating


def _already_rated() -> Conflict:
    return Conflict(
        _("This case has already been rated. Thank you: each case is rated once."),
        code="already_rated",
        field="score",
    )


# --- the station's view ------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekComments:
    week: date  # the Saturday that starts it
    comments: list[tuple[int, str]]  # (score, comment), sorted by score then text


@dataclass(frozen=True)
class StationRatings:
    unit: OrgUnit
    start: date
    end: date
    count: int
    shown: bool  # False: fewer than MIN_RATINGS in the period, nothing more is given
    minimum: int
    distribution: list[tuple[int, int]]  # (score, how many), 5 down to 1
    mean: float | None
    weeks: list[WeekComments]


def _period(weeks: Any, today: date) -> tuple[date, date]:
    try:
        n = int(weeks)
    except (TypeError, ValueError):
        n = DEFAULT_WEEKS
    n = max(1, min(n, MAX_WEEKS))
    end = week_start(today) + timedelta(days=6)
    return end - timedelta(days=7 * n - 1), end


def station_ratings_review(
    *, actor: User, unit_code: str, weeks: Any = DEFAULT_WEEKS, context: RequestContext = NO_CONTEXT
) -> StationRatings:
    """A unit's ratings over the last weeks: distribution and comments by week, never who rated
    (commanders of the unit and inspectors above it; audited, comments are citizens' words)."""
    scope = policy.ratings_scope(actor)
    unit = OrgUnit.objects.filter(code=unit_code).first() if unit_code else actor.unit
    if scope is None or unit is None or not unit.path.startswith(scope):
        raise NotFound(_("Not found."))
    start, end = _period(weeks, timezone.localdate())
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    rows = list(
        ServiceRating.objects.filter(
            unit_path__startswith=unit.path, created_at__gte=since, created_at__lt=until
        ).only("id", "score", "comment", "created_at")
    )
    shown = len(rows) >= MIN_RATINGS
    distribution: list[tuple[int, int]] = []
    mean = None
    weeks_out: list[WeekComments] = []
    if shown:
        counts = Counter(r.score for r in rows)
        distribution = [(s, counts.get(s, 0)) for s in (5, 4, 3, 2, 1)]
        mean = round(sum(r.score for r in rows) / len(rows), 2)
        by_week: dict[date, list[tuple[int, str]]] = {}
        for r in rows:
            if r.comment and isinstance(r.comment, str):
                week = week_start(timezone.localdate(r.created_at))
                by_week.setdefault(week, []).append((r.score, r.comment))
        weeks_out = [
            WeekComments(week=w, comments=sorted(c))
            for w, c in sorted(by_week.items(), reverse=True)
        ]
    with transaction.atomic(durable=True):
        audit_record(
            action=Action.RATINGS_VIEWED,
            actor=actor,
            unit_id=unit.pk,
            changes={"unit": unit.code, "from": start.isoformat(), "to": end.isoformat()},
            context=context,
        )
    return StationRatings(
        unit=unit,
        start=start,
        end=end,
        count=len(rows),
        shown=shown,
        minimum=MIN_RATINGS,
        distribution=distribution,
        mean=mean,
        weeks=weeks_out,
    )
