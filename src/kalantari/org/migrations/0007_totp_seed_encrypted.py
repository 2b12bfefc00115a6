"""Authenticators with the TOTP seed encrypted at rest; django-otp's plain rows move over."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import kalantari.core.fields
import kalantari.org.models

FIELDS = ("name", "confirmed", "step", "t0", "digits", "tolerance", "drift", "last_t")


def move_to_sealed(apps, schema_editor):
    """Copy every TOTPDevice to an Authenticator (the key is sealed on save), then drop it."""
    plain = apps.get_model("otp_totp", "TOTPDevice")
    sealed = apps.get_model("org", "Authenticator")
    for device in plain.objects.all().iterator():
        sealed.objects.create(
            user_id=device.user_id, key=device.key, **{f: getattr(device, f) for f in FIELDS}
        )
    plain.objects.all().delete()


def move_to_plain(apps, schema_editor):
    plain = apps.get_model("otp_totp", "TOTPDevice")
    sealed = apps.get_model("org", "Authenticator")
    for device in sealed.objects.all().iterator():
        plain.objects.create(
            user_id=device.user_id, key=device.key, **{f: getattr(device, f) for f in FIELDS}
        )
    sealed.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0006_enrolment_code"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.CreateModel(
            name="Authenticator",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        default=kalantari.org.models._new_device_id,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The human-readable name of this device.", max_length=64
                    ),
                ),
                (
                    "confirmed",
                    models.BooleanField(default=True, help_text="Is this device ready for use?"),
                ),
                (
                    "throttling_failure_timestamp",
                    models.DateTimeField(
                        blank=True,
                        default=None,
                        help_text="A timestamp of the last failed verification attempt. Null if last attempt succeeded.",
                        null=True,
                    ),
                ),
                (
                    "throttling_failure_count",
                    models.PositiveIntegerField(
                        default=0, help_text="Number of successive failed attempts."
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        auto_now_add=True,
                        help_text="The date and time when this device was initially created in the system.",
                        null=True,
                    ),
                ),
                (
                    "last_used_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="The most recent date and time this device was used.",
                        null=True,
                    ),
                ),
                (
                    "key",
                    kalantari.core.fields.EncryptedTextField(
                        default=kalantari.org.models._new_totp_key
                    ),
                ),
                ("step", models.PositiveSmallIntegerField(default=30)),
                ("t0", models.BigIntegerField(default=0)),
                ("digits", models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)),
                ("tolerance", models.PositiveSmallIntegerField(default=1)),
                ("drift", models.SmallIntegerField(default=0)),
                ("last_t", models.BigIntegerField(default=-1)),
                (
                    "user",
                    models.ForeignKey(
                        help_text="The user that this device belongs to.",
                        on_delete=django.db.models.deletion.CASCADE,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "authenticator",
                "verbose_name_plural": "authenticators",
                "abstract": False,
            },
        ),
        migrations.RunPython(move_to_sealed, move_to_plain),
    ]
