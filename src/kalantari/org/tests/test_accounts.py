"""Account administration: scoped to the administrator's units, approved by a second person."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import PASSWORD
from django.core.exceptions import PermissionDenied
from django.test import Client

from kalantari.audit.models import AuditEvent
from kalantari.org import services
from kalantari.org.models import OrgUnit, Role, User
from kalantari.org.tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a long enough passphrase 91"


@pytest.fixture
def county_admin(force: dict[str, OrgUnit]) -> User:
    """An administrator of one county (stations 101 and 102, not the outpost)."""
    return UserFactory.create(username="county_admin", role=Role.ADMIN, unit=force["county"])


@pytest.fixture
def province_admin(force: dict[str, OrgUnit]) -> User:
    return UserFactory.create(username="province_admin", role=Role.ADMIN, unit=force["province"])


@pytest.fixture
def root(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.org", "root-password-long-1")


def add_account(client: Client, **fields: Any) -> Any:
    data = {
        "username": "newcomer",
        "first_name": "Sara",
        "last_name": "Karimi",
        "usable_password": "true",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **fields,
    }
    return client.post("/admin/org/user/add/", data)


def test_admin_cannot_set_a_superusers_password(county_admin: User, root: User) -> None:
    client = sign_in(Client(), county_admin)
    url = f"/admin/org/user/{root.pk}/password/"
    assert client.get(url).status_code in (403, 404)
    answer = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert answer.status_code in (403, 404)
    root.refresh_from_db()
    assert root.check_password("root-password-long-1")
    assert client.get(f"/admin/org/user/{root.pk}/change/").status_code in (302, 403, 404)


def test_admin_sees_and_manages_only_their_units(
    county_admin: User, desk_officer: User, force: dict[str, OrgUnit]
) -> None:
    far = UserFactory.create(username="far_away", unit=force["outpost"])
    client = sign_in(Client(), county_admin)
    listing = client.get("/admin/org/user/").content.decode()
    assert desk_officer.username in listing and far.username not in listing
    assert client.get(f"/admin/org/user/{far.pk}/change/").status_code in (302, 403, 404)
    assert client.get(f"/admin/org/user/{far.pk}/password/").status_code in (403, 404)


def test_escalation_from_the_issue_fails(
    county_admin: User, force: dict[str, OrgUnit], new_case: Any
) -> None:
    """An admin makes a commander elsewhere, or here, and tries to read its case files."""
    client = sign_in(Client(), county_admin)
    # Another county's outpost: not among the admin's units.
    elsewhere = add_account(client, unit=force["outpost"].pk, role=Role.COMMANDER)
    assert elsewhere.status_code == 200 and not User.objects.filter(username="newcomer")
    # An administrator cannot be made by an administrator (only a superuser does that).
    admin = add_account(client, unit=force["station"].pk, role=Role.ADMIN)
    assert admin.status_code == 200 and not User.objects.filter(username="newcomer")
    # Its own station: created, but waiting for a second person's approval.
    made = add_account(client, unit=force["station"].pk, role=Role.COMMANDER)
    assert made.status_code == 302, made.content.decode()[:2000]
    newcomer = User.objects.get(username="newcomer")
    assert newcomer.created_by == county_admin and newcomer.approved_at is None
    assert AuditEvent.objects.filter(action="auth.account_created", target_id=str(newcomer.pk))
    as_newcomer = sign_in(Client(), newcomer)
    assert as_newcomer.get(f"/en/desk/cases/{new_case.pk}/").status_code in (403, 404)
    assert as_newcomer.get("/en/desk/").status_code in (302, 403, 404)
    listed = as_newcomer.get("/api/v1/cases")
    assert listed.status_code in (401, 403) or str(new_case.pk) not in listed.content.decode()
    # Its creator may not approve it.
    with pytest.raises(PermissionDenied):
        services.staff_approve(actor=county_admin, user=newcomer)
    refused = client.post(
        "/admin/org/user/",
        {"action": "approve_accounts", "_selected_action": [str(newcomer.pk)]},
    )
    assert refused.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.approved_at is None


def test_a_second_administrator_approves(
    county_admin: User, province_admin: User, force: dict[str, OrgUnit], new_case: Any
) -> None:
    client = sign_in(Client(), county_admin)
    add_account(client, unit=force["station"].pk, role=Role.COMMANDER)
    newcomer = User.objects.get(username="newcomer")
    other = sign_in(Client(), province_admin)
    other.post(
        "/admin/org/user/",
        {"action": "approve_accounts", "_selected_action": [str(newcomer.pk)]},
    )
    newcomer.refresh_from_db()
    assert newcomer.approved_by == province_admin and newcomer.approved_at is not None
    assert AuditEvent.objects.filter(action="auth.account_approved", target_id=str(newcomer.pk))
    assert sign_in(Client(), newcomer).get(f"/en/desk/cases/{new_case.pk}/").status_code == 200


def test_the_units_commander_approves_on_a_page(
    county_admin: User, commander: User, force: dict[str, OrgUnit]
) -> None:
    waiting = UserFactory.create(
        username="waiting", unit=force["station"], approved_at=None, created_by=county_admin
    )
    elsewhere = UserFactory.create(username="elsewhere", unit=force["sibling"], approved_at=None)
    client = sign_in(Client(), commander)
    landing = client.get("/en/accounts/start/", follow=True).content.decode()
    assert "1 new account waits for your approval." in landing
    page = client.get("/en/accounts/approvals/")
    assert page.status_code == 200
    assert "waiting" in page.content.decode() and "elsewhere" not in page.content.decode()
    assert client.post("/en/accounts/approvals/", {"account": str(elsewhere.pk)}).status_code == 404
    assert client.post("/en/accounts/approvals/", {"account": str(waiting.pk)}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.approved_by == commander
    # Not a page for officers.
    desk = UserFactory.create(username="desk_x", unit=force["station"])
    assert sign_in(Client(), desk).get("/en/accounts/approvals/").status_code == 403


def test_role_or_password_set_by_an_admin_needs_approval_again(
    county_admin: User, desk_officer: User
) -> None:
    client = sign_in(Client(), county_admin)
    answer = client.post(
        f"/admin/org/user/{desk_officer.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert answer.status_code == 302
    desk_officer.refresh_from_db()
    assert desk_officer.approved_at is None
    assert AuditEvent.objects.filter(action="auth.account_changed", target_id=str(desk_officer.pk))


def test_admin_pages_in_persian_wear_the_sites_name(county_admin: User) -> None:
    client = sign_in(Client(), county_admin)
    client.cookies["django_language"] = "fa"
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "مدیریت کلانتری" in page
    assert 'dir="rtl"' in page
    staff = client.get("/admin/org/user/", HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    for english in ("Staff accounts", "Select staff account", "Approve the selected"):
        assert english not in staff
    assert PASSWORD  # the factories' password signs the fixtures in
