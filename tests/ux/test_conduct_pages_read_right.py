"""Issue 8 (conduct): the rating, ratings, complaint and patterns pages read right in Persian:
Persian digits, Persian labels, no raw keys."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.org.models import Role, User
from kalantari.org.tests.factories import UserFactory, sign_in
from kalantari.oversight import conduct, corrective
from kalantari.oversight.satisfaction import MIN_RATINGS, rating_submit
from tests.ux.test_pages_read_right import assert_reads_persian, visible

pytestmark = pytest.mark.django_db


def test_persian_rating_and_ratings_pages(force: Any, commander: Any, investigator: Any) -> None:
    User.objects.update(last_name="احمدی")
    cases = []
    for n in range(MIN_RATINGS):
        case = CaseFactory.create(statement=f"کیف {n}")
        advance(case, commander, "triage", "assign", assignee_id=investigator.pk)
        cases.append(advance(case, investigator, "start", "resolve"))
    citizen = Client()
    citizen.post(
        "/fa/status/", {"tracking_code": cases[0].report.tracking_code, "secret": "09121234567"}
    )
    form = citizen.get("/fa/status/rate/").content.decode()
    assert_reads_persian(form, "rating form")
    assert "ارسال امتیاز" in visible(form)
    citizen.post("/fa/status/rate/", {"score": "5", "comment": "خوب"})
    thanks = citizen.get("/fa/status/rate/").content.decode()
    assert_reads_persian(thanks, "rating given")
    assert "۵ از ۵" in visible(thanks)
    for case in cases[1:]:
        rating_submit(report=case.report, score=4, comment="")
    page = sign_in(Client(), commander).get("/fa/oversight/ratings/").content.decode()
    assert_reads_persian(page, "station ratings")
    assert "میانگین ۴٫۲" in visible(page) or "میانگین ۴.۲" in visible(page)


def test_persian_complaint_pages(force: Any, commander: Any) -> None:
    User.objects.update(last_name="احمدی")
    inspector = UserFactory.create(username="cty", role=Role.INSPECTOR, unit=force["county"])
    UserFactory.create(
        username="acc", role=Role.DESK_OFFICER, unit=force["station"], badge_number="1234"
    )
    User.objects.update(last_name="احمدی")
    case = CaseFactory.create(category="officer_complaint", extra={"officer": "کارت ۱۲۳۴"})
    client = sign_in(Client(), inspector)
    assert_reads_persian(client.get("/fa/oversight/complaints/").content.decode(), "complaints")
    assert_reads_persian(
        client.get(f"/fa/oversight/complaints/new/{case.pk}/").content.decode(), "open the file"
    )
    complaint = conduct.conduct_complaint_open(
        actor=inspector, case_id=case.pk, accused_badge="1234", description="توهین به شاکی"
    )
    conduct.conduct_finding_record(
        actor=inspector,
        complaint_id=complaint.pk,
        version=1,
        finding="upheld",
        reasons="دوربین و دو شاهد گفته شاکی را تأیید می‌کنند.",
    )
    corrective.corrective_action_add(
        actor=inspector,
        complaint_id=complaint.pk,
        kind="training",
        responsible_id=commander.pk,
        due_date=str(timezone.localdate() + timedelta(days=10)),
    )
    page = client.get(f"/fa/oversight/complaints/{complaint.pk}/").content.decode()
    assert_reads_persian(page, "complaint")
    assert "وارد" in visible(page) and "آموزش" in visible(page)
    patterns = client.get("/fa/oversight/complaints/patterns/").content.decode()
    assert_reads_persian(patterns, "patterns")
