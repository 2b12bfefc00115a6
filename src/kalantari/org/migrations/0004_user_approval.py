"""A second person approves new staff accounts; accounts in use today count as approved."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def approve_existing(apps, schema_editor):
    """Accounts that already work were set up before approvals existed: keep them working."""
    from django.utils import timezone

    apps.get_model("org", "User").objects.filter(approved_at=None).update(
        approved_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0003_token_audience"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="created by",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="approved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="approved by",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="approved_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="approved at"),
        ),
        migrations.RunPython(approve_existing, migrations.RunPython.noop),
    ]
