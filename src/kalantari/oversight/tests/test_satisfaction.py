"""Issue 8, part 3: a citizen rates the service once per case, after it was resolved or closed;
the station sees scores and comments by week, never who rated."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.core.errors import Conflict, ValidationFailed
from kalantari.org.models import OrgUnit, Role
from kalantari.org.tests.factories import UserFactory, sign_in
from kalantari.oversight.models import ServiceRating, UnitDay
from kalantari.oversight.satisfaction import MIN_RATINGS, rating_submit

pytestmark = pytest.mark.django_db
MOBILE = "09121234567"


def resolved(commander: Any, investigator: Any, **fields: Any) -> Case:
    case = CaseFactory.create(**fields)
    advance(case, commander, "triage", "assign", assignee_id=investigator.pk)
    return advance(case, investigator, "start", "resolve")


def citizen(case: Case) -> Client:
    """A browser holding the case's status grant (code and mobile typed on the status page)."""
    client = Client()
    answer = client.post(
        "/en/status/", {"tracking_code": case.report.tracking_code, "secret": MOBILE}
    )
    assert answer.status_code == 200
    return client


def test_the_status_page_offers_the_rating_only_once_resolved(
    new_case: Case, commander: Any, investigator: Any
) -> None:
    page = citizen(new_case).get("/en/status/").content.decode()
    assert 'id="rate-service"' not in page
    advance(new_case, commander, "triage", "assign", assignee_id=investigator.pk)
    advance(new_case, investigator, "start", "resolve")
    page = citizen(new_case).get("/en/status/").content.decode()
    assert 'id="rate-service"' in page and "/en/status/rate/" in page


def test_rating_once_per_case_from_the_page(commander: Any, investigator: Any) -> None:
    case = resolved(commander, investigator)
    browser = citizen(case)
    assert "Send my rating" in browser.get("/en/status/rate/").content.decode()
    answer = browser.post("/en/status/rate/", {"score": "4", "comment": "برخورد\u200b خوب بود"})
    assert answer.status_code == 302
    page = browser.get("/en/status/rate/").content.decode()
    assert "Thank you" in page and 'data-rated="4"' in page and "Send my rating" not in page
    rating = ServiceRating.objects.get(case=case)
    assert (rating.score, rating.comment, rating.station_id) == (
        4,
        "برخورد خوب بود",
        case.station_id,
    )
    again = browser.post("/en/status/rate/", {"score": "1", "comment": "دوباره"})
    assert again.status_code == 409
    assert "already been rated" in again.content.decode()
    assert ServiceRating.objects.filter(case=case).count() == 1
    row = UnitDay.objects.get(station=case.station, day=timezone.localdate())
    assert (row.ratings, row.rating_sum) == (1, 4)
    event = AuditEvent.objects.get(action="rating.given")
    assert event.actor_id is None and "4" not in json.dumps(event.changes)


def test_rating_refused_before_resolution(new_case: Case) -> None:
    browser = citizen(new_case)
    page = browser.get("/en/status/rate/").content.decode()
    assert "once your case is resolved or closed" in page and "Send my rating" not in page
    answer = browser.post("/en/status/rate/", {"score": "5"})
    assert answer.status_code == 409
    with pytest.raises(Conflict) as info:
        rating_submit(report=new_case.report, score=5, comment="")
    assert info.value.code == "not_resolved"
    assert not ServiceRating.objects.exists()


def test_rating_page_needs_the_status_grant(commander: Any, investigator: Any) -> None:
    resolved(commander, investigator)
    answer = Client().get("/en/status/rate/")
    assert answer.status_code == 302 and answer["Location"].endswith("/en/status/")
    assert Client().post("/en/status/rate/", {"score": "5"}).status_code == 302
    assert not ServiceRating.objects.exists()


