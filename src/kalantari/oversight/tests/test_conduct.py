"""Issue 8, part 4: a complaint about an officer reaches the inspectorate above the accused
station, never that station nor the accused officer; it ends with a finding and, where upheld,
corrective actions tracked to completion; inspectors see repeat patterns."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory, advance
from kalantari.core.errors import Conflict, NotFound, ValidationFailed
from kalantari.org.models import OrgUnit, Role, User
from kalantari.org.tests.factories import UserFactory, sign_in
from kalantari.oversight import conduct, corrective
from kalantari.oversight.conduct_selectors import conduct_patterns, overdue_actions
from kalantari.oversight.models import ConductComplaint, UnitDay

pytestmark = pytest.mark.django_db


def complaint_case(**fields: Any) -> Case:
    fields.setdefault("statement", "The officer at the desk insulted me and refused my report.")
    fields.setdefault("extra", {"officer": "Badge 1234"})
    return CaseFactory.create(category="officer_complaint", **fields)


@pytest.fixture
def county_inspector(force: dict[str, OrgUnit]) -> User:
    return UserFactory.create(username="cty_insp", role=Role.INSPECTOR, unit=force["county"])


@pytest.fixture
def accused(force: dict[str, OrgUnit]) -> User:
    return UserFactory.create(
        username="accused", role=Role.DESK_OFFICER, unit=force["station"], badge_number="1234"
    )


def open_file(inspector: User, case: Case, **fields: Any) -> ConductComplaint:
    fields.setdefault("description", "Insulted the complainant and refused to take the report.")
    return conduct.conduct_complaint_open(actor=inspector, case_id=case.pk, **fields)


def test_routing_to_the_parent_unit_and_opening_the_file(
    force: dict[str, OrgUnit], county_inspector: User, accused: User
) -> None:
    case = complaint_case()
    assert case.station == force["county"] and case.report.routing_reason == "inspectorate"
    complaint = open_file(county_inspector, case, accused_badge="۱۲۳۴")
    assert complaint.accused_unit == force["station"]  # from the routing, as the citizen said
    assert complaint.accused_officer == accused
    assert (
        complaint.handling_unit == force["county"] and complaint.unit_path == force["county"].path
    )
    row = UnitDay.objects.get(station=force["station"], day=timezone.localdate())
    assert row.complaints == 1
    with pytest.raises(Conflict):
        open_file(county_inspector, case)
    # An unknown badge, or a unit that is not below the inspectorate, is refused by field.
    other = complaint_case()
    with pytest.raises(ValidationFailed) as info:
        open_file(county_inspector, other, accused_badge="9999")
    assert info.value.field == "accused_badge"
    with pytest.raises(ValidationFailed) as info:
        open_file(county_inspector, other, accused_unit="OP-201")
    assert info.value.field == "accused_unit"


def _hidden_from(user: User, case: Case, complaint: ConductComplaint) -> None:
    client = sign_in(Client(), user)
    assert client.get(f"/en/desk/cases/{case.pk}/").status_code == 404
    assert client.get(f"/en/oversight/complaints/{complaint.pk}/").status_code == 404
    assert case.report.tracking_code not in client.get("/en/desk/?status=all").content.decode()
    found = client.post("/en/desk/search/", {"q": "0499370899", "purpose_code": "report"})
    assert str(case.pk) not in found.content.decode()
    token = _token(user)
    headers = {"Authorization": f"Bearer {token}"}
    assert Client().get(f"/api/v1/cases/{case.pk}", headers=headers).status_code == 404
    got = Client().get(f"/api/v1/oversight/complaints/{complaint.pk}", headers=headers)
    assert got.status_code == 404
    listed = Client().get("/api/v1/oversight/complaints", headers=headers)
    assert str(complaint.pk) not in listed.content.decode()


def _token(user: User) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return out.getvalue().strip()


def test_the_accused_officer_and_station_get_404(
    force: dict[str, OrgUnit],
    county_inspector: User,
    accused: User,
    desk_officer: User,
    commander: User,
    investigator: User,
) -> None:
    case = complaint_case()
    complaint = open_file(county_inspector, case, accused_badge="1234")
    for user in (accused, desk_officer, commander, investigator):
        _hidden_from(user, case, complaint)
    # Even promoted to inspector at the province, the accused never sees it; a colleague does.
    accused.role, accused.unit = Role.INSPECTOR, force["province"]
    accused.save()
    _hidden_from(accused, case, complaint)
    assert not conduct.conduct_patterns(user=accused).officers
    colleague = UserFactory.create(
        username="prov_insp", role=Role.INSPECTOR, unit=force["province"]
    )
    client = sign_in(Client(), colleague)
    assert client.get(f"/en/desk/cases/{case.pk}/").status_code == 200
    assert client.get(f"/en/oversight/complaints/{complaint.pk}/").status_code == 200
    page = sign_in(Client(), county_inspector).get("/en/oversight/complaints/").content.decode()
    assert str(complaint.pk) in page


def test_the_county_inspector_works_the_case(
    county_inspector: User, force: dict[str, OrgUnit]
) -> None:
    case = complaint_case()
    listed = sign_in(Client(), county_inspector).get("/en/oversight/complaints/")
    assert f"/en/oversight/complaints/new/{case.pk}/" in listed.content.decode()
    colleague = UserFactory.create(username="cty_insp2", role=Role.INSPECTOR, unit=force["county"])
    advance(case, county_inspector, "triage", "assign", assignee_id=colleague.pk)
    advance(case, colleague, "start", "resolve")
    advance(case, county_inspector, "close")
    assert case.status == "closed"


def test_finding_and_corrective_action_lifecycle(
    county_inspector: User, accused: User, commander: User
) -> None:
    case = complaint_case()
    complaint = open_file(county_inspector, case, accused_badge="1234")
    with pytest.raises(Conflict) as info:  # no action before an upheld finding
        corrective.corrective_action_add(
            actor=county_inspector,
            complaint_id=complaint.pk,
            kind="training",
            responsible_id=commander.pk,
            due_date=str(timezone.localdate() + timedelta(days=30)),
        )
    assert info.value.code == "not_upheld"
    with pytest.raises(ValidationFailed) as invalid:
        conduct.conduct_finding_record(
            actor=county_inspector, complaint_id=complaint.pk, version=1, finding="x", reasons="?"
        )
    assert {e.field for e in invalid.value.errors} == {"finding", "reasons"}  # type: ignore[attr-defined]
    with pytest.raises(Conflict) as info:
        conduct.conduct_finding_record(
            actor=county_inspector,
            complaint_id=complaint.pk,
            version=7,
            finding="upheld",
            reasons="The desk's camera shows the officer shouting at the complainant.",
        )
    assert info.value.code == "stale_version"
    decided = conduct.conduct_finding_record(
        actor=county_inspector,
        complaint_id=complaint.pk,
        version=complaint.version,
        finding="partly_upheld",
        reasons="The desk's camera shows the officer shouting at the complainant.",
    )
    assert decided.decided_by == county_inspector and decided.decided_at is not None
    with pytest.raises(Conflict):
        conduct.conduct_finding_record(
            actor=county_inspector,
            complaint_id=complaint.pk,
            version=decided.version,
            finding="not_upheld",
            reasons="Changed my mind about all of this entirely.",
        )
    action = corrective.corrective_action_add(
        actor=county_inspector,
        complaint_id=complaint.pk,
        kind="training",
        responsible_id=commander.pk,
        due_date=str(timezone.localdate()),
        note="Course on dealing with the public",
    )
    assert not overdue_actions(user=county_inspector).exists()
    type(action).objects.filter(pk=action.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    assert list(overdue_actions(user=county_inspector)) == [action]
    client = sign_in(Client(), county_inspector)
    listed = client.get("/en/oversight/complaints/").content.decode()
    assert 'id="overdue"' in listed
    page = client.get(f"/en/oversight/complaints/{complaint.pk}/").content.decode()
    assert "Overdue" in page and "Course on dealing with the public" in page
    done = client.post(
        f"/en/oversight/complaints/{complaint.pk}/",
        {
            "action": "complete_action",
            "corrective_action": str(action.pk),
            "version": "1",
            "note": "Attended",
        },
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.completed_at is not None and action.note == "Attended"
    assert not overdue_actions(user=county_inspector).exists()
    with pytest.raises(Conflict):
        corrective.corrective_action_complete(
            actor=county_inspector, action_id=action.pk, version=action.version
        )
    with pytest.raises(NotFound):  # the accused officer cannot reach it either
        corrective.corrective_action_complete(actor=accused, action_id=action.pk, version=2)


def test_pages_and_api_of_a_complaint(
    county_inspector: User, accused: User, commander: User
) -> None:
    case = complaint_case()
    client = sign_in(Client(), county_inspector)
    form = client.get(f"/en/oversight/complaints/new/{case.pk}/").content.decode()
    assert 'value="ST-101" selected' in form
    bad = client.post(f"/en/oversight/complaints/new/{case.pk}/", {"accused_unit": "ST-101"})
    assert bad.status_code == 422 and "This field is required." in bad.content.decode()
    made = client.post(
        f"/en/oversight/complaints/new/{case.pk}/",
        {"accused_unit": "ST-101", "accused_badge": "1234", "description": "Shouted at me."},
    )
    assert made.status_code == 302
    complaint = ConductComplaint.objects.get(case=case)
    headers = {"Authorization": f"Bearer {_token(county_inspector)}"}
    got = Client().get(f"/api/v1/oversight/complaints/{complaint.pk}", headers=headers)
    assert got.status_code == 200 and got.json()["description"] == "Shouted at me."
    finding = Client().post(
        f"/api/v1/oversight/complaints/{complaint.pk}/finding",
        json.dumps({"finding": "upheld", "reasons": "Two witnesses confirm it.", "version": 1}),
        content_type="application/json",
        headers=headers,
    )
    assert finding.status_code == 200 and finding.json()["finding"] == "upheld"
    bad_date = Client().post(
        f"/api/v1/oversight/complaints/{complaint.pk}/actions",
        json.dumps({"kind": "warning", "responsible": commander.pk, "due_date": "tomorrow"}),
        content_type="application/json",
        headers=headers,
    )
    assert bad_date.status_code == 422
    assert bad_date["Content-Type"] == "application/problem+json"
    assert bad_date.json()["field"] == "due_date"
    added = Client().post(
        f"/api/v1/oversight/complaints/{complaint.pk}/actions",
        json.dumps({"kind": "warning", "responsible": commander.pk, "due_date": "2099-01-01"}),
        content_type="application/json",
        headers=headers,
    )
    assert added.status_code == 201 and added.json()["overdue"] is False
    desk = {"Authorization": f"Bearer {_token(commander)}"}
    assert Client().get("/api/v1/oversight/complaints", headers=desk).status_code == 403
    assert sign_in(Client(), commander).get("/en/oversight/complaints/").status_code == 403


def test_patterns_count_per_officer_and_station(
    force: dict[str, OrgUnit], county_inspector: User, accused: User
) -> None:
    """Hand-made: officer A (ST-101) has complaints 10 days ago (upheld), 100 days ago (not
    upheld) and 400 days ago (upheld, out of the year); officer B (ST-102) one 30 days ago
    (partly upheld); one more at ST-102 with no officer named, 200 days ago (no finding).
    Per officer: A 90d 1/1 upheld, 365d 2/1, repeat; B 90d 1/1, 365d 1/1, not repeat.
    Per station: ST-101 1/1 and 2/1 (repeat); ST-102 1/1 and 2/1 (repeat)."""
    other = UserFactory.create(
        username="officer_b", role=Role.DESK_OFFICER, unit=force["sibling"], badge_number="77"
    )
    now = timezone.now()
    made = [
        ("ST-101", "1234", 10, "upheld"),
        ("ST-101", "1234", 100, "not_upheld"),
        ("ST-101", "1234", 400, "upheld"),
        ("ST-102", "77", 30, "partly_upheld"),
        ("ST-102", "", 200, "no_finding"),
    ]
    for station, badge, days, finding in made:
        complaint = open_file(
            county_inspector, complaint_case(station=station), accused_badge=badge
        )
        ConductComplaint.objects.filter(pk=complaint.pk).update(
            received_at=now - timedelta(days=days), finding=finding
        )
    p = conduct_patterns(user=county_inspector)
    officers = {
        r.key.username: (r.complaints_90, r.upheld_90, r.complaints_365, r.upheld_365, r.repeat)
        for r in p.officers
    }
    assert officers == {accused.username: (1, 1, 2, 1, True), other.username: (1, 1, 1, 1, False)}
    stations = {
        r.key.code: (r.complaints_90, r.upheld_90, r.complaints_365, r.upheld_365, r.repeat)
        for r in p.stations
    }
    assert stations == {"ST-101": (1, 1, 2, 1, True), "ST-102": (1, 1, 2, 1, True)}
    page = sign_in(Client(), county_inspector).get("/en/oversight/complaints/patterns/")
    assert page.status_code == 200 and page.content.decode().count("data-repeat") == 3
    # The accused (were they an inspector) would see no line about themselves.
    assert accused.username not in {r.key.username for r in conduct_patterns(user=accused).officers}


def test_ratings_and_complaints_reach_the_indicators_as_counted_from_their_tables(
    force: dict[str, OrgUnit], county_inspector: User, accused: User, commander: User
) -> None:
    """The bumps (rollup_bump) and the naive count from the tables agree, per station and up."""
    from kalantari.oversight.indicators import Period, naive_unit_indicators, unit_indicators
    from kalantari.oversight.satisfaction import rating_submit

    investigator = UserFactory.create(
        username="inv2", role=Role.INVESTIGATOR, unit=force["station"]
    )
    for score in (2, 5):
        case = CaseFactory.create()
        advance(case, commander, "triage", "assign", assignee_id=investigator.pk)
        advance(case, investigator, "start", "resolve")
        rating_submit(report=case.report, score=score, comment="")
    open_file(county_inspector, complaint_case(), accused_badge="1234")
    open_file(county_inspector, complaint_case(station="ST-102"))
    period = Period.last(7)
    for unit, want in ((force["station"], (2, 3.5, 1)), (force["county"], (2, 3.5, 2))):
        fast, naive = unit_indicators(unit, period), naive_unit_indicators(unit, period)
        assert (fast.ratings, fast.rating_mean, fast.complaints) == want
        assert (naive.ratings, naive.rating_mean, naive.complaints) == want


def test_breach_and_missing_data_lists_keep_complaints_with_the_inspectorate(
    force: dict[str, OrgUnit], county_inspector: User
) -> None:
    from kalantari.oversight.sla import breach_list, completeness

    case = complaint_case()
    Case.objects.filter(pk=case.pk).update(
        first_response_due=timezone.now() - timedelta(hours=1),
        resolution_due=timezone.now() - timedelta(minutes=30),
    )
    county_commander = UserFactory.create(
        username="cty_cmd", role=Role.COMMANDER, unit=force["county"]
    )
    assert case.pk in {c.pk for c in breach_list(user=county_inspector)}
    assert case.pk not in {c.pk for c in breach_list(user=county_commander)}

    def thin_files(user: User) -> set[Any]:
        return {f.case.pk for s in completeness(user=user).stations for f in s.files}

    assert case.pk in thin_files(county_inspector)
    assert case.pk not in thin_files(county_commander)


def test_the_officer_named_later_loses_sight_of_the_complaint(
    force: dict[str, OrgUnit], county_inspector: User, accused: User
) -> None:
    case = complaint_case()
    complaint = open_file(county_inspector, case)  # the badge is not known yet
    accused.role, accused.unit = Role.INSPECTOR, force["county"]  # say, now at the county
    accused.save()
    assert sign_in(Client(), accused).get(f"/en/desk/cases/{case.pk}/").status_code == 200
    with pytest.raises(ValidationFailed):  # no officer with that badge at the station
        conduct.conduct_complaint_identify(
            actor=county_inspector, complaint_id=complaint.pk, version=1, accused_badge="1234"
        )
    accused.unit = force["station"]
    accused.save()
    client = sign_in(Client(), county_inspector)
    named = client.post(
        f"/en/oversight/complaints/{complaint.pk}/",
        {"action": "identify", "version": "1", "accused_badge": "1234"},
    )
    assert named.status_code == 302
    complaint.refresh_from_db()
    assert complaint.accused_officer == accused and complaint.version == 2
    with pytest.raises(Conflict):
        conduct.conduct_complaint_identify(
            actor=county_inspector, complaint_id=complaint.pk, version=2, accused_badge="1234"
        )
    accused.unit = force["county"]
    accused.save()
    _hidden_from(accused, case, complaint)
