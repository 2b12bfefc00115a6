"""The demo world is whole: every report has its case, every case agrees with its timeline."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from conftest import shared_data
from django.core.management import call_command
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, CaseEvent, EventKind, Status
from kalantari.core import identifiers
from kalantari.demo.services import DEMO_PASSWORD, seed_demo
from kalantari.intake.models import CategoryGroup, Report
from kalantari.org.models import OrgUnit, Role, User
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """The demo, seeded once for the module (once per xdist worker that runs its tests); each
    test's own changes are rolled back."""
    yield from shared_data(django_db_blocker, tmp_path_factory, _seed)


def _seed() -> None:
    seed_demo(reports=200, days=60)


def test_force_and_staff(seeded: None) -> None:
    assert OrgUnit.objects.filter(kind__in=["station", "outpost"]).count() == 20
    tajrish = OrgUnit.objects.get(code="THR-101")
    assert tajrish.path == "/IR/THR/THR-SHM/THR-101/"
    desk = User.objects.get(username="desk_thr101")
    assert desk.role == Role.DESK_OFFICER and desk.unit == tajrish
    assert desk.check_password(DEMO_PASSWORD)
    national = User.objects.get(username="inspector_ir").unit
    assert national is not None and national.code == "IR"
    assert User.objects.get(username="admin").is_superuser


def test_the_curious_reader_stands_out(seeded: None) -> None:
    from kalantari.oversight.readings import unusual_readers

    rows = unusual_readers(scope_path="/IR/", days=7, threshold=5)
    assert [r.name for r in rows] == [User.objects.get(username="desk2_thr111").display_name]


def test_every_report_has_a_consistent_case(seeded: None) -> None:
    assert Report.objects.count() == 200
    assert Case.objects.count() == 200
    for case in Case.objects.select_related("report", "station"):
        report = case.report
        assert case.station_id == report.station_id
        assert case.unit_path == case.station.path
        assert case.created_at == report.created_at
        moves = [e for e in case.events.all() if e.kind in (EventKind.OPENED, EventKind.TRANSITION)]
        assert moves[0].kind == EventKind.OPENED and moves[0].at == case.created_at
        assert moves[-1].to_status == case.status
        assert case.version == len(moves)
        for before, after in itertools.pairwise(moves):
            assert after.from_status == before.to_status
            assert after.at >= before.at
        if case.status != Status.RECEIVED:
            assert case.first_responded_at == moves[1].at
        if case.status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED):
            assert case.assignee is not None
            if case.category.group == CategoryGroup.CONDUCT:
                # Complaints about officers are worked by an inspector at the unit or above.
                inspector_unit = case.assignee.unit
                assert case.assignee.role == Role.INSPECTOR and inspector_unit is not None
                assert case.unit_path.startswith(inspector_unit.path)
            else:
                assert case.assignee.unit_id == case.station_id
        if not report.anonymous:
            assert identifiers.normalise_national_id(report.national_id) == report.national_id
            assert identifiers.normalise_mobile(report.mobile) == report.mobile


def test_statuses_are_mixed_and_audited(seeded: None) -> None:
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Status.RECEIVED, Status.IN_PROGRESS, Status.CLOSED} <= statuses
    transitions = CaseEvent.objects.filter(kind=EventKind.TRANSITION).count()
    moves = AuditEvent.objects.filter(action__startswith="case.").exclude(action="case.viewed")
    assert moves.count() == transitions
    assert AuditEvent.objects.filter(action="report.submitted").count() == 200


def test_demo_desk_officer_sees_the_station_queue(seeded: None) -> None:
    client = Client()
    sign_in(client, User.objects.get(username="desk_thr101"))
    page = client.get("/en/desk/")
    assert page.status_code == 200
    shown = {
        "".join(code.split("-"))
        for code in re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]", page.text)
    }
    assert shown
    stations = set(
        Case.objects.filter(report__tracking_code__in=shown).values_list("station__code", flat=True)
    )
    assert stations == {"THR-101"}
    other = Case.objects.exclude(station__code="THR-101").first()
    assert other is not None
    assert client.get(f"/en/desk/cases/{other.pk}/").status_code == 404


