"""Reads for the public side: the catalogue (what a citizen may see of their report and its
case is `cases.selectors.public_status`)."""

from __future__ import annotations

from typing import Any

from kalantari.intake import catalogue
from kalantari.intake.extra_fields import field_label
from kalantari.intake.models import Category


def categories_public() -> list[dict[str, Any]]:
    cats = sorted(catalogue.snapshot().categories.values(), key=lambda c: (c.sort_order, c.code))
    return [category_public(c) for c in cats]


def category_public(c: Category) -> dict[str, Any]:
    return {
        "code": c.code,
        "group": c.group,
        "name": c.name,
        "name_fa": c.name_fa,
        "name_en": c.name_en,
        "help": c.help,
        "default_priority": c.default_priority,
        "allows_anonymous": c.allows_anonymous,
        "extra_fields": [
            {
                "name": s["name"],
                "kind": s.get("kind", "text"),
                "label": field_label(s),
                "required": bool(s.get("required")),
            }
            for s in c.extra_fields
        ],
    }


def units_public() -> list[dict[str, Any]]:
    units = sorted(catalogue.snapshot().units.values(), key=lambda u: u.path)
    by_pk = {u.pk: u.code for u in units}
    return [
        {
            "code": u.code,
            "kind": u.kind,
            "name_fa": u.name_fa,
            "name_en": u.name_en,
            "parent": by_pk.get(u.parent_id) if u.parent_id else None,
            "latitude": float(u.latitude) if u.latitude is not None else None,
            "longitude": float(u.longitude) if u.longitude is not None else None,
            "phone": u.phone,
            "open_24_7": u.open_24_7,
        }
        for u in units
    ]
