"""What a new user stumbled on, checked in a real browser: the language switch whatever the
browser's language, the API docs under our CSP, the county narrowing the station list, the desk
at phone width, highlighted field errors."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _watch(page: Any) -> list[str]:
    """Collect console errors (CSP violations land there) and page errors."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_english_browser_switches_a_persian_page_to_english(
    live_server: Any, new_page: Any, force: Any
) -> None:
    page = new_page("en-US")
    errors = _watch(page)
    page.goto(f"{live_server.url}/fa/report/")
    assert page.get_attribute("html", "lang") == "fa"
    page.click(".lang-switch button")
    page.wait_for_load_state("load")
    assert page.url == f"{live_server.url}/en/report/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute("html", "dir") == "ltr"
    # The choice sticks: the bare address now opens in English too.
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/en/")
    assert not errors, errors


def test_persian_browser_switches_an_english_page_to_persian(
    live_server: Any, new_page: Any, force: Any
) -> None:
    page = new_page("fa-IR")
    errors = _watch(page)
    page.goto(f"{live_server.url}/en/status/")
    assert page.get_attribute("html", "lang") == "en"
    page.click(".lang-switch button")
    page.wait_for_load_state("load")
    assert page.url == f"{live_server.url}/fa/status/"
    assert page.get_attribute("html", "dir") == "rtl"
    # ...and back to English from the same Persian browser.
    page.click(".lang-switch button")
    page.wait_for_load_state("load")
    assert page.url == f"{live_server.url}/en/status/"
    assert not errors, errors


def test_api_docs_render_locally_under_csp(live_server: Any, new_page: Any) -> None:
    page = new_page("en-US")
    errors = _watch(page)
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else foreign.append(r.url),
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 5
    assert "Kalantari API" in page.inner_text(".information-container")
    page.wait_for_load_state("networkidle")
    assert not foreign, foreign
    assert not [e for e in errors if "Content Security Policy" in e or "CSP" in e], errors
    assert not errors, errors


def test_county_narrows_the_station_list(live_server: Any, new_page: Any, force: Any) -> None:
    page = new_page("fa-IR")
    errors = _watch(page)
    page.goto(f"{live_server.url}/fa/report/")

    def stations() -> list[str]:
        values: list[str] = page.eval_on_selector_all(
            "#id_station option", "os => os.map(o => o.value).filter(v => v)"
        )
        return sorted(values)

    assert stations() == ["OP-201", "ST-101", "ST-102"]
    page.select_option("#id_county", "THR-C2")
    assert stations() == ["OP-201"]
    page.select_option("#id_county", "THR-C1")
    assert stations() == ["ST-101", "ST-102"]
    page.select_option("#id_station", "ST-102")
    page.select_option("#id_county", "THR-C2")
    assert page.input_value("#id_station") == ""  # a station of another county is dropped
    page.select_option("#id_county", "")
    assert stations() == ["OP-201", "ST-101", "ST-102"]
    assert not errors, errors


def test_field_errors_are_marked_and_the_first_is_focused(
    live_server: Any, new_page: Any, force: Any
) -> None:
    page = new_page("fa-IR")
    errors = _watch(page)
    page.goto(f"{live_server.url}/fa/report/")
    page.select_option("#id_category", "fraud")
    page.fill("#id_statement", "یک گوشی جعلی به من فروختند.")
    page.fill("#id_name", "مریم احمدی")
    page.fill("#id_national_id", "1111111111")  # fails its check digit
    page.fill("#id_mobile", "09121234567")
    page.click("form[data-once] button.primary")
    page.wait_for_selector(".field-error")
    invalid = page.eval_on_selector_all("[aria-invalid=true]", "els => els.map(e => e.id)")
    assert "id_national_id" in invalid and "id_occurred_date" in invalid
    assert "id_name" not in invalid
    assert "invalid" in (page.get_attribute("#id_national_id", "class") or "")
    # ...and it shows: the border is the error colour, unlike a field without an error.
    border = "el => getComputedStyle(el).borderTopColor"
    assert page.eval_on_selector("#id_national_id", border) != page.eval_on_selector(
        "#id_name", border
    )
    described = page.get_attribute("#id_national_id", "aria-describedby") or ""
    assert described and page.locator(f"#{described.split()[-1]}").inner_text().strip()
    first = page.evaluate("document.querySelector('[aria-invalid=true]').id")
    assert page.evaluate("document.activeElement.id") == first
    assert not [e for e in errors if "status of 422" not in e], errors  # the refusal itself


def test_desk_fits_a_phone(
    live_server: Any, new_page: Any, new_case: Any, desk_officer: Any
) -> None:
    from tests.e2e.test_citizen_to_closure import sign_in

    page = new_page("fa-IR")
    errors = _watch(page)
    sign_in(page, live_server.url, "desk")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/fa/desk/", f"/fa/desk/cases/{new_case.pk}/", "/fa/report/", "/fa/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (path, width)
    page.goto(f"{live_server.url}/fa/desk/")
    # Each row still says what each value is, without the table's header row.
    row = page.locator("table.cases tbody tr").first
    assert row.locator("td[data-label]").count() >= 6
    assert not errors, errors


LEFT_OF = """([sel, first, second]) => {
  const el = document.querySelector(sel);
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const text = [];
  let node;
  while ((node = walker.nextNode())) { text.push(node); }
  const box = (needle, last) => {
    for (const n of (last ? text.slice().reverse() : text)) {
      const i = last ? n.data.lastIndexOf(needle) : n.data.indexOf(needle);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i); r.setEnd(n, i + needle.length);
        return r.getBoundingClientRect().left;
      }
    }
    throw new Error("not found: " + needle);
  };
  return box(first, false) < box(second, true);
}"""


def test_left_to_right_snippets_keep_their_order_in_persian(
    live_server: Any, new_page: Any, force: Any, new_case: Any, desk_officer: Any
) -> None:
    from kalantari.intake.models import Report
    from tests.e2e.test_citizen_to_closure import sign_in

    page = new_page("fa-IR")
    page.goto(f"{live_server.url}/fa/report/")
    # The Gregorian example reads year-month-day from the left, as it is written.
    assert page.evaluate(LEFT_OF, ["#hint-date", "۲۰۲۴", "۰۲"])
    assert page.evaluate(LEFT_OF, ["#hint-date", "۱۴۰۳", "۱۲"])
    # A plate reads 12 ب 345 - 67 from the left, as on the car.
    report = Report.objects.get(pk=new_case.report_id)
    report.extra = {"plate": "12ب345-67"}
    report.save(update_fields=["extra"])  # sealed per row: set on the instance
    new_case.category.extra_fields = [{"name": "plate", "kind": "plate", "label_fa": "پلاک"}]
    new_case.category.save()
    sign_in(page, live_server.url, "desk")
    page.goto(f"{live_server.url}/fa/desk/cases/{new_case.pk}/")
    assert page.evaluate(LEFT_OF, ["[data-plate]", "۱۲", "۶۷"])
    assert page.evaluate(LEFT_OF, ["[data-plate]", "ب", "۳۴۵"])
    assert page.evaluate(LEFT_OF, ["[data-plate]", "۳۴۵", "۶۷"])
