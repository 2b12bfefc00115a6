"""Failed staff sign-ins: slow a guesser down without handing anyone a way to lock officers out.

Failures are counted per account AND address: a guesser at one address holds off only that
account at that address, never the officer signing in from elsewhere. The first few are
free, then each costs a growing wait (2, 4, 8 … seconds), and from the lock threshold on
the pair waits the full lock time, which expires by itself (a correct authenticator code
from the account lifts it at once) and is reported to the administrators once. Failures on
any accounts from one address (made-up names, password spraying) also slow that address,
more gently, since stations share addresses behind NAT. A held-off attempt answers exactly
like a wrong password: the page never says whether the password was right.

The attempt is counted before the password is checked, in one short transaction that locks
the counter row, so concurrent guesses cannot all slip through before the count catches up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.org.models import Role, SignInThrottle, ThrottleKind, User


@dataclass(frozen=True)
class Attempt:
    """What the counters said about one sign-in attempt before the password was checked."""

    username: str
    ip: str
    held: bool


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def delay_after(failures: int) -> int:
    """Seconds an account at an address waits after its `failures`-th failure in a row."""
    free = settings.KALANTARI_SIGNIN_FREE_FAILURES
    if failures >= settings.KALANTARI_SIGNIN_LOCK_FAILURES:
        return int(settings.KALANTARI_SIGNIN_LOCK_SECONDS)
    if failures <= free:
        return 0
    return int(min(2 ** (failures - free), settings.KALANTARI_SIGNIN_LOCK_SECONDS))


def address_delay_after(failures: int) -> int:
    """Seconds an address waits after its `failures`-th failure on any accounts."""
    free = settings.KALANTARI_SIGNIN_ADDRESS_FREE_FAILURES
    if failures <= free:
        return 0
    return int(min(2 ** (failures - free), settings.KALANTARI_SIGNIN_ADDRESS_MAX_DELAY))


def _row(kind: str, username: str, ip: str) -> SignInThrottle:
    row, _created = SignInThrottle.objects.select_for_update().get_or_create(
        kind=kind, username=username, ip=ip
    )
    return row


def _forget_stale(row: SignInThrottle, now: datetime) -> None:
    memory = timedelta(seconds=settings.KALANTARI_SIGNIN_MEMORY_SECONDS)
    if row.last_failure_at is not None and now - row.last_failure_at > memory:
        row.failures = 0
        row.blocked_until = None
        row.locked_at = None


def _held(row: SignInThrottle, now: datetime) -> bool:
    return row.blocked_until is not None and row.blocked_until > now


def signin_begin(*, username: str, ip: str, now: datetime | None = None) -> Attempt:
    """Say whether this attempt is held off; if not, count it as a failure in advance.

    A success undoes the count (`signin_succeeded`); a held-off attempt is not counted, so
    an officer retrying during a wait does not lengthen it.
    """
    now = now or timezone.now()
    name = _key(username)
    with transaction.atomic():
        pair = _row(ThrottleKind.ACCOUNT_ADDRESS, name, ip)  # waits for a concurrent twin
        address = SignInThrottle.objects.filter(
            kind=ThrottleKind.ADDRESS, username="", ip=ip
        ).first()
        for row in (pair, address):
            if row is not None:
                _forget_stale(row, now)
        if _held(pair, now) or (address is not None and _held(address, now)):
            return Attempt(username=name, ip=ip, held=True)
        pair.failures += 1
        pair.last_failure_at = now
        wait = delay_after(pair.failures)
        pair.blocked_until = now + timedelta(seconds=wait) if wait else None
        pair.save()
    return Attempt(username=name, ip=ip, held=False)


def signin_failed(
    *, attempt: Attempt, context: RequestContext = NO_CONTEXT, now: datetime | None = None
) -> None:
    """The password was wrong: count the address, and report a new lock once."""
    now = now or timezone.now()
    with transaction.atomic():
        address = _row(ThrottleKind.ADDRESS, "", attempt.ip)
        _forget_stale(address, now)
        address.failures += 1
        address.last_failure_at = now
        wait = address_delay_after(address.failures)
        address.blocked_until = now + timedelta(seconds=wait) if wait else None
        address.save()
        pair = _row(ThrottleKind.ACCOUNT_ADDRESS, attempt.username, attempt.ip)
        if pair.failures < settings.KALANTARI_SIGNIN_LOCK_FAILURES or pair.locked_at:
            return
        pair.locked_at = now
        pair.save(update_fields=["locked_at"])
        user = User.objects.filter(username__iexact=attempt.username).first()
        audit_record(
            action="auth.locked_out",
            actor=None,
            target=user,
            unit_id=user.unit_id if user else None,
            changes={
                "username": attempt.username,
                "failures": pair.failures,
                "until": pair.blocked_until.isoformat() if pair.blocked_until else None,
            },
            context=context,
            outcome="refused",
        )
        if user is not None:
            transaction.on_commit(lambda: _alert_admins(user=user, ip=attempt.ip))


def signin_succeeded(*, attempt: Attempt) -> None:
    """The right password (and, when held off, the right code): forget the pair's failures."""
    SignInThrottle.objects.filter(
        kind=ThrottleKind.ACCOUNT_ADDRESS, username=attempt.username, ip=attempt.ip
    ).delete()


def signin_reset(*, user: User) -> int:
    """Forget an account's failures at every address (an administrator unlocked it)."""
    deleted, _ = SignInThrottle.objects.filter(
        kind=ThrottleKind.ACCOUNT_ADDRESS, username=_key(user.username)
    ).delete()
    return deleted


def signin_forget_stale(*, now: datetime | None = None) -> int:
    """Delete counters with no failure for the memory period (run daily)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.KALANTARI_SIGNIN_MEMORY_SECONDS)
    deleted, _ = SignInThrottle.objects.filter(
        Q(last_failure_at__lt=cutoff) | Q(last_failure_at=None)
    ).delete()
    return deleted


def alert_recipients(user: User) -> list[str]:
    """E-mail addresses of the administrators over this account's unit, and ADMINS."""
    admins = User.objects.filter(is_active=True).exclude(email="")
    over = admins.filter(is_superuser=True)
    if user.unit is not None:
        prefixes = [user.unit.path[: i + 1] for i, ch in enumerate(user.unit.path) if ch == "/"]
        over = over | admins.filter(role=Role.ADMIN, unit__path__in=prefixes)
    emails = {email for _name, email in getattr(settings, "ADMINS", [])}
    emails |= set(over.values_list("email", flat=True))
    return sorted(emails)


def _alert_admins(*, user: User, ip: str) -> None:
    from django.core.mail import send_mail
    from django.utils import translation
    from django.utils.translation import gettext as _

    recipients = alert_recipients(user)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        minutes = settings.KALANTARI_SIGNIN_LOCK_SECONDS // 60
        subject = _("Kalantari: sign-in lock on %(username)s") % {"username": user.username}
        body = _(
            "Too many failed sign-ins to the account %(username)s from the address %(ip)s: "
            "sign-in from that address is held off for %(minutes)s minutes. Other addresses "
            "are not affected. If the officer did not cause this, lock the account in the "
            "administration pages and check the audit log."
        ) % {"username": user.username, "ip": ip or "?", "minutes": minutes}
    send_mail(subject, body, None, recipients, fail_silently=True)
