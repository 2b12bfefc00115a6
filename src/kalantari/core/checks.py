"""Checks of our own: keys belong outside the code, the public SECRET_KEY never serves,
encrypted models know their primary key before they are saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def keys_outside_the_code(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found: list[CheckMessage] = []
    if settings.KALANTARI_KEYS_AUTOCREATE:
        found.append(
            Warning(
                "Encryption keys are created on first use (KEYS_AUTOCREATE).",
                hint="Set KEYS_AUTOCREATE=false and provision keys with `kalantari keys init`.",
                id="kalantari.W001",
            )
        )
    home = Path(settings.BASE_DIR).resolve()
    for name in ("KALANTARI_KEY_FILE", "KALANTARI_AUDIT_SIGNING_KEY_FILE"):
        path = Path(getattr(settings, name)).resolve()
        if home in path.parents:
            found.append(
                Warning(
                    f"{name} ({path}) lies inside the application's directory.",
                    hint="Keep keys apart from code and backups of it (KEY_DIR=/etc/kalantari).",
                    id="kalantari.W002",
                )
            )
    return found


def uses_default_secret_key() -> bool:
    """Production settings (DEBUG off, not the demo) with the key published in the repository."""
    return (
        not settings.DEBUG
        and not settings.KALANTARI_DEMO
        and settings.SECRET_KEY == settings.KALANTARI_DEFAULT_SECRET_KEY
    )


@register(Tags.security, deploy=True)
def secret_key_not_the_default(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not uses_default_secret_key():
        return []
    return [
        Error(
            "SECRET_KEY is the repository's default: anyone can forge sessions and tokens.",
            hint="Set SECRET_KEY to a long random value (or DEMO=true for the demo).",
            id="kalantari.E001",
        )
    ]


SERVERS = {"gunicorn", "uvicorn", "daphne", "uwsgi"}


def refuse_default_secret_key_when_serving(argv: list[str]) -> None:
    """Called at start-up: a web server process stops here rather than serve with it."""
    program = Path(argv[0]).name if argv else ""
    serving = program in SERVERS or (len(argv) > 1 and argv[1] == "runserver")
    if serving and uses_default_secret_key():
        raise ImproperlyConfigured(
            "SECRET_KEY is the repository's default; set SECRET_KEY (or DEMO=true for the demo)."
        )


@register(Tags.models)
def encrypted_models_know_their_pk(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Sealed values are bound to their row's pk, so it must exist before the INSERT."""
    from django.apps import apps

    from kalantari.core.fields import EncryptedTextField

    found: list[CheckMessage] = []
    for model in apps.get_models():
        if not any(isinstance(f, EncryptedTextField) for f in model._meta.concrete_fields):
            continue
        pk = model._meta.pk
        if pk is None or not pk.has_default():
            found.append(
                Error(
                    f"{model._meta.label} has encrypted fields but its primary key has no "
                    "default: values are bound to the pk, which must be known before saving.",
                    hint="Extend core.models.BaseModel (UUIDv7 pk) or give the pk a default.",
                    obj=model,
                    id="kalantari.E002",
                )
            )
    return found
