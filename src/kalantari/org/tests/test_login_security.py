"""Staff sign-in hardening: lockout, second factor, session limits, passwords, idle accounts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from conftest import PASSWORD
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kalantari.audit.models import AuditEvent
from kalantari.org import services
from kalantari.org.models import User
from kalantari.org.tests.factories import sign_in

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"
DESK = "/en/desk/"


def post_login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def code_for(device: TOTPDevice, *, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp() + drift * device.step
    return f"{totp.token():0{device.digits}d}"


def test_sixth_attempt_is_refused_even_with_the_right_password(desk_officer: User) -> None:
    client = Client()
    for _ in range(5):
        assert post_login(client, desk_officer.username, "wrong-password-123").status_code in (
            200,
            429,
        )
    right = post_login(client, desk_officer.username, PASSWORD)
    assert right.status_code == 429
    assert "locked" in right.content.decode()
    desk_officer.refresh_from_db()
    assert desk_officer.locked_out_at is not None
    assert AuditEvent.objects.filter(action="auth.locked_out", target_id=str(desk_officer.pk))
    assert AuditEvent.objects.filter(action="auth.login_failed").count() >= 4


def test_lock_outlives_the_cool_off_until_an_admin_unlocks(desk_officer: User) -> None:
    client = Client()
    for _ in range(5):
        post_login(client, desk_officer.username, "wrong-password-123")
    # Two hours on: the failures are past axes' 15-minute window, the account lock is not.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(hours=2))
    page = post_login(Client(), desk_officer.username, PASSWORD)
    assert page.status_code == 200 and "locked" in page.content.decode()
    assert "_auth_user_id" not in Client().session
    services.staff_unlock(actor=None, user=desk_officer)
    ok = post_login(Client(), desk_officer.username, PASSWORD)
    assert ok.status_code == 302


def test_password_alone_does_not_open_staff_pages(desk_officer: User) -> None:
    client = Client()
    assert post_login(client, desk_officer.username, PASSWORD).status_code == 302
    page = client.get(DESK)
    assert page.status_code == 302 and "/accounts/login/code/" in page["Location"]
    assert client.get("/api/v1/cases").status_code == 401
    assert client.get("/admin/").status_code == 302


def test_enrolment_then_codes_each_used_once(desk_officer: User) -> None:
    client = Client()
    post_login(client, desk_officer.username, PASSWORD)
    enrol = client.get("/en/accounts/login/code/")
    assert enrol.status_code == 200 and b"<svg" in enrol.content
    device = TOTPDevice.objects.get(user=desk_officer)
    assert not device.confirmed
    code = code_for(device)
    assert client.post("/en/accounts/login/code/", {"token": code}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DESK).status_code == 200
    # The same code, straight away, in a second session: refused.
    other = Client()
    post_login(other, desk_officer.username, PASSWORD)
    replay = other.post("/en/accounts/login/code/", {"token": code})
    assert replay.status_code == 200 and b"not right" in replay.content
    assert other.get(DESK).status_code == 302
    wrong = other.post("/en/accounts/login/code/", {"token": "000000"})
    assert wrong.status_code == 200 and b"not right" in wrong.content


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
