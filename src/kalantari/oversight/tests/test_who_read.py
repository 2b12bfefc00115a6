"""Who read my data: the citizen's view, the inspector's per-person view, unusual readers,
and that every page or endpoint showing personal data leaves exactly one complete record."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory
from kalantari.org.tests.factories import sign_in
from kalantari.oversight.readings import unusual_readers

pytestmark = pytest.mark.django_db
MOBILE = "09121234567"
CODE_FIELDS = {"secret": MOBILE}


def code_of(case: Case) -> str:
    c = case.report.tracking_code
    return f"{c[:4]}-{c[4:8]}-{c[8:12]}-{c[12:]}"


def test_citizen_sees_who_opened_their_report_but_not_searches_for_the_person(
    new_case: Case, desk_officer: Any, force: Any
) -> None:
    staff = sign_in(Client(), desk_officer)
    staff.get(f"/en/desk/cases/{new_case.pk}/")
    staff.get(f"/en/desk/cases/{new_case.pk}/")  # a reload: one line per reader and day
    staff.post(
        "/en/desk/search/",
        {"q": "0499370899", "purpose_code": "investigation", "purpose": "Earlier reports by her"},
    )
    staff.post("/en/desk/search/", {"q": code_of(new_case)})  # by the report's own code
    from kalantari.cases.services import case_transition

    case_transition(actor=desk_officer, case_id=new_case.pk, action="triage", expected_version=1)
    citizen = Client()
    assert citizen.get("/en/status/accesses/").status_code == 302  # no grant yet
    citizen.post("/en/status/", {"tracking_code": code_of(new_case), **CODE_FIELDS})
    page = citizen.get("/en/status/accesses/")
    body = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "Opened the case file" in body and "Found it in a search" in body
    # The search by national ID is about the person: anyone can put someone else's ID in a
    # report, so it is not disclosed here (nor its purpose, category or free text).
    assert "Earlier reports by her" not in body and "An investigation" not in body
    assert "Moved the case to “Triaged”" in body
    assert body.count("<tr>") == 2  # header + one line for the one reader on one day
    assert force["station"].name_en in body and "Desk officer" in body
    assert desk_officer.last_name not in body  # the unit and role, not the officer's name


def test_citizen_api_lists_accesses_and_hides_them_behind_the_secret(
    new_case: Case, desk_officer: Any
) -> None:
    sign_in(Client(), desk_officer).get(f"/en/desk/cases/{new_case.pk}/")
    api = Client()
    ok = api.post(
        "/api/v1/status/accesses",
        json.dumps({"tracking_code": code_of(new_case), "mobile": MOBILE}),
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert [a["what"] for a in ok.json()] == [["پرونده را باز کرد"]]  # Persian by default
    wrong = api.post(
        "/api/v1/status/accesses",
        json.dumps({"tracking_code": code_of(new_case), "mobile": "09120000000"}),
        content_type="application/json",
    )
    assert wrong.status_code == 404


def test_inspector_reviews_a_person_with_a_purpose(
    new_case: Case, desk_officer: Any, inspector: Any, other_station_officer: Any
) -> None:
    sign_in(Client(), desk_officer).get(f"/en/desk/cases/{new_case.pk}/")
    client = sign_in(Client(), inspector)
    url = "/en/oversight/accesses/person/"
    refused = client.post(url, {"national_id": "0499370899", "purpose": ""})
    assert "Say why" in refused.content.decode()
    page = client.post(url, {"national_id": "0499370899", "purpose": "Complaint 14/1405"})
    body = page.content.decode()
    assert "Opened the case file" in body
    assert desk_officer.display_name in body  # inspectors see who, and which case
    assert new_case.report.tracking_code in body
    review = AuditEvent.objects.get(action="audit.person_accesses_reviewed")
    assert review.purpose == "Complaint 14/1405" and review.subjects[0].startswith("person:nid:")
    assert sign_in(Client(), other_station_officer).get(url).status_code == 403


def test_unusual_readers_are_listed(
    force: Any, desk_officer: Any, investigator: Any, inspector: Any, report_payload: Any
) -> None:
    cases = CaseFactory.create_batch(4, category="fraud", mobile=MOBILE)
    reader = sign_in(Client(), desk_officer)
    for case in cases:
        reader.get(f"/en/desk/cases/{case.pk}/")
    rows = unusual_readers(scope_path=force["province"].path, threshold=4)
    assert [(r.actor_id, r.unrelated_cases) for r in rows] == [(desk_officer.pk, 4)]
    assert unusual_readers(scope_path=force["province"].path, threshold=5) == []
    page = sign_in(Client(), inspector).get("/en/oversight/accesses/unusual/?threshold=4")
    assert desk_officer.display_name in page.content.decode()


AUDITED_READS: list[tuple[str, str, Callable[[Any], Any]]] = [
    ("desk case page", "case.viewed", lambda w: w["staff"].get(f"/en/desk/cases/{w['case'].pk}/")),
    (
        "API case detail",
        "case.viewed",
        lambda w: w["api"].get(f"/api/v1/cases/{w['case'].pk}", headers=w["token"]),
    ),
    (
        "desk search by national ID",
        "case.searched",
        lambda w: w["staff"].post(
            "/en/desk/search/", {"q": "0499370899", "purpose_code": "report"}
        ),
    ),
    (
        "API search by mobile",
        "case.searched",
        lambda w: w["api"].post(
            "/api/v1/cases/search",
            json.dumps({"q": MOBILE, "purpose_code": "report"}),
            content_type="application/json",
            headers=w["token"],
        ),
    ),
    (
        "citizen status page",
        "report.status_viewed",
        lambda w: w["citizen"].post(
            "/en/status/", {"tracking_code": code_of(w["case"]), **CODE_FIELDS}
        ),
    ),
    (
        "citizen status API",
        "report.status_viewed",
        lambda w: w["citizen"].post(
            "/api/v1/status",
            json.dumps({"tracking_code": code_of(w["case"]), "mobile": MOBILE}),
            content_type="application/json",
        ),
    ),
]


@pytest.mark.parametrize(
    ("name", "action", "call"), AUDITED_READS, ids=[a[0] for a in AUDITED_READS]
)
def test_each_read_of_personal_data_writes_one_complete_record(
    name: str, action: str, call: Callable[[Any], Any], new_case: Case, desk_officer: Any
) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", desk_officer.username, stdout=out)
    world = {
        "case": new_case,
        "staff": sign_in(Client(HTTP_USER_AGENT="pytest-browser"), desk_officer),
        "api": Client(HTTP_USER_AGENT="pytest-api"),
        "citizen": Client(HTTP_USER_AGENT="pytest-citizen"),
        "token": {"Authorization": f"Bearer {out.getvalue().strip()}"},
    }
    before = AuditEvent.objects.count()
    response = call(world)
    assert response.status_code in (200, 201), name
    new = list(
        AuditEvent.objects.filter(pk__gt=0).order_by("-id")[: AuditEvent.objects.count() - before]
    )
    assert [e.action for e in new] == [action], name
    event = new[0]
    assert event.ip == "127.0.0.1" and event.user_agent.startswith("pytest-")
    assert event.outcome == "ok" and event.hash and event.seq >= 1
    assert (
        event.target_id == str(new_case.pk)
        or f"case:{new_case.pk}" in event.subjects
        or (event.target_id == str(new_case.report_id))
    )
    if action.startswith("case."):
        assert event.actor_id == desk_officer.pk and event.actor_unit_id == desk_officer.unit_id
