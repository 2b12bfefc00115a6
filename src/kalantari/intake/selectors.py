"""Reads for the public side: the catalogue, and what a citizen may see of their report."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from kalantari.cases.models import EventKind, ReferralTarget, Status
from kalantari.core.tracking import format_tracking_code
from kalantari.intake import catalogue
from kalantari.intake.extra_fields import field_label
from kalantari.intake.models import Category, Report
from kalantari.org.models import OrgUnit


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


def _station(unit: OrgUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name_fa": unit.name_fa,
        "name_en": unit.name_en,
        "phone": unit.phone,
    }


def public_status(report: Report) -> dict[str, Any]:
    """What the citizen sees: status, public notes, rejection reason, referral, and what they
    wrote themselves (statement, follow-ups); no staff names."""
    case = report.case
    timeline = []
    for e in case.events.filter(public=True).order_by("at", "id"):
        status = e.to_status or ""
        text = e.reason
        if e.kind == EventKind.FOLLOWUP:
            text = ""
        timeline.append(
            {
                "at": e.at,
                "kind": e.kind,
                "kind_label": str(EventKind(e.kind).label),
                "status": status,
                "status_label": str(Status(status).label) if status else "",
                "text": text,
            }
        )
    referral = None
    if case.status == Status.REFERRED and case.referral_target:
        referral = {
            "target": case.referral_target,
            "target_label": str(ReferralTarget(case.referral_target).label),
            "name": case.referral_name,
            "contact": case.referral_contact,
        }
    lang = translation.get_language()
    return {
        "tracking_code": format_tracking_code(report.tracking_code),
        "status": case.status,
        "status_label": str(Status(case.status).label),
        "category": report.category.name_en if lang == "en" else report.category.name_fa,
        "station": _station(report.station),
        "submitted_at": report.created_at,
        "last_activity_at": case.last_activity_at,
        "rejection_reason": case.rejection_reason if case.status == Status.REJECTED else "",
        "referral": referral,
        "timeline": timeline,
        "anonymous": report.anonymous,
        # The citizen's own words, shown back to them (no audit: it is their own report).
        "occurred_at": report.occurred_at,
        "statement": report.statement,
        "messages": [
            {"at": f.created_at, "text": f.message, "files": len(f.attachments.all())}
            for f in report.followups.prefetch_related("attachments").order_by("created_at")
        ],
    }
