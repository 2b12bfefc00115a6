"""Staff accounts: locks, second factor enrolment, approval, idle accounts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.org.accounts import can_approve, can_manage
from kalantari.org.models import Authenticator, EnrolmentCode, User

IDLE_ACCOUNT_DAYS = 90


def staff_lock(*, actor: User | None, user: User, context: RequestContext = NO_CONTEXT) -> None:
    """Lock an account (say after a sign-in alert): no sign-in, no API token, until unlocked."""
    _require_manager(actor, user)
    with transaction.atomic(durable=True):
        User.objects.filter(pk=user.pk, locked_out_at=None).update(locked_out_at=timezone.now())
        audit_record(
            action="auth.locked_out",
            actor=actor,
            target=user,
            unit_id=user.unit_id,
            changes={"by_administrator": True},
            context=context,
        )


def staff_unlock(*, actor: User | None, user: User, context: RequestContext = NO_CONTEXT) -> None:
    """Clear an administrator's lock and the account's failed sign-ins at every address."""
    from kalantari.org.signin import signin_reset

    _require_manager(actor, user)
    with transaction.atomic(durable=True):
        User.objects.filter(pk=user.pk).update(locked_out_at=None)
        signin_reset(user=user)
        audit_record(
            action="auth.unlocked", actor=actor, target=user, unit_id=user.unit_id, context=context
        )


def staff_disable_idle(*, now: Any = None, days: int = IDLE_ACCOUNT_DAYS) -> list[str]:
    """Disable staff accounts unused for `days` (CJIS: inactive accounts are disabled)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    stale = User.objects.filter(is_active=True, is_superuser=False).filter(
        last_login__lt=cutoff
    ) | User.objects.filter(
        is_active=True, is_superuser=False, last_login__isnull=True, date_joined__lt=cutoff
    )
    names = []
    for user in stale.distinct():
        with transaction.atomic(durable=True):
            User.objects.filter(pk=user.pk).update(is_active=False)
            audit_record(
                action="auth.account_disabled_idle",
                actor=None,
                target=user,
                unit_id=user.unit_id,
                changes={"last_login": user.last_login.isoformat() if user.last_login else None},
            )
        names.append(user.username)
    return names


def otp_device_for(user: User) -> Authenticator | None:
    """The account's enrolled authenticator, else the one being enrolled, else None."""
    return Authenticator.objects.filter(user=user).order_by("-confirmed", "-created_at").first()


def otp_confirm(
    *, user: User, device: Authenticator, token: str, context: RequestContext = NO_CONTEXT
) -> bool:
    """Check a code (each code is accepted once); the first good code confirms enrolment."""
    token = "".join(ch for ch in token if ch.isdigit())
    with transaction.atomic(durable=True):
        device = Authenticator.objects.select_for_update().get(pk=device.pk)
        ok = bool(device.verify_token(token))  # throttled, and refuses a code used before
        enrolled = ok and not device.confirmed
        if enrolled:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # Only the newly confirmed authenticator remains.
            Authenticator.objects.filter(user=user).exclude(pk=device.pk).delete()
        audit_record(
            action="auth.second_factor_enrolled" if enrolled else "auth.second_factor",
            actor=user,
            target=user,
            unit_id=user.unit_id,
            context=context,
            outcome="ok" if ok else "refused",
        )
    return ok


ENROLMENT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read over the phone
ENROLMENT_CODE_LENGTH = 12  # about 59 bits
ENROLMENT_MAX_FAILURES = 5


