"""What a good file holds (cases.completeness): each code on a hand-made case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from kalantari.cases.completeness import case_missing, missing_label, rules_for
from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.intake.models import Category, Report
from kalantari.org.models import User

pytestmark = pytest.mark.django_db


def _fresh(case: Case) -> Case:
    return Case.objects.select_related("report", "category").get(pk=case.pk)


def _recategorise(case: Case, code: str) -> Case:
    cat = Category.objects.get(code=code)
    Case.objects.filter(pk=case.pk).update(category=cat)
    Report.objects.filter(pk=case.report_id).update(category=cat)
    return _fresh(case)


def test_a_new_file_with_everything_is_complete(force: Any) -> None:
    assert case_missing(_fresh(CaseFactory.create())) == []


def test_statement_and_location(force: Any) -> None:
    case = CaseFactory.create()
    report = Report.objects.get(pk=case.report_id)
    report.statement = "  "
    report.address = ""
    report.save()
    assert case_missing(_fresh(case)) == ["statement", "location"]
    Report.objects.filter(pk=case.report_id).update(latitude="35.8", longitude="51.4")
    assert case_missing(_fresh(case)) == ["statement"]  # coordinates are a location


def test_location_rules_follow_the_group_and_the_category_s_own_row(force: Any) -> None:
    case = CaseFactory.create(address="")
    assert case_missing(_fresh(case)) == ["location"]
    # Cyber: no street (online fraud asks where online instead, a field of its own).
    assert case_missing(_recategorise(case, "online_fraud")) == ["extra:online_where"]
    assert case_missing(_recategorise(case, "tip_narcotics")) == []  # tips: need not know
    assert case_missing(_recategorise(case, "tip_smuggling")) == ["location"]  # its own row
    assert rules_for("tip_smuggling", "tips").location
    assert not rules_for("tip_weapons", "tips").location


def test_the_category_s_required_fields(force: Any) -> None:
    case = _recategorise(CaseFactory.create(), "theft_vehicle")  # plate and vehicle required
    assert case_missing(case) == ["extra:plate", "extra:vehicle"]
    report = Report.objects.get(pk=case.report_id)
    report.extra = {"plate": "12ب34567", "vehicle": ""}
    report.save()
    assert case_missing(_fresh(case)) == ["extra:vehicle"]
    with translation.override("en"):
        label = missing_label("extra:vehicle", case)
    assert label == "The category's field “Make, model and colour”"
    missing_person = _recategorise(case, "missing_person")  # a photo is a file, not a value
    assert "extra:photo" in case_missing(missing_person)


def test_a_first_response_within_its_target(force: Any, desk_officer: User) -> None:
    case = CaseFactory.create()
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(first_response_due=now - timedelta(minutes=1))
    assert case_missing(_fresh(case)) == ["first_response"]  # none, and the target passed
    Case.objects.filter(pk=case.pk).update(first_responded_at=now)
    assert case_missing(_fresh(case)) == ["first_response"]  # given, but late
    Case.objects.filter(pk=case.pk).update(first_responded_at=now - timedelta(hours=1))
    assert case_missing(_fresh(case)) == []


def test_a_closing_reason(force: Any, commander: User, investigator: User) -> None:
    rejected = advance(CaseFactory.create(), commander, "reject", reason="خارج از صلاحیت")
    assert case_missing(_fresh(rejected)) == []
    referred = advance(
        CaseFactory.create(), commander, "refer", referral_target="agency", referral_name="دادسرا"
    )
    assert case_missing(_fresh(referred)) == []
    closed = advance(
        CaseFactory.create(),
        commander,
        "assign",
        "start",
        "resolve",
        "close",
        assignee_id=investigator.pk,
        reason="مال مسروقه پیدا شد",
    )
    assert case_missing(_fresh(closed)) == []
    # A file closed by hand, without an outcome or a referral, lacks its reason; so does a
    # rejection whose reason was lost.
    bare = CaseFactory.create()
    now = timezone.now()
    Case.objects.filter(pk=bare.pk).update(status="closed", closed_at=now, first_responded_at=now)
    assert case_missing(_fresh(bare)) == ["closing_reason"]
    Case.objects.filter(pk=rejected.pk).update(rejection_reason="")
    assert case_missing(_fresh(rejected)) == ["closing_reason"]


def test_labels_are_in_the_user_s_language(force: Any) -> None:
    case = _fresh(CaseFactory.create())
    with translation.override("en"):
        assert missing_label("statement", case) == "The citizen's statement"
    with translation.override("fa"):
        assert missing_label("statement", case) == "شرح شهروند"
