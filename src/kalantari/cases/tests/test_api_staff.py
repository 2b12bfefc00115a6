"""The staff API: token or session, scoped by the one policy, problem+json on refusal."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.cases.models import Case, Status
from kalantari.org.models import ApiToken
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


def token_for(user: Any) -> str:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return out.getvalue().strip()


def api(client: Client, method: str, url: str, token: str, body: Any = None, **kw: Any) -> Any:
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": kw.pop("lang", "en")}
    if method == "get":
        return client.get(url, headers=headers)
    return client.post(
        url, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_no_credentials_is_401(client: Client, new_case: Case) -> None:
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/api/v1/cases", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_token_is_stored_hashed_and_revocable(
    client: Client, desk_officer: Any, new_case: Case
) -> None:
    token = token_for(desk_officer)
    row = ApiToken.objects.get(user=desk_officer)
    assert row.key_hash == ApiToken.hash_key(token) and token not in row.key_hash
    assert api(client, "get", "/api/v1/cases", token).status_code == 200
    row.revoked = True
    row.save()
    assert api(client, "get", "/api/v1/cases", token).status_code == 401


def test_queue_is_scoped_to_the_callers_unit(
    client: Client, desk_officer: Any, other_station_officer: Any, new_case: Case
) -> None:
    mine = api(client, "get", "/api/v1/cases?status=open", token_for(desk_officer)).json()
    assert mine["count"] == 1 and mine["items"][0]["id"] == str(new_case.pk)
    theirs = api(client, "get", "/api/v1/cases", token_for(other_station_officer)).json()
    assert theirs == {"count": 0, "items": []}


def test_case_of_another_unit_is_404_not_403(
    client: Client, other_station_officer: Any, new_case: Case
) -> None:
    response = api(client, "get", f"/api/v1/cases/{new_case.pk}", token_for(other_station_officer))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_detail_is_audited(client: Client, desk_officer: Any, new_case: Case) -> None:
    before = AuditEvent.objects.filter(target_id=str(new_case.pk)).count()
    body = api(client, "get", f"/api/v1/cases/{new_case.pk}", token_for(desk_officer)).json()
    assert body["status"] == "received" and body["complainant"]["national_id"]
    assert AuditEvent.objects.filter(target_id=str(new_case.pk)).count() == before + 1


def test_transition_note_and_stale_version(
    client: Client, desk_officer: Any, investigator: Any, new_case: Case
) -> None:
    token = token_for(desk_officer)
    url = f"/api/v1/cases/{new_case.pk}"
    triaged = api(client, "post", f"{url}/transitions", token, {"action": "triage", "version": 1})
    assert triaged.status_code == 200 and triaged.json()["status"] == "triaged"
    stale = api(client, "post", f"{url}/transitions", token, {"action": "reject", "version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assigned = api(
        client,
        "post",
        f"{url}/transitions",
        token,
        {"action": "assign", "version": 2, "assignee_id": investigator.pk},
    )
    assert assigned.status_code == 200 and assigned.json()["assignee"]["id"] == investigator.pk
    note = api(client, "post", f"{url}/notes", token, {"body": "Called the citizen."})
    assert note.status_code == 201 and note.json()["kind"] == "note"
    new_case.refresh_from_db()
    assert new_case.status == Status.ASSIGNED and new_case.version == 3


def test_refusals_are_problem_json_in_the_callers_language(
    client: Client, desk_officer: Any, new_case: Case
) -> None:
    token = token_for(desk_officer)
    url = f"/api/v1/cases/{new_case.pk}/transitions"
    close = api(client, "post", url, token, {"action": "close", "version": 1}, lang="fa")
    assert close.status_code == 403 and close.json()["code"] == "action_not_allowed"
    assert any("\u0600" <= ch <= "\u06ff" for ch in close.json()["detail"])
    reject = api(client, "post", url, token, {"action": "reject", "version": 1})
    assert reject.status_code == 422 and reject.json()["field"] == "reason"
    unknown = api(client, "post", url, token, {"action": "fly", "version": 1})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_action"
    bad = client.post(
        url, data="{", content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )
    assert bad.status_code in (400, 422)


def test_search_by_national_id_folds_digits(
    client: Client, desk_officer: Any, new_case: Case
) -> None:
    persian = new_case.report.national_id.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    token = token_for(desk_officer)
    refused = api(client, "post", "/api/v1/cases/search", token, {"q": persian})
    assert refused.status_code == 422 and refused.json()["field"] == "purpose_code"
    free_text_only = api(
        client, "post", "/api/v1/cases/search", token, {"q": persian, "purpose": "Just looking"}
    )
    assert free_text_only.status_code == 422  # a category must be chosen
    found = api(
        client,
        "post",
        "/api/v1/cases/search",
        token,
        {"q": persian, "purpose_code": "report"},
    )
    assert found.status_code == 200
    assert found.json()["matched_as"] == "national_id"
    assert [c["id"] for c in found.json()["items"]] == [str(new_case.pk)]


def test_session_auth_needs_csrf_for_writes(desk_officer: Any, new_case: Case) -> None:
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, desk_officer)
    assert browser.get("/api/v1/cases").status_code == 200
    response = browser.post(
        f"/api/v1/cases/{new_case.pk}/claim",
        data=json.dumps({"version": 1}),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    new_case.refresh_from_db()
    assert new_case.claimed_by_id is None


def test_search_is_audited_with_purpose_and_subjects(
    client: Client, desk_officer: Any, new_case: Case
) -> None:
    body = {"q": "0499370899", "purpose_code": "identity", "purpose": "Earlier reports"}
    api(client, "post", "/api/v1/cases/search", token_for(desk_officer), body)
    event = AuditEvent.objects.get(action="case.searched")
    assert event.purpose == "Earlier reports" and event.actor_id == desk_officer.pk
    assert event.purpose_code == "identity"
    assert f"case:{new_case.pk}" in event.subjects
    assert any(s.startswith("person:nid:") for s in event.subjects)
    assert "0499370899" not in str(event.changes) + str(event.subjects)


def test_out_of_range_numbers_are_refused_or_find_nothing(
    client: Client, desk_officer: Any, new_case: Case
) -> None:
    token = token_for(desk_officer)
    huge = "10871004170224530358272"
    assert api(client, "get", f"/api/v1/cases?offset={huge}", token).status_code == 422
    assert api(client, "get", f"/api/v1/cases?priority={huge}", token).status_code == 422
    assert api(client, "get", f"/api/v1/cases?assignee={huge}", token).json()["count"] == 0
    sign_in(client, desk_officer)
    assert client.get(f"/en/desk/?priority={huge}&assignee={huge}").status_code == 200
    moved = api(
        client,
        "post",
        f"/api/v1/cases/{new_case.pk}/transitions",
        token,
        {"action": "assign", "version": 1, "assignee_id": int(huge)},
    )
    assert moved.status_code == 422