@pytest.mark.parametrize(
    ("score", "comment", "field"),
    [
        ("0", "", "score"),
        ("6", "", "score"),
        ("five", "", "score"),
        ("3", "\u200b\u200e\u2060", "comment"),
        ("3", "x" * 2001, "comment"),
    ],
)
def test_bad_ratings_are_refused_beside_the_field(
    commander: Any, investigator: Any, score: str, comment: str, field: str
) -> None:
    case = resolved(commander, investigator)
    with pytest.raises(ValidationFailed) as info:
        rating_submit(report=case.report, score=score, comment=comment)
    assert info.value.field == field
    answer = citizen(case).post("/en/status/rate/", {"score": score, "comment": comment})
    assert answer.status_code == 422
    assert not ServiceRating.objects.exists()


def test_rating_api(commander: Any, investigator: Any, new_case: Case) -> None:
    body = {"tracking_code": new_case.report.tracking_code, "mobile": MOBILE, "score": 5}
    early = Client().post("/api/v1/status/rating", body, content_type="application/json")
    assert early.status_code == 409 and early["Content-Type"] == "application/problem+json"
    assert early.json()["code"] == "not_resolved"
    advance(new_case, commander, "triage", "assign", assignee_id=investigator.pk)
    advance(new_case, investigator, "start", "resolve")
    advance(new_case, commander, "close")
    ok = Client().post(
        "/api/v1/status/rating", body | {"comment": "سریع"}, content_type="application/json"
    )
    assert ok.status_code == 201 and ok.json()["score"] == 5
    twice = Client().post("/api/v1/status/rating", body, content_type="application/json")
    assert twice.status_code == 409 and twice.json()["code"] == "already_rated"
    bad = Client().post(
        "/api/v1/status/rating", body | {"score": 9}, content_type="application/json"
    )
    assert bad.status_code in (409, 422)  # already rated is checked after the score
    wrong = Client().post(
        "/api/v1/status/rating", body | {"mobile": "09120000000"}, content_type="application/json"
    )
    assert wrong.status_code in (404, 422)
    assert ServiceRating.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_double_submit_makes_one_rating(commander: Any, investigator: Any) -> None:
    case = resolved(commander, investigator)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def rate(score: int) -> None:
        try:
            barrier.wait()
            rating_submit(report=case.report, score=score, comment="")
            results.append("ok")
        except Conflict as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(s,)) for s in (2, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["already_rated", "ok"]
    assert ServiceRating.objects.filter(case=case).count() == 1
    row = UnitDay.objects.get(station=case.station, day=timezone.localdate())
    assert row.ratings == 1


def test_the_station_sees_ratings_but_not_who_rated(
    force: dict[str, OrgUnit], commander: Any, investigator: Any, desk_officer: Any
) -> None:
    cases = [resolved(commander, investigator, statement=f"کیف {n}") for n in range(MIN_RATINGS)]
    station_page = sign_in(Client(), commander)
    for n, case in enumerate(cases[:-1]):
        rating_submit(report=case.report, score=n % 5 + 1, comment=f"نظر شماره {n}")
    few = station_page.get("/en/oversight/ratings/").content.decode()
    assert "data-hidden-ratings" in few and "نظر شماره 0" not in few
    rating_submit(report=cases[-1].report, score=5, comment="")
    page = station_page.get("/en/oversight/ratings/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-hidden-ratings" not in html
    assert all(f"نظر شماره {n}" in html for n in range(MIN_RATINGS - 1))
    for case in cases:  # nothing that names a report, a case or a person
        assert case.report.tracking_code not in html
        assert str(case.pk) not in html and str(case.report_id) not in html
        assert "مریم" not in html and MOBILE not in html
    assert "5 ratings, mean 3.0 out of 5" in html
    # Inspectors above see it; a sibling's commander and the desk do not.
    county_inspector = UserFactory.create(
        username="cty_insp", role=Role.INSPECTOR, unit=force["county"]
    )
    seen = sign_in(Client(), county_inspector).get("/en/oversight/ratings/?unit=ST-101")
    assert seen.status_code == 200 and "نظر شماره 1" in seen.content.decode()
    sibling_cmd = UserFactory.create(username="sib_cmd", role=Role.COMMANDER, unit=force["sibling"])
    assert (
        sign_in(Client(), sibling_cmd).get("/en/oversight/ratings/?unit=ST-101").status_code == 404
    )
    assert sign_in(Client(), desk_officer).get("/en/oversight/ratings/").status_code == 403
