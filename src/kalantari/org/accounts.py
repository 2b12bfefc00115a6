"""Who may manage and approve which staff accounts (the administration pages ask here).

An administrator manages accounts of their own unit and the units below it, never a
superuser's, and grants any role but administrator (only a superuser makes administrators
or superusers). A new account reads no case file until a second person approves it: an
administrator over its unit or the commander of its unit, never the one who created it,
never the account itself.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kalantari.org.models import OrgUnit, Role, User

ADMIN_GRANTABLE_ROLES = frozenset(set(Role.values) - {Role.ADMIN})


def is_staff_member(user: User | object) -> bool:
    """An active account that a second person approved: a new account has no case scope,
    no person search and no desk until then (`access.policy` builds on this)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "is_approved", False)
    )


def _active(actor: User) -> bool:
    return bool(actor.is_authenticated and actor.is_active and actor.is_approved)


def managed_accounts(actor: User) -> QuerySet[User]:
    """The accounts `actor` may see and change in the administration pages."""
    if not _active(actor):
        return User.objects.none()
    if actor.is_superuser:
        return User.objects.all()
    if actor.role != Role.ADMIN or actor.unit is None:
        return User.objects.none()
    return User.objects.filter(unit__path__startswith=actor.unit.path, is_superuser=False)


def managed_units(actor: User) -> QuerySet[OrgUnit]:
    """Units `actor` may put an account in."""
    if not _active(actor):
        return OrgUnit.objects.none()
    if actor.is_superuser:
        return OrgUnit.objects.all()
    if actor.role != Role.ADMIN or actor.unit is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=actor.unit.path)


def grantable_roles(actor: User) -> frozenset[str]:
    if not _active(actor):
        return frozenset()
    if actor.is_superuser:
        return frozenset(Role.values)
    return ADMIN_GRANTABLE_ROLES if actor.role == Role.ADMIN else frozenset()


def can_manage(actor: User, user: User) -> bool:
    return managed_accounts(actor).filter(pk=user.pk).exists()


def approvable_accounts(actor: User) -> QuerySet[User]:
    """Unapproved accounts `actor` may approve (not their own, not those they created)."""
    if not _active(actor):
        return User.objects.none()
    waiting = User.objects.filter(approved_at=None, is_superuser=False, is_active=True).exclude(
        Q(pk=actor.pk) | Q(created_by=actor)
    )
    if actor.is_superuser:
        return waiting
    if actor.role == Role.ADMIN and actor.unit is not None:
        return waiting.filter(unit__path__startswith=actor.unit.path)
    if actor.role == Role.COMMANDER and actor.unit is not None:
        return waiting.filter(unit=actor.unit).exclude(role=Role.ADMIN)
    return User.objects.none()


def can_approve(actor: User, user: User) -> bool:
    return approvable_accounts(actor).filter(pk=user.pk).exists()
