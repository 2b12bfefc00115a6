"""Retention removes a closed case's personal data after its period, only when committed."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.cases.services import case_note_add
from kalantari.intake.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_closed_case(new_case: Case, desk_officer: Any) -> Case:
    case_note_add(
        actor=desk_officer, case_id=new_case.pk, body="Called Ms Rezaei at home", public=False
    )
    long_ago = timezone.now() - timedelta(days=6 * 365)
    Case.objects.filter(pk=new_case.pk).update(status=Status.CLOSED, closed_at=long_ago)
    return new_case


def test_dry_run_changes_nothing(old_closed_case: Case) -> None:
    out = StringIO()
    call_command("retention", "apply", stdout=out)
    assert "would remove personal data from 1 report" in out.getvalue()
    report = Report.objects.get(pk=old_closed_case.report_id)
    assert report.national_id == "0499370899" and report.anonymised_at is None


def test_apply_removes_the_person_and_keeps_the_statistics(old_closed_case: Case) -> None:
    out = StringIO()
    call_command("retention", "apply", "--commit", stdout=out)
    assert "removed personal data from 1 report" in out.getvalue()
    report = Report.objects.get(pk=old_closed_case.report_id)
    assert report.anonymised_at is not None
    assert (report.national_id, report.mobile, report.complainant_name, report.address) == ("",) * 4
    assert report.national_id_index == report.mobile_index == report.name_index == ""
    assert report.statement == "—" and report.extra == {}
    assert report.category_id and report.station_id  # still counted by kind and station
    note = CaseEvent.objects.get(case=old_closed_case, kind=EventKind.NOTE)
    assert "Rezaei" not in note.reason
    assert (
        AuditEvent.objects.filter(action="report.anonymised", target_id=str(report.pk)).count() == 1
    )
    assert AuditEvent.objects.filter(action="retention.applied").count() == 1
    again = StringIO()
    call_command("retention", "apply", "--commit", stdout=again)
    assert "from 0 report" in again.getvalue()


def test_open_and_recent_cases_are_kept(new_case: Case) -> None:
    Case.objects.filter(pk=new_case.pk).update(
        status=Status.CLOSED, closed_at=timezone.now() - timedelta(days=30)
    )
    call_command("retention", "apply", "--commit", stdout=StringIO())
    assert Report.objects.get(pk=new_case.report_id).anonymised_at is None


def test_old_counters_and_texted_codes_are_purged(force: Any) -> None:
    from kalantari.cases.retention import retention_apply
    from kalantari.core import throttle
    from kalantari.core.models import ThrottleBucket
    from kalantari.intake.models import StatusCode

    throttle.hit([throttle.Limit("t:old", 5, 60), throttle.Limit("t:new", 5, 60)])
    ThrottleBucket.objects.filter(key="t:old").update(until=timezone.now() - timedelta(days=2))
    StatusCode.objects.create(
        report=None, code_hash="-", expires_at=timezone.now() - timedelta(days=2)
    )
    retention_apply(commit=True)
    assert list(ThrottleBucket.objects.values_list("key", flat=True)) == ["t:new"]
    assert not StatusCode.objects.exists()


def test_the_registry_forgets_a_person_only_the_filing_named(old_closed_case: Case) -> None:
    from kalantari.people.models import Person, PersonLink, Source

    person = PersonLink.objects.get(subject_id=str(old_closed_case.report_id)).person
    assert person.source == Source.FILING and person.national_id == "0499370899"
    call_command("retention", "apply", "--commit", stdout=StringIO())
    person = Person.objects.get(pk=person.pk)
    assert (person.given_name, person.family_name, person.national_id, person.mobile) == ("",) * 4
    assert person.national_id_index == person.mobile_index == person.name_index == ""
    assert not PersonLink.objects.filter(person=person).exists()
    erased = AuditEvent.objects.get(action="person.erased")
    assert erased.target_id == str(person.pk)
    assert erased.changes == {"record": f"report:{old_closed_case.report_id}"}


def test_a_person_another_report_names_keeps_their_identity(old_closed_case: Case) -> None:
    from kalantari.intake.tests.factories import ReportFactory
    from kalantari.people.models import Person, PersonLink

    newer = ReportFactory.create(national_id="0499370899")
    person = PersonLink.objects.get(subject_id=str(newer.pk)).person
    assert PersonLink.objects.filter(person=person).count() == 2  # one person, two filings
    call_command("retention", "apply", "--commit", stdout=StringIO())
    person = Person.objects.get(pk=person.pk)
    assert person.national_id == "0499370899"
    links = PersonLink.objects.filter(person=person)
    assert list(links.values_list("subject_id", flat=True)) == [str(newer.pk)]
    assert not AuditEvent.objects.filter(action="person.erased").exists()
