"""One group per role, from the roles table in access/roles.py.

Permissions are normally created after migrate; they are created here first so that the
groups can be filled on a fresh database. When the table changes, add a migration that
calls `role_groups_sync` again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    from kalantari.access.roles import role_groups_sync

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    role_groups_sync(apps)
    User = apps.get_model("org", "User")
    Group = apps.get_model("auth", "Group")
    groups = {g.name: g for g in Group.objects.all()}
    for user in User.objects.exclude(role=""):
        if user.role in groups:
            user.groups.add(groups[user.role])


def backwards(apps, schema_editor):
    from kalantari.access.roles import ROLE_PERMISSIONS

    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("org", "0001_initial"),
        ("intake", "0003_default_categories"),
        ("cases", "0002_initial"),
        ("audit", "0002_initial"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
