"""API tokens bound to the password they were issued under: a password change ends them."""

from django.db import migrations, models


def stamp_existing(apps, schema_editor):
    """Tokens issued before keep working until their account's next password change."""
    import hashlib

    token_model = apps.get_model("org", "ApiToken")
    for token in token_model.objects.select_related("user").iterator():
        stamp = hashlib.sha256(f"stamp:{token.user.password}".encode()).hexdigest()[:32]
        token_model.objects.filter(pk=token.pk).update(password_stamp=stamp)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0007_totp_seed_encrypted"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="password_stamp",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.RunPython(stamp_existing, migrations.RunPython.noop),
    ]
