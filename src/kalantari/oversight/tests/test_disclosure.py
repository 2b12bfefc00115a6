"""Disclosure to citizens: a report shows accesses to that report only; lookups of a person
are disclosed to that person after an identity check in person; deferrals hide accesses tied
to an open investigation until they end."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalantari.audit.models import AuditEvent, DisclosureDeferral, DisclosureRequest
from kalantari.cases.models import Case
from kalantari.cases.tests.factories import CaseFactory
from kalantari.core import jalali
from kalantari.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from kalantari.org.tests.factories import sign_in
from kalantari.oversight import services

pytestmark = pytest.mark.django_db
VICTIM_NID = "0499370899"
SEARCH = {"q": VICTIM_NID, "purpose_code": "investigation", "purpose": "Suspect in 14/1405"}


def _status_accesses(case: Case, mobile: str) -> list[dict[str, Any]]:
    response = Client().post(
        "/api/v1/status/accesses",
        json.dumps({"tracking_code": case.report.tracking_code, "mobile": mobile}),
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    return list(response.json())


def _issue_code(desk_officer: Any, national_id: str = VICTIM_NID) -> str:
    page = sign_in(Client(), desk_officer).post(
        "/en/desk/identity-check/",
        {"national_id": national_id, "document": "national_card", "confirmed": "1"},
    )
    assert page.status_code == 200
    return str(page.context["code"])


def _my_data(code: str, client: Client | None = None) -> tuple[Client, str]:
    client = client or Client()
    client.post("/en/my-data/", {"code": code})
    return client, client.get("/en/my-data/").content.decode()


def test_a_report_with_someone_elses_id_does_not_disclose_searches_for_that_person(
    force: Any, desk_officer: Any
) -> None:
    # An attacker files a report with the victim's national ID (only the check digit is
    # validated) and their own mobile...
    fake = CaseFactory.create(national_id=VICTIM_NID, mobile="09350000000")
    # ...then police elsewhere search for the victim; the search lists the fake report too.
    sign_in(Client(), desk_officer).post("/en/desk/search/", SEARCH)
    searched = AuditEvent.objects.get(action="case.searched")
    assert f"case:{fake.pk}" in searched.subjects
    # The attacker's status page shows nothing of it.
    assert _status_accesses(fake, "09350000000") == []
    # An access to the report itself is shown, with the unit and role only.
    sign_in(Client(), desk_officer).get(f"/en/desk/cases/{fake.pk}/")
    rows = _status_accesses(fake, "09350000000")
    assert [r["what"] for r in rows] == [["Opened the case file"]]
    assert rows[0]["purposes"] == [] and "Suspect" not in json.dumps(rows)


def test_identity_check_gives_a_one_time_code_that_discloses_lookups_by_category(
    force: Any, desk_officer: Any, investigator: Any
) -> None:
    sign_in(Client(), desk_officer).post("/en/desk/search/", SEARCH)
    code = _issue_code(desk_officer)
    verified = AuditEvent.objects.get(action="disclosure.identity_verified")
    assert verified.actor_id == desk_officer.pk and verified.purpose_code == "subject_request"
    assert VICTIM_NID not in json.dumps([verified.subjects, verified.changes])
    stored = DisclosureRequest.objects.get()
    assert code.replace("-", "") not in stored.code_hash  # only a keyed hash is kept

    # Lower case, no dashes: still the code.
    client, page = _my_data(code.lower().replace("-", ""))
    assert "Found it in a search" in page and "An investigation" in page
    assert "Suspect in 14/1405" not in page  # the officer's free text stays with inspectors
    assert "Checked the person&#x27;s identity for a data request" in page  # audit.labels
    assert desk_officer.last_name not in page or not desk_officer.last_name
    # The page stays on this browser for a while; the code is spent.
    assert "Found it in a search" in client.get("/en/my-data/").content.decode()
    again = Client().post("/en/my-data/", {"code": code})
    assert again.status_code == 422 and "already been used" in again.content.decode()
    assert AuditEvent.objects.filter(action="disclosure.redeemed").count() == 1


def test_identity_check_is_the_desks_and_needs_a_document_and_confirmation(
    force: Any, desk_officer: Any, investigator: Any, inspector: Any
) -> None:
    assert sign_in(Client(), investigator).get("/en/desk/identity-check/").status_code == 403
    assert sign_in(Client(), inspector).get("/en/desk/identity-check/").status_code == 403
    assert Client().get("/en/desk/identity-check/").status_code == 302  # to sign-in
    desk = sign_in(Client(), desk_officer)
    unconfirmed = desk.post(
        "/en/desk/identity-check/", {"national_id": VICTIM_NID, "document": "passport"}
    )
    assert "Confirm that you saw" in unconfirmed.content.decode()
    bad = desk.post(
        "/en/desk/identity-check/",
        {"national_id": "0499370898", "document": "", "confirmed": "1"},
    )
    body = bad.content.decode()
    assert "Choose the identity document" in body and 'value="0499370898"' in body
    assert DisclosureRequest.objects.count() == 0


def test_wrong_or_expired_codes_look_alike_and_guessing_is_limited(
    force: Any, desk_officer: Any
) -> None:
    code = _issue_code(desk_officer)
    DisclosureRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = Client().post("/en/my-data/", {"code": code})
    unknown = Client().post("/en/my-data/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert expired.status_code == unknown.status_code == 422
    assert expired.context["errors"] == unknown.context["errors"]
    guesser = Client()
    statuses = [guesser.post("/en/my-data/", {"code": f"X{n}"}).status_code for n in range(12)]
    assert statuses[-1] == 429 and statuses.count(422) == 8  # 10 in the window, 2 used above
    api = Client().post(
        "/api/v1/my-data", json.dumps({"code": "nope"}), content_type="application/json"
    )
    assert api.status_code == 429 and api["Retry-After"]


def test_my_data_over_the_api(force: Any, desk_officer: Any) -> None:
    sign_in(Client(), desk_officer).post("/en/desk/search/", SEARCH)
    code = _issue_code(desk_officer)
    response = Client().post(
        "/api/v1/my-data",
        json.dumps({"code": code}),
        content_type="application/json",
        headers={"Accept-Language": "fa"},
    )
    assert response.status_code == 200
    rows = response.json()
    assert any("در جست\u200cوجو به آن رسید" in r["what"] for r in rows)
    assert all("Suspect" not in json.dumps(r) for r in rows)


def _until(days: int) -> str:
    return jalali.format_date(timezone.localdate() + timedelta(days=days), "en")


def test_a_deferral_hides_accesses_until_it_ends_and_an_inspector_can_lift_it(
    new_case: Case, investigator: Any, commander: Any, desk_officer: Any, inspector: Any
) -> None:
    Case.objects.filter(pk=new_case.pk).update(assignee=investigator)
    sign_in(Client(), desk_officer).get(f"/en/desk/cases/{new_case.pk}/")
    sign_in(Client(), desk_officer).post("/en/desk/search/", SEARCH)
    assert _status_accesses(new_case, "09121234567") != []
    page = sign_in(Client(), investigator).post(
        f"/en/desk/cases/{new_case.pk}/deferrals/",
        {
            "action": "create",
            "reason": "The suspect would learn of the inquiry and destroy the evidence.",
            "until": _until(30),
            "national_id": VICTIM_NID,
        },
    )
    assert page.status_code == 302
    deferral = DisclosureDeferral.objects.get()
    assert deferral.review == "pending" and deferral.requested_by_id == investigator.pk
    # Hidden from the report's page and from the person's own request.
    assert _status_accesses(new_case, "09121234567") == []
    _client, mine = _my_data(_issue_code(desk_officer))
    assert "Found it in a search" not in mine and "Opened the case file" not in mine
    # The investigator cannot review their own deferral; the inspector lifts it.
    with pytest.raises(Forbidden):
        services.disclosure_deferral_review(
            actor=investigator, deferral_id=deferral.pk, version=deferral.version, uphold=True
        )
    lifted = sign_in(Client(), inspector).post(
        "/en/oversight/deferrals/",
        {
            "deferral": str(deferral.pk),
            "version": deferral.version,
            "decision": "lift",
            "note": "No reason to hide a pickpocketing.",
        },
    )
    assert lifted.status_code == 302
    deferral.refresh_from_db()
    assert deferral.review == "lifted" and deferral.ended_at is not None
    assert [r["what"] for r in _status_accesses(new_case, "09121234567")] != []
    _client, mine = _my_data(_issue_code(desk_officer))
    assert "Found it in a search" in mine
    assert AuditEvent.objects.filter(action="disclosure.deferral_reviewed").count() == 1


def test_a_deferral_is_limited_to_90_days_renewable_and_appears_when_it_expires(
    new_case: Case, commander: Any, desk_officer: Any
) -> None:
    with pytest.raises(ValidationFailed) as too_long:
        services.disclosure_deferral_create(
            actor=commander, case_id=new_case.pk, reason="x" * 30, until=_until(91)
        )
    assert too_long.value.field == "until"
    with pytest.raises(ValidationFailed):
        services.disclosure_deferral_create(
            actor=commander, case_id=new_case.pk, reason="too short", until=_until(10)
        )
    deferral = services.disclosure_deferral_create(
        actor=commander, case_id=new_case.pk, reason="x" * 30, until=_until(10)
    )
    renewed = services.disclosure_deferral_renew(
        actor=commander,
        deferral_id=deferral.pk,
        version=deferral.version,
        reason="Still needed: the lab results are due." * 2,
        until=_until(80),
    )
    assert renewed.renewals == 1 and renewed.review == "pending"
    with pytest.raises(Conflict):  # a stale version
        services.disclosure_deferral_renew(
            actor=commander,
            deferral_id=deferral.pk,
            version=deferral.version,
            reason="x" * 30,
            until=_until(20),
        )
    sign_in(Client(), desk_officer).get(f"/en/desk/cases/{new_case.pk}/")
    assert _status_accesses(new_case, "09121234567") == []
    # Time passes: the deferral has run out and the access appears on its own.
    DisclosureDeferral.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert [r["what"] for r in _status_accesses(new_case, "09121234567")] == [
        ["Opened the case file"]
    ]


def test_only_those_working_the_case_may_defer(
    new_case: Case, investigator: Any, desk_officer: Any, other_station_officer: Any
) -> None:
    reason, until = "x" * 30, _until(5)
    with pytest.raises(NotFound):  # not assigned to this investigator: not even visible
        services.disclosure_deferral_create(
            actor=investigator, case_id=new_case.pk, reason=reason, until=until
        )
    with pytest.raises(Forbidden):
        services.disclosure_deferral_create(
            actor=desk_officer, case_id=new_case.pk, reason=reason, until=until
        )
    assert (
        sign_in(Client(), desk_officer).get(f"/en/desk/cases/{new_case.pk}/deferrals/").status_code
        == 403
    )
    assert (
        sign_in(Client(), other_station_officer)
        .get(f"/en/desk/cases/{new_case.pk}/deferrals/")
        .status_code
        == 404
    )


def test_the_wait_is_told_in_persian_digits(force: Any) -> None:
    guesser = Client()
    for n in range(10):
        guesser.post("/fa/my-data/", {"code": f"X{n}"})
    refused = guesser.post("/fa/my-data/", {"code": "X"})
    body = refused.content.decode()
    assert refused.status_code == 429 and "دقیقه" in body
    message = next(iter(refused.context["errors"].values()))
    assert not any(ch.isascii() and ch.isdigit() for ch in message)  # "۶۰ دقیقه", not "60"
