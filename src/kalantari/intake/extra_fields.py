"""A category's own required fields (a vehicle theft needs the plate, …), checked at entry."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from kalantari.core import identifiers, jalali
from kalantari.core.errors import ValidationFailed
from kalantari.core.text import clean_text
from kalantari.intake.models import Category

TEXT_LIMITS = {"text": 200, "textarea": 4000}
KINDS = frozenset({"text", "textarea", "plate", "date", "datetime", "photo"})


def field_label(spec: dict[str, Any]) -> str:
    key = "label_en" if translation.get_language() == "en" else "label_fa"
    return str(spec.get(key) or spec["name"])


def clean_extra(
    category: Category, raw: dict[str, Any], photo_fields: set[str]
) -> tuple[dict[str, Any], list[ValidationFailed]]:
    """Return the cleaned extra values and the errors, one per bad field ("extra.<name>")."""
    values: dict[str, Any] = {}
    errors: list[ValidationFailed] = []
    for spec in category.extra_fields:
        name, kind = spec["name"], spec.get("kind", "text")
        field = f"extra.{name}"
        label = field_label(spec)
        if kind == "photo":
            if spec.get("required") and name not in photo_fields:
                errors.append(
                    ValidationFailed(
                        _("%(field)s: a photo is required.") % {"field": label},
                        code="required",
                        field=field,
                    )
                )
            continue
        value = clean_text(str(raw.get(name) or ""))
        if not value:
            if spec.get("required"):
                errors.append(
                    ValidationFailed(
                        _("%(field)s is required for this kind of report.") % {"field": label},
                        code="required",
                        field=field,
                    )
                )
            continue
        try:
            if kind == "plate":
                values[name] = identifiers.normalise_plate(value)
            elif kind == "date":
                values[name] = jalali.parse_date(value).isoformat()
            elif kind == "datetime":
                date_part, _sep, time_part = value.partition(" ")
                at = jalali.parse_local_datetime(date_part, time_part or None, field=field)
                values[name] = at.isoformat()
            else:
                limit = TEXT_LIMITS.get(kind, 200)
                if len(value) > limit:
                    raise ValidationFailed(
                        _("%(field)s is too long (at most %(n)d characters).")
                        % {"field": label, "n": limit},
                        code="too_long",
                    )
                values[name] = value
        except ValidationFailed as exc:
            errors.append(ValidationFailed(f"{label}: {exc.message}", code=exc.code, field=field))
    return values, errors
