"""Roles are groups made from one table; the admin role manages configuration only."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from kalantari.access.roles import ROLE_PERMISSIONS
from kalantari.org.models import Role
from kalantari.org.tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db


def test_every_role_has_its_group_with_the_tables_permissions() -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        have = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert have == set(perms)
    assert set(ROLE_PERMISSIONS) == set(Role.values)


def test_role_change_moves_the_account_between_groups(force: Any) -> None:
    user = UserFactory.create(username="mover", role=Role.DESK_OFFICER, unit=force["station"])
    assert list(user.groups.values_list("name", flat=True)) == [Role.DESK_OFFICER]
    assert user.has_perm("intake.add_report") and not user.has_perm("audit.view_auditevent")
    user.role = Role.INSPECTOR
    user.save()
    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert list(user.groups.values_list("name", flat=True)) == [Role.INSPECTOR]
    assert user.has_perm("audit.view_auditevent") and not user.has_perm("intake.add_report")


def test_admin_role_reaches_configuration_not_case_files(force: Any) -> None:
    admin = UserFactory.create(username="cfg", role=Role.ADMIN, unit=force["nation"])
    assert admin.is_staff and not admin.is_superuser
    client = Client()
    sign_in(client, admin)
    assert client.get("/admin/org/orgunit/").status_code == 200
    assert client.get("/admin/intake/category/").status_code == 200
    assert client.get("/admin/audit/auditevent/").status_code == 403
    assert client.get("/en/desk/").status_code == 403
    assert client.get("/en/accounts/start/")["Location"] == "/admin/"


def test_desk_officer_has_no_admin_site(desk_officer: Any) -> None:
    assert not desk_officer.is_staff
    client = Client()
    sign_in(client, desk_officer)
    assert client.get("/admin/org/orgunit/").status_code == 302


def test_role_change_in_the_admin_is_audited_and_self_promotion_refused(force: Any) -> None:
    from kalantari.audit.models import AuditEvent

    admin = UserFactory.create(username="cfg2", role=Role.ADMIN, unit=force["nation"])
    officer = UserFactory.create(username="officer9", role=Role.DESK_OFFICER, unit=force["station"])
    client = sign_in(Client(), admin)
    page = client.post(
        f"/admin/org/user/{officer.pk}/change/",
        {
            "username": "officer9",
            "first_name": "Ali",
            "last_name": "Karimi",
            "email": "",
            "is_active": "on",
            "unit": str(force["county"].pk),
            "role": Role.INSPECTOR,
            "rank": "",
            "badge_number": "",
        },
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    officer.refresh_from_db()
    assert officer.role == Role.INSPECTOR
    event = AuditEvent.objects.get(action="auth.account_changed", target_id=str(officer.pk))
    assert event.actor_id == admin.pk
    assert event.changes["role"] == [Role.DESK_OFFICER, Role.INSPECTOR]
    # The administrator cannot make themself a superuser or give themself a role.
    client.post(
        f"/admin/org/user/{admin.pk}/change/",
        {"username": "cfg2", "is_superuser": "on", "role": Role.INSPECTOR, "is_active": "on"},
    )
    admin.refresh_from_db()
    assert not admin.is_superuser and admin.role == Role.ADMIN
