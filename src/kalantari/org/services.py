"""Staff account security: lockout and unlock, second factor enrolment, idle accounts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.org.models import User

IDLE_ACCOUNT_DAYS = 90


def staff_lock_out(*, username: str, context: RequestContext = NO_CONTEXT) -> None:
    """The failed-login limit was reached: the account stays locked until an admin unlocks it."""
    with transaction.atomic():  # axes may call this inside its own transaction
        user = User.objects.select_for_update().filter(username=username).first()
        if user is not None and user.locked_out_at is None:
            user.locked_out_at = timezone.now()
            user.save(update_fields=["locked_out_at"])
        audit_record(
            action="auth.locked_out",
            actor=None,
            target=user,
            unit_id=user.unit_id if user else None,
            changes={"username": username[:150]},
            context=context,
            outcome="refused",
        )


def staff_unlock(*, actor: User | None, user: User, context: RequestContext = NO_CONTEXT) -> None:
    """Clear a lockout (and the failed attempts behind it)."""
    from axes.utils import reset

    with transaction.atomic(durable=True):
        User.objects.filter(pk=user.pk).update(locked_out_at=None)
        reset(username=user.username)
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


def otp_device_for(user: User) -> TOTPDevice:
    """The account's authenticator; a fresh unconfirmed one until enrolment is confirmed."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def otp_confirm(
    *, user: User, device: TOTPDevice, token: str, context: RequestContext = NO_CONTEXT
) -> bool:
    """Check a code (each code is accepted once); the first good code confirms enrolment."""
    token = "".join(ch for ch in token if ch.isdigit())
    with transaction.atomic(durable=True):
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        ok = bool(device.verify_token(token))  # throttled, and refuses a code used before
        enrolled = ok and not device.confirmed
        if enrolled:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        audit_record(
            action="auth.second_factor_enrolled" if enrolled else "auth.second_factor",
            actor=user,
            target=user,
            unit_id=user.unit_id,
            context=context,
            outcome="ok" if ok else "refused",
        )
    return ok


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