def _normal_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def enrolment_code_issue(
    *, actor: User | None, user: User, context: RequestContext = NO_CONTEXT
) -> str:
    """Issue a one-time code to enrol an authenticator; returns it to show once.

    Earlier unused codes die. If the account had an authenticator, that one stops working
    when the new one is enrolled, and the account needs approval again (whoever holds both
    the password and a fresh code could otherwise become the account).
    """
    import secrets

    from django.conf import settings

    _require_manager(actor, user)
    raw = "".join(secrets.choice(ENROLMENT_ALPHABET) for _ in range(ENROLMENT_CODE_LENGTH))
    now = timezone.now()
    with transaction.atomic(durable=True):
        EnrolmentCode.objects.filter(user=user, used_at=None).delete()
        EnrolmentCode.objects.create(
            user=user,
            code_hash=EnrolmentCode.hash_code(raw),
            expires_at=now + timedelta(hours=settings.KALANTARI_ENROLMENT_CODE_HOURS),
            created_by=actor,
        )
        had_device = Authenticator.objects.filter(user=user, confirmed=True).exists()
        if had_device and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(approved_at=None, approved_by=None)
        audit_record(
            action="auth.enrolment_code_issued",
            actor=actor,
            target=user,
            unit_id=user.unit_id,
            changes={"replaces_authenticator": had_device},
            context=context,
        )
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def enrolment_code_redeem(
    *, user: User, code: str, context: RequestContext = NO_CONTEXT
) -> Authenticator | None:
    """Spend a valid enrolment code: a fresh, unconfirmed authenticator to scan, or None."""
    now = timezone.now()
    with transaction.atomic(durable=True):
        row = (
            EnrolmentCode.objects.select_for_update()
            .filter(user=user, used_at=None, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        ok = row is not None and constant_time_compare(
            row.code_hash, EnrolmentCode.hash_code(_normal_code(code))
        )
        device = None
        if row is not None and ok:
            row.used_at = now
            row.save(update_fields=["used_at"])
            Authenticator.objects.filter(user=user, confirmed=False).delete()
            device = Authenticator.objects.create(user=user, name="authenticator", confirmed=False)
        elif row is not None:
            row.failures += 1
            if row.failures >= ENROLMENT_MAX_FAILURES:
                row.expires_at = now  # spent by guessing: the administrator issues another
            row.save(update_fields=["failures", "expires_at"])
        audit_record(
            action="auth.enrolment_code_used",
            actor=user,
            target=user,
            unit_id=user.unit_id,
            context=context,
            outcome="ok" if ok else "refused",
        )
    return device


def staff_approve(*, actor: User, user: User, context: RequestContext = NO_CONTEXT) -> None:
    """A second person approves a new account, after which it may read case files."""
    if not can_approve(actor, user):
        raise PermissionDenied(_("You may not approve this account."))
    with transaction.atomic(durable=True):
        User.objects.filter(pk=user.pk).update(approved_at=timezone.now(), approved_by=actor)
        audit_record(
            action="auth.account_approved",
            actor=actor,
            target=user,
            unit_id=user.unit_id,
            context=context,
        )
    user.refresh_from_db(fields=["approved_at", "approved_by"])


def _require_manager(actor: User | None, user: User) -> None:
    """`actor` None is the command line (the server's operator)."""
    if actor is not None and not can_manage(actor, user):
        raise PermissionDenied(_("You may not manage this account."))


WATCHED_FIELDS = ("role", "unit_id", "is_active", "is_staff", "is_superuser", "password")


def staff_snapshot(user: User | None) -> dict[str, Any]:
    """What an account's access depends on (the password only as "changed or not")."""
    if user is None or user.pk is None:
        return {}
    return {name: getattr(user, name) for name in WATCHED_FIELDS} | {
        "groups": sorted(user.groups.values_list("name", flat=True))
    }


def staff_changes_audit(
    *, actor: User, user: User, before: dict[str, Any], context: RequestContext = NO_CONTEXT
) -> None:
    """One audit record for a change to an account's role, unit, rights or password."""
    after = staff_snapshot(user)
    changed: dict[str, Any] = {}
    for name, value in after.items():
        if before.get(name) != value:
            changed[name] = (
                "changed" if name == "password" else [_plain(before.get(name)), _plain(value)]
            )
    if not changed:
        return
    with transaction.atomic():
        audit_record(
            action="auth.account_created" if not before else "auth.account_changed",
            actor=actor,
            target=user,
            unit_id=user.unit_id,
            changes=changed,
            context=context,
        )


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, bool, list)) or value is None else str(value)


def staff_signed_in(
    *,
    user: User,
    lock_lifted: bool = False,
    second_factor: bool = False,
    context: RequestContext = NO_CONTEXT,
) -> None:
    """Record a password sign-in (and the code typed beside it, when there was one)."""
    with transaction.atomic(durable=True):
        audit_record(
            action="auth.login",
            actor=user,
            target=user,
            unit_id=user.unit_id,
            changes={"lock_lifted_by_second_factor": True} if lock_lifted else None,
            context=context,
        )
        if second_factor:
            audit_record(
                action="auth.second_factor",
                actor=user,
                target=user,
                unit_id=user.unit_id,
                context=context,
            )


def staff_sign_in_refused(
    *, username: str, held: bool, context: RequestContext = NO_CONTEXT
) -> None:
    """Record a refused sign-in: the name typed (cut short) and whether the throttle held it."""
    with transaction.atomic(durable=True):
        audit_record(
            action="auth.login_failed",
            actor=None,
            changes={"username": username[:150], "held": held},
            context=context,
            outcome="refused",
        )