def test_otp_code_stands_in_for_the_phone_in_the_demo_only(seeded: None, settings: Any) -> None:
    from django.core.management.base import CommandError

    from kalantari.org.models import Authenticator

    settings.KALANTARI_DEMO = False
    with pytest.raises(CommandError):
        call_command("otp_code", "desk_thr101", stdout=StringIO())
    settings.KALANTARI_DEMO = True
    out = StringIO()
    call_command("otp_code", "desk_thr101", stdout=out)
    device = Authenticator.objects.get(user__username="desk_thr101", confirmed=True)
    assert device.verify_token(out.getvalue().strip())


def test_the_inspector_has_a_deferral_to_review(seeded: None) -> None:
    from kalantari.audit.models import DisclosureDeferral

    deferral = DisclosureDeferral.objects.get()
    assert deferral.review == "pending" and deferral.unit.code == "THR-101"
    inspector = User.objects.get(username="inspector_thr")
    page = sign_in(Client(), inspector).get("/en/oversight/deferrals/")
    assert page.status_code == 200 and deferral.reason in page.content.decode()


def test_addresses_lie_in_the_station_s_own_town(seeded: None) -> None:
    from kalantari.demo import world

    reports = Report.objects.select_related("county")
    assert reports.exists()
    for report in reports:
        # The report's county (a complaint about an officer is held by the county itself).
        assert report.county is not None
        county = report.county.code
        streets = [s for pair in world.STREETS[county] for s in pair]
        assert any(report.address.startswith(s) for s in streets), (county, report.address)
        if report.language == "fa":
            assert not re.search(r"[0-9]", report.address), report.address


def test_every_named_complainant_is_in_the_person_registry(seeded: None) -> None:
    from kalantari.people.models import Person, PersonLink, Role

    named = Report.objects.filter(anonymous=False)
    links = PersonLink.objects.filter(role=Role.COMPLAINANT, subject_kind="report")
    assert sorted(links.values_list("subject_id", flat=True)) == sorted(
        str(pk) for pk in named.values_list("pk", flat=True)
    )
    assert not links.filter(
        subject_id__in=[
            str(pk) for pk in Report.objects.filter(anonymous=True).values_list("pk", flat=True)
        ]
    ).exists()
    for report in named[:20]:
        person = PersonLink.objects.get(subject_id=str(report.pk)).person
        assert person.national_id == report.national_id
    assert Person.objects.count() == len(set(named.values_list("national_id_index", flat=True)))


def test_complaints_about_officers_sit_with_the_inspectorate(seeded: None) -> None:
    """Issue 8: the demo's complaints are held above the accused station, worked by the
    province's inspector, with their files; finished cases carry some citizens' ratings."""
    from kalantari.oversight.models import ConductComplaint, ServiceRating, UnitDay

    complaints = Report.objects.filter(category__group="conduct").select_related("station")
    assert complaints.exists()
    for report in complaints:
        assert report.station.kind == "county" and report.routing_reason == "inspectorate"
    files = ConductComplaint.objects.select_related("accused_unit", "case__report")
    assert files.count() == complaints.count()
    assert all(f.accused_unit.code in f.case.report.routing_detail for f in files)
    ratings = ServiceRating.objects.all()
    assert ratings.exists()
    assert sum(UnitDay.objects.values_list("ratings", flat=True)) == ratings.count()
    assert sum(UnitDay.objects.values_list("complaints", flat=True)) == files.count()


def test_the_rollups_count_the_seeded_history(seeded: None) -> None:
    from kalantari.oversight.indicators import Period, naive_unit_indicators, unit_indicators

    nation = OrgUnit.objects.get(code="IR")
    period = Period.last(70)
    got = unit_indicators(nation, period)
    assert got.received == 200
    assert got == naive_unit_indicators(nation, period)
