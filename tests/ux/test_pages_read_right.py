"""What a new user stumbled on, in the pages' content: Persian pages say everything in Persian
with Persian digits, never a raw key; the case page offers only what can be done and names
its fields right; the report form refuses a date from another century."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kalantari.cases.models import Case
from kalantari.cases.services import followup_add
from kalantari.cases.tests.factories import advance
from kalantari.org.models import User
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db

VOID = {"input", "br", "meta", "link", "img", "hr", "source", "col", "area", "base", "wbr"}


class VisibleText(HTMLParser):
    """The text a reader sees, without scripts, codes and parts marked as another language."""

    def __init__(self, *, persian: bool) -> None:
        super().__init__()
        self.persian = persian
        self.stack: list[bool] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        a = dict(attrs)
        hidden = (
            tag in ("script", "style", "template", "title")  # a case's title is its code
            or "code" in (a.get("class") or "").split()
            or (self.persian and a.get("lang") == "en")
        )
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText(persian='<html lang="fa"' in html)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


RAW_KEY = re.compile(r"\b[a-z_]+\.[a-z_]+\b|\b(chosen|nearest|county_default):")


def assert_reads_persian(html: str, where: str) -> None:
    text = visible(html)
    digits = re.findall(r"\S*[0-9]\S*", text)
    assert not digits, f"{where}: Latin digits in {digits}"
    keys = RAW_KEY.findall(text)
    assert not keys, f"{where}: raw keys {keys} in {text}"


def test_persian_desk_pages_use_persian_digits_and_labels(
    new_case: Case, desk_officer: Any, inspector: Any
) -> None:
    User.objects.update(last_name="احمدی")  # the factories number their names
    followup_add(report=new_case.report, message="پیام دوم", files=[])
    desk = sign_in(Client(), desk_officer)
    queue = desk.get("/fa/desk/")
    assert "۱ پیام تازه" in queue.content.decode()
    assert_reads_persian(queue.content.decode(), "queue")
    page = desk.get(f"/fa/desk/cases/{new_case.pk}/")
    assert_reads_persian(page.content.decode(), "case page")
    found = desk.post("/fa/desk/search/", {"q": new_case.report.tracking_code})
    assert "۱ پرونده یافت شد" in visible(found.content.decode())
    assert_reads_persian(found.content.decode(), "search")

    review = sign_in(Client(), inspector)
    url = "/fa/oversight/accesses/person/"
    for _ in range(2):  # the second review lists the first one
        shown = review.post(url, {"national_id": "0499370899", "purpose": "بررسی شکایت"})
    assert_reads_persian(shown.content.decode(), "person accesses")
    assert "دسترسی‌های یک شخص را بررسی کرد" in visible(shown.content.decode())


def test_persian_report_form_uses_persian_digits_and_says_file(force: Any) -> None:
    page = Client().get("/fa/report/")
    text = visible(page.content.decode())
    assert_reads_persian(page.content.decode(), "report form")
    assert "تا ۵ فایل" in text and "تا ۵ پرونده" not in text
    html = page.content.decode()
    assert "<bdi dir='ltr'>۲۰۲۴-۱۱-۰۲</bdi>" in html  # the Gregorian example keeps its order
    refused = Client().post("/fa/report/", {"category": "fraud"})
    assert refused.status_code == 422
    assert_reads_persian(refused.content.decode(), "report form with errors")


def test_attachments_are_files_not_case_files_in_persian() -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("fa"):
        for text in (
            "Files",
            "File (optional)",
            "The file is empty.",
            "Opened an attached file",
            "Write a message or attach a file.",
        ):
            assert "پرونده" not in gettext(text), text
        assert gettext("Files") == "پیوست‌ها"


def test_claim_is_not_offered_on_a_closed_case_and_is_refused(
    new_case: Case, desk_officer: Any, commander: Any, investigator: Any
) -> None:
    desk = sign_in(Client(), commander)
    open_page = desk.get(f"/en/desk/cases/{new_case.pk}/").content.decode()
    assert 'value="claim"' in open_page
    advance(new_case, commander, "triage")
    advance(new_case, commander, "assign", assignee_id=investigator.pk)
    advance(new_case, investigator, "start", "resolve")
    case = advance(new_case, commander, "close")
    assert case.status == "closed"
    closed_page = desk.get(f"/en/desk/cases/{case.pk}/").content.decode()
    assert 'value="claim"' not in closed_page
    refused = desk.post(
        f"/en/desk/cases/{case.pk}/act/", {"action": "claim", "version": case.version}
    )
    assert refused.status_code == 409
    case.refresh_from_db()
    assert case.claimed_by_id is None


def test_rejected_case_offers_no_claim(new_case: Case, commander: Any) -> None:
    case = advance(new_case, commander, "reject")
    page = sign_in(Client(), commander).get(f"/en/desk/cases/{case.pk}/").content.decode()
    assert 'value="claim"' not in page


def test_resolve_without_outcome_names_the_outcome_field(
    new_case: Case, commander: Any, investigator: Any
) -> None:
    advance(new_case, commander, "triage")
    advance(new_case, commander, "assign", assignee_id=investigator.pk)
    case = advance(new_case, investigator, "start")
    client = sign_in(Client(), investigator)
    page = client.post(
        f"/en/desk/cases/{case.pk}/act/",
        {"action": "resolve", "version": case.version, "reason": "  "},
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert "Write the outcome" in html and "Give a reason" not in html
    assert re.search(r'<textarea id="reason-resolve"[^>]*aria-invalid="true"', html)
    assert 'id="err-resolve-reason"' in html
    fa = client.post(
        f"/fa/desk/cases/{case.pk}/act/",
        {"action": "resolve", "version": case.version, "reason": ""},
    )
    assert "نتیجه را بنویسید" in fa.content.decode()


def test_timeline_arrow_follows_the_reading_direction(new_case: Case, commander: Any) -> None:
    advance(new_case, commander, "triage")
    client = sign_in(Client(), commander)
    fa = visible(client.get(f"/fa/desk/cases/{new_case.pk}/").content.decode())
    en = visible(client.get(f"/en/desk/cases/{new_case.pk}/").content.decode())
    assert "←" in fa and "→" not in fa
    assert "→" in en and "←" not in en


def test_routing_is_a_label_not_a_key(new_case: Case, desk_officer: Any) -> None:
    page = sign_in(Client(), desk_officer).get(f"/en/desk/cases/{new_case.pk}/")
    text = visible(page.content.decode())
    assert "chosen by the citizen" in text
    assert "chosen:" not in text


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_incident_date_a_century_ago_is_refused(force: Any, lang: str) -> None:
    old = (timezone.localdate() - timedelta(days=365 * 100)).isoformat()
    page = Client().post(
        f"/{lang}/report/",
        {
            "category": "fraud",
            "statement": "x" * 30,
            "occurred_date": old,
            "station": "ST-101",
            "name": "Sara Rezaei",
            "national_id": "0499370899",
            "mobile": "09121234567",
        },
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert re.search(r'<input id="id_occurred_date"[^>]*aria-invalid="true"', html)
    expected = "۲۰ سال" if lang == "fa" else "20 years"
    assert expected in visible(html)
