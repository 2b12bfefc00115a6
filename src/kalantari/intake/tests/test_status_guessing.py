"""Issue 6 item 3: wrong pairs cost the same work, the guessing limit is atomic, and a
guesser who knows a code cannot lock its citizen out."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kalantari.cases.models import Case
from kalantari.core import throttle
from kalantari.core.tracking import format_tracking_code, new_tracking_code
from kalantari.intake.models import Report
from kalantari.intake.services import status as status_check  # patched where it looks names up

RIGHT_MOBILE = "09121234567"


def status(client: Client, code: str, **secret: str) -> Any:
    return client.post(
        "/api/v1/status",
        data=json.dumps({"tracking_code": code, **secret}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


class HashCounter:
    """Counts the slow secret checks (argon2) a lookup makes, still running them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        real = status_check.check_password

        def counting(*args: Any, **kwargs: Any) -> bool:
            self.calls += 1
            return bool(real(*args, **kwargs))

        monkeypatch.setattr(status_check, "check_password", counting)


def work_of(client: Client, code: str, counter: HashCounter, **secret: str) -> tuple[int, int]:
    """(slow hash checks, queries) one lookup costs."""
    before = counter.calls
    with CaptureQueriesContext(connection) as queries:
        answer = status(client, code, **secret)
    assert answer.status_code == 404, answer.content
    return counter.calls - before, len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "secret",
    [{"mobile": "09350000000"}, {"mobile": "123456"}, {"pin": "12345678"}, {"mobile": "x"}],
)
def test_unknown_code_and_known_code_with_a_wrong_secret_cost_the_same(
    new_case: Case, monkeypatch: pytest.MonkeyPatch, settings: Any, secret: dict[str, str]
) -> None:
    settings.KALANTARI_STATUS_ATTEMPTS_PER_IP = 1000
    counter = HashCounter(monkeypatch)
    known = format_tracking_code(new_case.report.tracking_code)
    unknown = format_tracking_code(new_tracking_code())
    for _ in range(2):  # the second round runs with warm buckets on both sides
        work_known = work_of(Client(), known, counter, **secret)
        work_unknown = work_of(Client(), unknown, counter, **secret)
        assert work_known == work_unknown
        assert work_known[0] == 1  # exactly one slow check, whatever the pair


@pytest.mark.django_db
def test_anonymous_tip_with_a_wrong_pin_costs_what_an_unknown_code_costs(
    client: Client, force: Any, report_payload: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    tip = report_payload | {
        "category": "tip_weapons",
        "anonymous": True,
        "name": "",
        "national_id": "",
        "mobile": "",
    }
    code = client.post(
        "/api/v1/reports", data=json.dumps(tip), content_type="application/json"
    ).json()["tracking_code"]
    counter = HashCounter(monkeypatch)
    unknown = format_tracking_code(new_tracking_code())
    assert work_of(Client(), code, counter, pin="00000000") == work_of(
        Client(), unknown, counter, pin="00000000"
    )


@pytest.mark.django_db
def test_texting_a_code_costs_the_same_whether_or_not_the_report_exists(
    new_case: Case, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    known = format_tracking_code(new_case.report.tracking_code)
    unknown = format_tracking_code(new_tracking_code())
    counts = []
    for code in (known, unknown, known, unknown):  # the second round: audit chains exist
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=False) as callbacks,
        ):
            answer = Client().post(
                "/api/v1/status/code",
                json.dumps({"tracking_code": code}),
                content_type="application/json",
            )
        assert answer.status_code == 202
        counts.append((len(queries), len(callbacks)))
    assert counts[2] == counts[3]


@pytest.mark.django_db
def test_a_guesser_who_knows_the_code_cannot_lock_the_citizen_out(
    new_case: Case, settings: Any
) -> None:
    code = format_tracking_code(new_case.report.tracking_code)
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    answers = [
        status(guesser, code, mobile=f"0935000000{i}").status_code
        for i in range(settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE + 3)
    ]
    assert answers[: settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE] == [404] * 5
    assert settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE_ALL > 5
    assert set(answers[settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE :]) == {429}
    # The guesser stays slowed even with the right answer …
    assert status(guesser, code, mobile=RIGHT_MOBILE).status_code == 429
    # … while the citizen, from their own address, gets in.
    citizen = Client(REMOTE_ADDR="198.51.100.20")
    assert status(citizen, code, mobile=RIGHT_MOBILE).status_code == 200


@pytest.mark.django_db
def test_the_wait_grows_for_a_guesser_who_keeps_going(new_case: Case, settings: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kalantari.core.models import ThrottleBucket

    settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE = 2
    code = format_tracking_code(new_case.report.tracking_code)
    guesser = Client(REMOTE_ADDR="203.0.113.8")
    waits = []
    for _round in range(3):
        for i in range(settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE + 1):
            answer = status(guesser, code, mobile=f"0935000000{i}")
        assert answer.status_code == 429
        waits.append(int(answer["Retry-After"]))
        # The window passes.
        ThrottleBucket.objects.update(until=timezone.now() - timedelta(seconds=1))
    assert waits[0] <= settings.KALANTARI_STATUS_WINDOW_SECONDS + 1
    assert waits[1] > settings.KALANTARI_STATUS_WINDOW_SECONDS * 1.5
    assert waits[2] > waits[1] * 1.5


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_pins_evaluate_at_most_the_limit(
    force: Any, report_payload: dict[str, Any], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """24 concurrent wrong PINs from one address: at most `limit` are checked at all."""
    tip = report_payload | {
        "category": "tip_weapons",
        "anonymous": True,
        "name": "",
        "national_id": "",
        "mobile": "",
    }
    code = (
        Client()
        .post("/api/v1/reports", data=json.dumps(tip), content_type="application/json")
        .json()["tracking_code"]
    )
    limit = settings.KALANTARI_STATUS_ATTEMPTS_PER_CODE
    evaluated = 0
    lock = threading.Lock()
    real = status_check._secret_matches

    def counting(report: Report | None, secret: str) -> bool:
        nonlocal evaluated
        with lock:
            evaluated += 1
        return real(report, secret)

    monkeypatch.setattr(status_check, "_secret_matches", counting)
    answers: list[int] = []
    start = threading.Barrier(24)

    def guess(n: int) -> None:
        try:
            start.wait()
            answer = status(Client(REMOTE_ADDR="203.0.113.9"), code, pin=f"{n:08d}")
            with lock:
                answers.append(answer.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 24
    assert evaluated <= limit
    assert answers.count(404) == evaluated
    assert answers.count(429) == 24 - evaluated


@pytest.mark.django_db
def test_throttle_counts_before_it_decides() -> None:
    limit = throttle.Limit(key="t:one", limit=2, window_seconds=60)
    assert [throttle.hit([limit]) == 0 for _ in range(4)] == [True, True, False, False]
    throttle.refund(["t:one"])
    throttle.refund(["t:one"])
    throttle.refund(["t:one"])
    assert throttle.hit([limit]) == 0


def test_client_address_ignores_forwarded_for_unless_a_proxy_is_trusted(settings: Any) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.3"
    )
    settings.KALANTARI_TRUSTED_PROXY_HOPS = 0
    assert throttle.client_ip(request) == "10.0.0.2"
    settings.KALANTARI_TRUSTED_PROXY_HOPS = 1
    assert throttle.client_ip(request) == "198.51.100.3"
    assert throttle.address_key("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    assert throttle.address_key("::ffff:198.51.100.3") == "198.51.100.3"
