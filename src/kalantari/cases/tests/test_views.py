"""Station desk pages: a URL × role matrix, the case page, and the 409 a racing user sees."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kalantari.cases.models import Case
from kalantari.cases.services import case_transition
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "desk_officer",
    "investigator",
    "commander",
    "inspector",
    "other_station_officer",
]


def client_for(role: str, request: Any) -> Client:
    client = Client()
    if role != "anonymous":
        sign_in(client, request.getfixturevalue(role))
    return client


# role -> expected status of: queue, case page, search, walk-in intake
MATRIX = {
    "anonymous": (302, 302, 302, 302),
    "desk_officer": (200, 200, 200, 200),
    "investigator": (200, 404, 200, 403),  # not assigned to this case; no walk-ins
    "commander": (200, 200, 200, 200),
    "inspector": (200, 200, 200, 403),
    "other_station_officer": (200, 404, 200, 200),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_desk_pages_by_role(role: str, lang: str, new_case: Case, request: Any) -> None:
    client = client_for(role, request)
    urls = [
        f"/{lang}/desk/",
        f"/{lang}/desk/cases/{new_case.pk}/",
        f"/{lang}/desk/search/",
        f"/{lang}/desk/intake/",
    ]
    got = tuple(client.get(u).status_code for u in urls)
    assert got == MATRIX[role]


def test_case_page_shows_actions_of_the_role(
    new_case: Case, desk_officer: Any, client: Client
) -> None:
    sign_in(client, desk_officer)
    html = client.get(f"/en/desk/cases/{new_case.pk}/").content.decode()
    assert 'data-action="triage"' in html and 'data-action="close"' not in html
    assert "0499370899" in html or "۰۴۹۹۳۷۰۸۹۹" in html


def test_a_move_from_the_page(new_case: Case, desk_officer: Any, client: Client) -> None:
    sign_in(client, desk_officer)
    r = client.post(
        f"/fa/desk/cases/{new_case.pk}/act/",
        {"action": "triage", "version": new_case.version, "reason": ""},
    )
    assert r.status_code == 302
    new_case.refresh_from_db()
    assert new_case.status == "triaged"


def test_stale_page_gets_409_and_says_why(
    new_case: Case, desk_officer: Any, commander: Any, client: Client
) -> None:
    stale = new_case.version
    case_transition(actor=commander, case_id=new_case.pk, action="triage", expected_version=stale)
    sign_in(client, desk_officer)
    r = client.post(
        f"/en/desk/cases/{new_case.pk}/act/",
        {"action": "reject", "version": stale, "reason": "duplicate"},
    )
    assert r.status_code == 409
    assert "changed by someone else" in r.content.decode()
    new_case.refresh_from_db()
    assert new_case.status == "triaged"


def test_search_is_a_post_and_finds_by_national_id(
    new_case: Case, desk_officer: Any, client: Client
) -> None:
    sign_in(client, desk_officer)
    r = client.post("/en/desk/search/", {"q": "۰۴۹۹۳۷۰۸۹۹", "purpose_code": "report"})
    assert r.status_code == 200
    assert str(new_case.pk) in r.content.decode()
    assert r["Cache-Control"] == "no-store"


def test_unread_followups_stand_out_and_clear_when_opened(
    new_case: Case, desk_officer: Any, client: Client
) -> None:
    from kalantari.cases.services import followup_add

    followup_add(report=new_case.report, message="شاهد دارم", files=[])
    sign_in(client, desk_officer)
    queue = client.get("/en/desk/").content.decode()
    assert 'class="unread"' in queue
    client.get(f"/en/desk/cases/{new_case.pk}/")
    new_case.refresh_from_db()
    assert new_case.unread_followups == 0
