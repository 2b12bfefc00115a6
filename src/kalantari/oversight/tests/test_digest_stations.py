"""Stations outside their own usual range, on hand-made daily rollups (UnitDay rows made by
`rollup_bump`, as the case events make them), with the answers worked out here."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from kalantari.oversight.digest import Verdict, Week, digest_for
from kalantari.oversight.digest.contents import judged_weeks, weekly_numbers
from kalantari.oversight.indicators import Period, unit_indicators
from kalantari.oversight.rollups import rollup_bump

pytestmark = pytest.mark.django_db

RECEIVED = [10, 12, 11, 13, 9, 10, 12, 11]  # ST-101's last eight weeks, oldest first


@pytest.fixture
def history(force: Any) -> Week:
    week = Week.latest_complete(timezone.localdate())
    history = judged_weeks(week)[:-1]
    st101, st102, op201 = force["station"], force["sibling"], force["outpost"]
    for w, n in zip(history, RECEIVED, strict=True):
        # Spread over two days of the week: the week's figure is their sum.
        rollup_bump(st101.pk, w.start, received=n - 4, rejected=1)
        rollup_bump(st101.pk, w.start + timedelta(days=5), received=4)
        rollup_bump(op201.pk, w.start + timedelta(days=1), received=20, ratings=10, rating_sum=40)
    for w in history[-3:]:  # ST-102 is new: three weeks of history only
        rollup_bump(st102.pk, w.start, received=30, rejected=15)
    # The week judged: ST-101 receives 20 reports and rejects 8; ST-102 rejects 30 of 30;
    # OP-201 stays as it always was.
    rollup_bump(st101.pk, week.end, received=20, rejected=8)
    rollup_bump(st102.pk, week.start, received=30, rejected=30)
    rollup_bump(op201.pk, week.start, received=20, ratings=10, rating_sum=40)
    # Outside the weeks: ignored.
    rollup_bump(st101.pk, week.end + timedelta(days=1), received=500)
    rollup_bump(st101.pk, history[0].start - timedelta(days=1), received=500)
    return week


def test_the_weekly_figures_are_the_indicators_of_each_week(force: Any, history: Week) -> None:
    weeks = judged_weeks(history)
    numbers = weekly_numbers(force["province"].path, weeks)
    for unit in (force["station"], force["sibling"], force["outpost"]):
        for w in weeks:
            expected = unit_indicators(unit, Period(w.start, w.end))
            assert numbers.get((unit.pk, w.start), type(expected)()) == expected
    assert [numbers[(force["station"].pk, w.start)].received for w in weeks] == [*RECEIVED, 20]


def test_a_station_outside_its_range(force: Any, history: Week, commander: Any) -> None:
    digest = digest_for(user=commander, week=history)
    assert digest is not None
    assert (digest.stations_watched, digest.stations_without_history) == (1, 0)
    [station] = digest.stations
    assert station.unit == force["station"]
    found = {f.metric.key: f for f in station.findings}
    assert set(found) == {"received", "rejection_rate"}
    # Received: mean 11, sample sd 1.3093, range 8.38 … 13.62; 20 is above (neither better
    # nor worse: a busy week is news, not a fault).
    received = found["received"]
    assert received.judgement.verdict == Verdict.ABOVE and not received.worse
    assert received.judgement.low == pytest.approx(8.3814, abs=1e-4)
    assert (received.value_text, received.low_text, received.high_text) == ("20", "8.4", "13.6")
    # Rejections 1/10, 1/12, 1/11, 1/13, 1/9, 1/10, 1/12, 1/11: mean 0.0921, sd 0.0112;
    # 2 sd (0.022) is under the 5-point minimum, so the range is 4.2% … 14.2%. This week 8 of
    # 20 = 40%: above, and worse.
    rejection = found["rejection_rate"]
    assert rejection.judgement.verdict == Verdict.ABOVE and rejection.worse
    assert rejection.judgement.mean == pytest.approx(0.0921, abs=1e-4)
    assert rejection.judgement.sd == pytest.approx(0.0112, abs=1e-4)
    assert (rejection.judgement.low, rejection.judgement.high) == (
        pytest.approx(0.0421, abs=1e-4),
        pytest.approx(0.1421, abs=1e-4),
    )
    with translation.override("en"):
        texts = (rejection.value_text, rejection.low_text, rejection.high_text)
    assert texts == ("40%", "4%", "14%")
    with translation.override("fa"):
        assert rejection.value_text == "40٪"  # the page turns the digits Persian
    assert station.worse_count == 1


def test_the_inspector_sees_every_station_and_too_little_history_is_said(
    force: Any, history: Week, inspector: Any
) -> None:
    digest = digest_for(user=inspector, week=history)
    assert digest is not None
    # ST-102 (three weeks of history) is not judged though it rejected everything; OP-201
    # (20 reports and a 4.0 rating every week) is in range.
    assert (digest.stations_watched, digest.stations_without_history) == (3, 1)
    assert [s.unit for s in digest.stations] == [force["station"]]
