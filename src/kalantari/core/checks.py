"""Deployment checks of our own (`kalantari check --deploy`): keys belong outside the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def keys_outside_the_code(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    found = []
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
