"""The staff pages and the API of the person registry, and who gets what (404 out of scope)."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.intake.models import Report
from kalantari.org.tests.factories import sign_in
from kalantari.people.models import Person
from kalantari.people.tests.conftest import file_report

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    return sign_in(Client(), user)


def token_for(user: Any) -> str:
    out = StringIO()
    call_command("api_token", user.username, stdout=out)
    return out.getvalue().strip()


def api(method: str, url: str, user: Any, body: Any = None) -> Any:
    headers = {"Authorization": f"Bearer {token_for(user)}", "Accept-Language": "en"}
    if method == "get":
        return Client().get(url, headers=headers)
    return Client().post(
        url, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )


def test_search_page_needs_a_purpose_and_finds(desk_officer: Any, filed: Report) -> None:
    client = signed_in(desk_officer)
    assert client.get("/en/desk/people/").status_code == 200
    page = client.post("/en/desk/people/", {"q": "۰۴۹۹۳۷۰۸۹۹"})
    assert page.status_code == 200 and "Choose why" in page.content.decode()
    page = client.post("/fa/desk/people/", {"q": "۰۴۹۹۳۷۰۸۹۹", "purpose_code": "report"})
    person = Person.objects.get()
    assert f"/fa/desk/people/{person.pk}/" in page.content.decode()


def test_person_page_is_404_out_of_scope(
    desk_officer: Any, other_station_officer: Any, filed: Report
) -> None:
    person = Person.objects.get()
    url = f"/en/desk/people/{person.pk}/"
    assert signed_in(desk_officer).get(url).status_code == 200
    assert AuditEvent.objects.filter(action="person.viewed", target_id=str(person.pk)).exists()
    assert signed_in(other_station_officer).get(url).status_code == 404
    assert api("get", f"/api/v1/people/{person.pk}", other_station_officer).status_code == 404


def test_roles_without_person_search_get_403(force: Any) -> None:
    from kalantari.org.tests.factories import UserFactory

    planner = UserFactory.create(username="planner", role="planner", unit=force["station"])
    assert signed_in(planner).get("/en/desk/people/").status_code == 403
    assert Client().get("/en/desk/people/").status_code == 302


def test_merge_and_unmerge_from_the_page(commander: Any, desk_officer: Any, force: Any) -> None:
    a = Person.objects.get(links__subject_id=str(file_report().pk))
    b = Person.objects.get(links__subject_id=str(file_report(national_id="0067749828").pk))
    page = signed_in(desk_officer).get(f"/en/desk/people/{a.pk}/")
    assert "Merge a duplicate" not in page.content.decode()
    client = signed_in(commander)
    assert "Merge a duplicate" in client.get(f"/en/desk/people/{a.pk}/").content.decode()
    answer = client.post(f"/en/desk/people/{a.pk}/merge/", {"duplicate": "not-an-id"})
    assert answer.status_code == 400
    answer = client.post(f"/en/desk/people/{a.pk}/merge/", {"duplicate": str(b.pk)})
    assert answer.status_code == 302
    assert Person.objects.get(pk=b.pk).merged_into_id == a.pk
    answer = client.post(f"/en/desk/people/{b.pk}/unmerge/", {"reason": "two people"})
    assert answer.status_code == 302
    assert Person.objects.get(pk=b.pk).merged_into_id is None


def test_api_search_merge_unmerge(commander: Any, force: Any) -> None:
    a = Person.objects.get(links__subject_id=str(file_report().pk))
    b = Person.objects.get(links__subject_id=str(file_report(national_id="0067749828").pk))
    answer = api("post", "/api/v1/people/search", commander, {"q": "مریم", "purpose_code": ""})
    assert answer.status_code == 422 and answer.json()["field"] == "purpose_code"
    answer = api(
        "post", "/api/v1/people/search", commander, {"q": "مریم", "purpose_code": "report"}
    )
    assert answer.status_code == 200 and len(answer.json()["items"]) == 2
    answer = api("post", f"/api/v1/people/{a.pk}/merge", commander, {"duplicate": str(b.pk)})
    assert answer.status_code == 200
    assert len(answer.json()["links"]) == 2 and answer.json()["may_merge"]
    answer = api("post", f"/api/v1/people/{b.pk}/unmerge", commander, {})
    assert answer.status_code == 200 and len(answer.json()["links"]) == 1
    answer = api("post", f"/api/v1/people/{b.pk}/unmerge", commander, {})
    assert answer.status_code == 409
