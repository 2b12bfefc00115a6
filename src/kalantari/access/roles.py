"""Roles as data: one table of each role's model permissions, kept as Django groups.

Object-level decisions (which case, which unit) stay in `access.policy`; these groups
give the model-level permissions Django's admin and `has_perm(perm)` ask for, so an
administrator edits units and categories without being a superuser.
"""

from __future__ import annotations

from typing import Any

from kalantari.org.models import Role

CASE_WORK = frozenset(
    {"cases.view_case", "cases.change_case", "cases.view_caseevent", "intake.view_report"}
)

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.DESK_OFFICER: CASE_WORK | {"intake.add_report", "intake.view_category"},
    Role.INVESTIGATOR: CASE_WORK,
    Role.COMMANDER: CASE_WORK | {"intake.add_report", "intake.view_category"},
    Role.INSPECTOR: frozenset(
        {"cases.view_case", "cases.view_caseevent", "intake.view_report", "audit.view_auditevent"}
    ),
    Role.PLANNER: frozenset({"org.view_orgunit"}),
    Role.PRIVACY_OFFICER: frozenset({"audit.view_auditevent", "org.view_orgunit"}),
    Role.ADMIN: frozenset(
        {
            "org.view_orgunit",
            "org.add_orgunit",
            "org.change_orgunit",
            "org.view_user",
            "org.add_user",
            "org.change_user",
            "org.view_apitoken",
            "org.change_apitoken",
            "intake.view_category",
            "intake.add_category",
            "intake.change_category",
            "auth.view_group",
        }
    ),
}

# Roles whose holders use Django's admin pages.
ADMIN_SITE_ROLES = frozenset({Role.ADMIN})


def role_groups_sync(apps: Any) -> None:
    """Create or refresh one group per role with exactly the table's permissions."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=str(role))
        wanted = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            wanted.append(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
