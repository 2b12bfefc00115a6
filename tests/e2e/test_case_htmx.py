"""htmx on the station desk, in a real browser: claiming, adding a note and releasing swap the
case in place (no full page load), a refusal is shown in place too, and a changed queue filter
reloads only the results. Without scripts the same forms post as plain pages (tests/views)."""

from __future__ import annotations

from typing import Any

import pytest

from kalantari.cases.models import Case
from kalantari.cases.services import case_claim
from tests.e2e.test_newcomer import _watch

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _unexpected(errors: list[str]) -> list[str]:
    """Console errors but the browser's note of the refusals the test asks for (409, 422)."""
    return [e for e in errors if "status of 409" not in e and "status of 422" not in e]


def _loads(page: Any) -> int:
    """How many documents this tab has loaded (a marker set on window dies with a page load)."""
    return int(page.evaluate("window.__kalantariMarker === 'same page' ? 1 : 0"))


def test_claim_note_and_release_without_a_page_reload(
    live_server: Any, new_page: Any, new_case: Case, desk_officer: Any, force: Any
) -> None:
    from tests.e2e.test_citizen_to_closure import sign_in

    base = live_server.url
    page = new_page("en-US")
    errors = _watch(page)
    sign_in(page, base, "desk", lang="en")
    page.goto(f"{base}/en/desk/cases/{new_case.pk}/")
    page.evaluate("window.__kalantariMarker = 'same page'")

    page.click("button[data-claim]")
    page.wait_for_selector("button[data-release]")
    assert _loads(page) == 1
    assert page.locator("button[data-claim]").count() == 0
    new_case.refresh_from_db()
    assert new_case.claimed_by_id == desk_officer.pk

    page.fill("#note-body", "Called the complainant back.")
    page.click("form[data-note] button[type=submit]")
    page.wait_for_selector("ol.timeline >> text=Called the complainant back.")
    assert _loads(page) == 1
    assert page.input_value("#note-body") == ""  # the form came back empty

    # An empty note is refused beside the field, still in place.
    page.click("form[data-note] button[type=submit]")
    page.wait_for_selector("#note-body[aria-invalid=true]")
    assert _loads(page) == 1

    page.click("button[data-release]")
    page.wait_for_selector("button[data-claim]")
    assert _loads(page) == 1
    new_case.refresh_from_db()
    assert new_case.claimed_by_id is None
    assert not _unexpected(errors), errors


def test_a_claim_someone_took_meanwhile_is_refused_in_place(
    live_server: Any, new_page: Any, new_case: Case, desk_officer: Any, commander: Any
) -> None:
    from tests.e2e.test_citizen_to_closure import sign_in

    base = live_server.url
    page = new_page("fa-IR")
    errors = _watch(page)
    sign_in(page, base, "desk")
    page.goto(f"{base}/fa/desk/cases/{new_case.pk}/")
    page.evaluate("window.__kalantariMarker = 'same page'")
    case_claim(actor=commander, case_id=new_case.pk, expected_version=new_case.version)
    page.click("button[data-claim]")
    page.wait_for_selector("[data-error]")
    assert _loads(page) == 1
    assert page.locator("button[data-claim]").count() == 0  # the page now shows the claim
    assert not _unexpected(errors), errors


def test_queue_filters_reload_only_the_results(
    live_server: Any, new_page: Any, new_case: Case, desk_officer: Any
) -> None:
    from tests.e2e.test_citizen_to_closure import sign_in

    base = live_server.url
    page = new_page("en-US")
    errors = _watch(page)
    sign_in(page, base, "desk", lang="en")
    page.goto(f"{base}/en/desk/")
    page.wait_for_selector(f'tr[data-case="{new_case.pk}"]')
    page.evaluate("window.__kalantariMarker = 'same page'")
    page.select_option("select[name=status]", "closed")
    page.wait_for_selector("#queue-results td.muted")  # "No cases match."
    assert _loads(page) == 1
    assert "status=closed" in page.url  # the filter is in the address, to share or go back to
    page.select_option("select[name=status]", "open")
    page.wait_for_selector(f'tr[data-case="{new_case.pk}"]')
    assert _loads(page) == 1
    assert page.locator("ul.counters").count() == 1  # the page around the results stays
    assert not errors, errors
