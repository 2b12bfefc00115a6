"""Failed sign-ins counted per account and address (replaces django-axes' lockout)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0004_user_approval"),
    ]

    operations = [
        migrations.CreateModel(
            name="SignInThrottle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("account_address", "account at an address"),
                            ("address", "address"),
                        ],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("username", models.CharField(blank=True, max_length=150, verbose_name="username")),
                ("ip", models.CharField(blank=True, max_length=45, verbose_name="address")),
                ("failures", models.PositiveIntegerField(default=0, verbose_name="failures")),
                (
                    "last_failure_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last failure at"),
                ),
                (
                    "blocked_until",
                    models.DateTimeField(blank=True, null=True, verbose_name="held off until"),
                ),
                (
                    "locked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="locked at"),
                ),
            ],
            options={
                "verbose_name": "sign-in throttle",
                "verbose_name_plural": "sign-in throttles",
                "indexes": [
                    models.Index(fields=["username"], name="org_signint_usernam_571646_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "username", "ip"), name="org_signin_throttle_unique"
                    )
                ],
            },
        ),
    ]
