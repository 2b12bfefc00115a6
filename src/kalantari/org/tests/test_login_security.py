"""Staff sign-in hardening: lockout, second factor, session limits, passwords, idle accounts."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import pytest
from conftest import PASSWORD
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from kalantari.audit.models import AuditEvent
from kalantari.org import services, signin
from kalantari.org.models import Authenticator, EnrolmentCode, User
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db


LOGIN = "/en/accounts/login/"
DESK = "/en/desk/"


def post_login(
    client: Client,
    username: str,
    password: str,
    *,
    ip: str = "127.0.0.1",
    otp: str = "",
    url: str = LOGIN,
) -> Any:
    data = {"username": username, "password": password}
    if otp:
        data["otp_token"] = otp
    return client.post(url, data, REMOTE_ADDR=ip)


def code_for(device: Any, *, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + drift * device.step  # django-otp reads the real clock
    return f"{totp.token():0{device.digits}d}"


class Clock:
    """timezone.now() under the test's control."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def enrolled(user: User) -> Authenticator:
    return Authenticator.objects.create(user=user, name="phone", confirmed=True)


def signed_in(response: Any) -> bool:
    return response.status_code == 302 and "/login" not in response["Location"]


def answer(response: Any) -> str:
    """The page as the client sees it, without the per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


ATTACKER = "203.0.113.7"
OFFICE = "198.51.100.20"


def fail_until_locked(username: str, clock: Clock, *, ip: str = ATTACKER) -> None:
    """Wrong passwords from one address, each after the wait the last one earned."""
    for n in range(1, 11):
        post_login(Client(), username, f"wrong-password-{n}", ip=ip)
        clock.advance(signin.delay_after(n) + 1)
    clock.advance(-(signin.delay_after(10) + 1))  # stay inside the lock


def test_attacker_at_one_address_does_not_stop_the_officer_elsewhere(
    desk_officer: User,
) -> None:
    attacker = Client()
    for n in range(20):
        refused = post_login(attacker, desk_officer.username, f"guess-{n}", ip=ATTACKER)
        assert refused.status_code == 200
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=OFFICE))
    # The guesser's own address stays held off, even with the right password.
    assert not signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))


def test_failures_cost_growing_waits_at_that_address(desk_officer: User, clock: Clock) -> None:
    for n in range(1, 4):  # three free failures
        post_login(Client(), desk_officer.username, f"wrong-{n}", ip=ATTACKER)
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))
    for n in range(1, 5):
        post_login(Client(), desk_officer.username, f"wrong-{n}", ip=ATTACKER)
        clock.advance(signin.delay_after(n) + 0.5 if n < 4 else 0)
    # Fourth failure in a row: a 2-second wait; the 5th would be 4 s, the 6th 8 s.
    assert [signin.delay_after(n) for n in range(1, 8)] == [0, 0, 0, 2, 4, 8, 16]
    assert not signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))
    clock.advance(2.5)
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))


def test_lock_expires_by_itself_and_admins_are_told_once(
    desk_officer: User, clock: Clock, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    User.objects.create_superuser("root", "root@example.org", "x" * 20)
    with django_capture_on_commit_callbacks(execute=True):
        fail_until_locked(desk_officer.username, clock)
    assert (
        AuditEvent.objects.filter(action="auth.locked_out", target_id=str(desk_officer.pk)).count()
        == 1
    )
    assert len(mailoutbox) == 1 and desk_officer.username in mailoutbox[0].subject
    assert mailoutbox[0].to == ["root@example.org"]
    assert not signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))
    clock.advance(14 * 60)
    assert not signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))
    clock.advance(61)
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))
    assert len(mailoutbox) == 1
    desk_officer.refresh_from_db()
    assert desk_officer.locked_out_at is None  # failures never lock the account itself


def test_own_authenticator_code_lifts_the_lock(desk_officer: User, clock: Clock) -> None:
    device = enrolled(desk_officer)
    fail_until_locked(desk_officer.username, clock, ip=OFFICE)
    # A wrong code, or the right code with a wrong password, stays refused.
    assert not signed_in(
        post_login(Client(), desk_officer.username, PASSWORD, ip=OFFICE, otp="000000")
    )
    assert not signed_in(
        post_login(Client(), desk_officer.username, "wrong", ip=OFFICE, otp=code_for(device))
    )
    clock.advance(2)  # the authenticator's own throttle after the wrong code
    client = Client()
    ok = post_login(client, desk_officer.username, PASSWORD, ip=OFFICE, otp=code_for(device))
    assert signed_in(ok)
    assert client.get(DESK).status_code == 200  # the code was the second step too
    login = AuditEvent.objects.filter(action="auth.login").last()
    assert login is not None and login.changes == {"lock_lifted_by_second_factor": True}
    # Lifted: the right password alone works again from that address.
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=OFFICE))


def test_held_off_right_password_looks_exactly_like_a_wrong_one(
    desk_officer: User, clock: Clock
) -> None:
    wrong = post_login(Client(), desk_officer.username, "not-the-password")
    fail_until_locked(desk_officer.username, clock, ip="127.0.0.1")
    held = post_login(Client(), desk_officer.username, PASSWORD)
    assert held.status_code == wrong.status_code == 200
    assert answer(held) == answer(wrong)
    unknown = post_login(Client(), "no-such-officer", "whatever-it-is")
    assert unknown.status_code == 200 and answer(unknown).replace(
        "no-such-officer", desk_officer.username
    ) == answer(wrong)


def test_made_up_names_slow_only_the_address(desk_officer: User, clock: Clock) -> None:
    device = enrolled(desk_officer)
    for n in range(15):  # spraying made-up names from the station's shared address
        post_login(Client(), f"nobody{n}", "guess", ip=OFFICE)
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=OFFICE))
    for n in range(15, 30):
        clock.advance(signin.address_delay_after(n) + 1)
        post_login(Client(), f"nobody{n}", "guess", ip=OFFICE)
    # Past the address's free failures: a wait for everyone there, but the code lets in.
    assert not signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=OFFICE))
    assert signed_in(
        post_login(Client(), desk_officer.username, PASSWORD, ip=OFFICE, otp=code_for(device))
    )
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD, ip=ATTACKER))


def test_admin_login_is_the_staff_login(desk_officer: User) -> None:
    page = Client().get("/admin/login/")
    assert page.status_code == 200 and b'name="otp_token"' in page.content
    for n in range(4):
        post_login(Client(), desk_officer.username, f"wrong-{n}", url="/admin/login/")
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 4
    # Counted with the other sign-in page: held off there too.
    assert not signed_in(post_login(Client(), desk_officer.username, PASSWORD))
    last = AuditEvent.objects.filter(action="auth.login_failed").last()
    assert last is not None and last.changes["held"]


def test_administrator_lock_refuses_the_right_password_and_tokens(desk_officer: User) -> None:
    services.staff_lock(actor=None, user=desk_officer)
    refused = post_login(Client(), desk_officer.username, PASSWORD)
    assert not signed_in(refused) and b"not right" in refused.content
    services.staff_unlock(actor=None, user=desk_officer)
    assert signed_in(post_login(Client(), desk_officer.username, PASSWORD))


def test_password_alone_does_not_open_staff_pages(desk_officer: User) -> None:
    client = Client()
    assert post_login(client, desk_officer.username, PASSWORD).status_code == 302
    page = client.get(DESK)
    assert page.status_code == 302 and "/accounts/login/code/" in page["Location"]
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/admin/").status_code == 302


CODE_PAGE = "/en/accounts/login/code/"


def test_enrolment_needs_the_administrators_one_time_code(desk_officer: User) -> None:
    client = Client()
    post_login(client, desk_officer.username, PASSWORD)
    first = client.get(CODE_PAGE)
    # The password alone shows no QR code: it asks for the enrolment code.
    assert first.status_code == 200 and b"<svg" not in first.content
    assert b'name="enrolment_code"' in first.content
    assert not Authenticator.objects.filter(user=desk_officer).exists()
    wrong = client.post(CODE_PAGE, {"enrolment_code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 200 and b"<svg" not in wrong.content
    code = services.enrolment_code_issue(actor=None, user=desk_officer)
    assert not EnrolmentCode.objects.filter(code_hash__contains=code.replace("-", ""))
    assert AuditEvent.objects.filter(action="auth.enrolment_code_issued").count() == 1
    # Typed in lower case and without dashes still counts.
    client.post(CODE_PAGE, {"enrolment_code": code.replace("-", "").lower()})
    enrol = client.get(CODE_PAGE)
    assert enrol.status_code == 200 and b"<svg" in enrol.content
    # Spent: a second session cannot use the same code to see the seed.
    other = Client()
    post_login(other, desk_officer.username, PASSWORD)
    again = other.post(CODE_PAGE, {"enrolment_code": code})
    assert b"<svg" not in again.content and b"not right" in again.content


def test_enrolment_code_expires(desk_officer: User, clock: Clock) -> None:
    code = services.enrolment_code_issue(actor=None, user=desk_officer)
    clock.advance(72 * 3600 + 1)
    assert services.enrolment_code_redeem(user=desk_officer, code=code) is None


def test_enrolment_then_codes_each_used_once(desk_officer: User) -> None:
    client = Client()
    post_login(client, desk_officer.username, PASSWORD)
    code = services.enrolment_code_issue(actor=None, user=desk_officer)
    client.post(CODE_PAGE, {"enrolment_code": code})
    device = Authenticator.objects.get(user=desk_officer)
    assert not device.confirmed
    before = client.cookies["sessionid"].value
    token = code_for(device)
    assert client.post(CODE_PAGE, {"token": token}).status_code == 302
    # A new session id at the second step.
    assert client.cookies["sessionid"].value != before
    assert not Session.objects.filter(session_key=before).exists()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DESK).status_code == 200
    # The same code, straight away, in a second session: refused.
    other = Client()
    post_login(other, desk_officer.username, PASSWORD)
    replay = other.post(CODE_PAGE, {"token": token})
    assert replay.status_code == 200 and b"not right" in replay.content
    assert other.get(DESK).status_code == 302
    wrong = other.post(CODE_PAGE, {"token": "000000"})
    assert wrong.status_code == 200 and b"not right" in wrong.content


def test_totp_seed_is_encrypted_at_rest(desk_officer: User) -> None:
    from django.db import connection

    device = enrolled(desk_officer)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM org_authenticator WHERE id = %s", [device.pk])
        stored = cursor.fetchone()[0]
    assert device.key not in stored and stored.startswith("kv")
    assert Authenticator.objects.get(pk=device.pk).verify_token(code_for(device))


def test_api_token_dies_with_lock_disable_and_password_change(desk_officer: User) -> None:
    import secrets

    from kalantari.org.models import ApiToken

    def works(key: str) -> bool:
        answer = Client().get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {key}")
        return answer.status_code == 200

    def issue() -> str:
        key = secrets.token_urlsafe(32)
        ApiToken.objects.create(user=desk_officer, name="t", key_hash=ApiToken.hash_key(key))
        return key

    key = issue()
    assert works(key)
    services.staff_lock(actor=None, user=desk_officer)
    assert not works(key)
    services.staff_unlock(actor=None, user=desk_officer)
    assert works(key)
    User.objects.filter(pk=desk_officer.pk).update(is_active=False)
    assert not works(key)
    User.objects.filter(pk=desk_officer.pk).update(is_active=True)
    assert works(key)
    desk_officer.set_password("another long passphrase 7")
    desk_officer.save()
    assert not works(key)
    assert works(issue())


def test_new_session_id_at_login_and_logout_ends_it_on_the_server(desk_officer: User) -> None:
    client = Client()
    client.get(LOGIN)
    before = client.cookies.get("sessionid")
    post_login(client, desk_officer.username, PASSWORD)
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert Session.objects.filter(session_key=after).exists()
    client.post("/en/accounts/logout/")
    assert not Session.objects.filter(session_key=after).exists()


@pytest.mark.parametrize(
    ("shift", "signed_out"),
    [
        (timedelta(minutes=29), False),
        (timedelta(minutes=31), True),
    ],
)
def test_idle_limit(
    desk_officer: User, monkeypatch: pytest.MonkeyPatch, shift: timedelta, signed_out: bool
) -> None:
    client = sign_in(Client(), desk_officer)
    start = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: start + shift)
    page = client.get(DESK)
    assert (page.status_code == 302 and "/accounts/login/" in page["Location"]) is signed_out


def test_absolute_limit_even_when_busy(desk_officer: User, monkeypatch: pytest.MonkeyPatch) -> None:
    client = sign_in(Client(), desk_officer)
    start = timezone.now()
    for minutes in range(20, 12 * 60, 20):  # a request every 20 minutes: never idle
        monkeypatch.setattr(timezone, "now", lambda m=minutes: start + timedelta(minutes=m))
        assert client.get(DESK).status_code == 200, minutes
    monkeypatch.setattr(timezone, "now", lambda: start + timedelta(hours=12, minutes=1))
    page = client.get(DESK)
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_password_change_signs_out_other_sessions(desk_officer: User) -> None:
    laptop = sign_in(Client(), desk_officer)
    phone = sign_in(Client(), desk_officer)
    changed = laptop.post(
        "/en/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer passphrase 42",
            "new_password2": "a much longer passphrase 42",
        },
    )
    assert changed.status_code == 302
    assert laptop.get(DESK).status_code == 200
    assert phone.get(DESK).status_code == 302


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short7!", False),
        ("x" * 8 + "9", True),
        ("ы" * 64, True),
        ("y" * 65, False),
        ("password123", False),
        ("qwertyuiop", False),
        ("شش" * 6, True),
    ],
)
def test_password_rules(password: str, ok: bool) -> None:
    try:
        validate_password(password)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is ok


def test_long_password_is_not_truncated(desk_officer: User) -> None:
    long = "z" * 60 + "abcd"
    desk_officer.set_password(long)
    desk_officer.save()
    assert desk_officer.check_password(long)
    assert not desk_officer.check_password("z" * 60 + "abce")


def test_accounts_unused_for_90_days_are_disabled(desk_officer: User, commander: User) -> None:
    now = timezone.now()
    User.objects.filter(pk=desk_officer.pk).update(last_login=now - timedelta(days=91))
    User.objects.filter(pk=commander.pk).update(last_login=now - timedelta(days=10))
    disabled = services.staff_disable_idle(now=now)
    assert disabled == [desk_officer.username]
    desk_officer.refresh_from_db()
    commander.refresh_from_db()
    assert not desk_officer.is_active and commander.is_active
    assert AuditEvent.objects.filter(action="auth.account_disabled_idle").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_cannot_outrun_the_count(force: Any, settings: Any) -> None:
    """24 guesses at once from one address: the count is taken before the password is
    checked, under a row lock, so only the free ones and one more are evaluated."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    from kalantari.org.tests.factories import UserFactory

    if connection.vendor != "postgresql":
        pytest.skip("threads need a server database (SQLite's test database is in memory)")
    officer = UserFactory.create(username="busy_officer", unit=force["station"])

    def guess(n: int) -> bool:
        try:
            return signed_in(post_login(Client(), officer.username, f"guess-{n}", ip=ATTACKER))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=24) as pool:
        assert not any(pool.map(guess, range(24)))
    evaluated = AuditEvent.objects.filter(action="auth.login_failed", changes__held=False)
    assert evaluated.count() <= settings.KALANTARI_SIGNIN_FREE_FAILURES + 1
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 24
