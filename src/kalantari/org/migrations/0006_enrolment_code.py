"""One-time enrolment codes for authenticators, issued by an administrator, stored hashed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kalantari.core.ids


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0005_sign_in_throttle"),
    ]

    operations = [
        migrations.CreateModel(
            name="EnrolmentCode",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=kalantari.core.ids.uuid7,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                ("version", models.PositiveIntegerField(default=1, verbose_name="version")),
                ("code_hash", models.CharField(max_length=64, unique=True)),
                ("expires_at", models.DateTimeField(verbose_name="expires at")),
                ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="used at")),
                ("failures", models.PositiveSmallIntegerField(default=0, verbose_name="failures")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff account",
                    ),
                ),
            ],
            options={
                "verbose_name": "enrolment code",
                "verbose_name_plural": "enrolment codes",
            },
        ),
    ]
