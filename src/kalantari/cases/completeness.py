"""What a good case file holds, per category: the missing-data list and the completeness rate.

Contract used by oversight's rollups (a closed file counts as complete when nothing is
missing): `case_missing(case)` returns the codes of what the file lacks, in a stable order.

The rules (docs/oversight.md, "Completeness") — a file holds:

| code              | what                                                                 |
|-------------------|----------------------------------------------------------------------|
| `statement`       | the citizen's statement                                              |
| `location`        | where it happened: an address or coordinates                         |
| `extra:<name>`    | each of the category's required extra fields (a photo: its file)     |
| `first_response`  | a first response within its target (missing once the target passed)  |
| `closing_reason`  | closed: the outcome written at resolve (or the referral it ended     |
|                   | with); rejected: the reason; referred: the body now responsible      |

Every rule applies to every category unless its group's row in `GROUP_RULES` or the
category's own row in `CATEGORY_RULES` (by code, winning over its group) says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.cases.models import OPEN_STATUSES, Case, EventKind, Status
from kalantari.intake.extra_fields import field_label
from kalantari.intake.models import CategoryGroup


@dataclass(frozen=True)
class FileRules:
    """Which parts a good file of a category must hold."""

    statement: bool = True
    location: bool = True
    extra_fields: bool = True  # the category's *required* extra fields
    first_response: bool = True
    closing_reason: bool = True


ALL = FileRules()
GROUP_RULES: dict[str, FileRules] = {
    # Online crime happens on a site or an app, not at an address.
    CategoryGroup.CYBER: replace(ALL, location=False),
    # Where a document was lost is seldom known.
    CategoryGroup.DOCUMENTS: replace(ALL, location=False),
    # A tipster need not know (or say) a place.
    CategoryGroup.TIPS: replace(ALL, location=False),
}
CATEGORY_RULES: dict[str, FileRules] = {
    # A smuggling tip without a place gives the station nothing to act on.
    "tip_smuggling": ALL,
}

FINISHED = (Status.CLOSED, Status.REJECTED, Status.REFERRED)


def rules_for(category_code: str, group: str) -> FileRules:
    """The rules of a category: its own row, else its group's, else all of them."""
    return CATEGORY_RULES.get(category_code) or GROUP_RULES.get(group) or ALL


def case_missing(case: Case) -> list[str]:
    """Codes of what the file lacks (an empty list: the file is complete)."""
    now = timezone.now()
    category = case.category
    rules = rules_for(category.code, category.group)
    report = case.report
    missing: list[str] = []
    if rules.statement and not (report.statement or "").strip():
        missing.append("statement")
    if rules.location and not (report.address or "").strip() and report.latitude is None:
        missing.append("location")
    if rules.extra_fields:
        missing += _missing_extra(case)
    if rules.first_response and _late_first_response(case, now):
        missing.append("first_response")
    if rules.closing_reason and case.status in FINISHED and not _closing_reason(case):
        missing.append("closing_reason")
    return missing


def _missing_extra(case: Case) -> list[str]:
    report = case.report
    specs = [s for s in case.category.extra_fields if s.get("required")]
    if not specs:
        return []
    photos = None
    out: list[str] = []
    for spec in specs:
        name = spec["name"]
        if spec.get("kind") == "photo":
            if photos is None:
                photos = {a.field_name for a in report.attachments.all()}
            present = name in photos
        else:
            present = bool(str((report.extra or {}).get(name) or "").strip())
        if not present:
            out.append(f"extra:{name}")
    return out


def _late_first_response(case: Case, now: datetime) -> bool:
    """No first response within its target: too late, or none once the target passed (or the
    case ended without one)."""
    if case.first_responded_at is not None:
        return case.first_responded_at > case.first_response_due
    return case.status not in OPEN_STATUSES or case.first_response_due < now


def _closing_reason(case: Case) -> str:
    if case.status == Status.REJECTED:
        return (case.rejection_reason or "").strip()
    if case.referral_name.strip():
        return case.referral_name  # referred, or closed after a referral
    resolutions = getattr(case, "resolutions", None)  # prefetched by list selectors
    if resolutions is None:
        resolutions = list(case.events.filter(kind=EventKind.TRANSITION, to_status=Status.RESOLVED))
    return next((e.reason.strip() for e in reversed(resolutions) if e.reason.strip()), "")


def missing_label(code: str, case: Case) -> str:
    """What a missing-data code means, in the current language."""
    if code.startswith("extra:"):
        name = code.split(":", 1)[1]
        spec = next((s for s in case.category.extra_fields if s.get("name") == name), None)
        label = field_label(spec) if spec else name
        return _("The category's field “%(field)s”") % {"field": label}
    labels = {
        "statement": _("The citizen's statement"),
        "location": _("Where it happened (an address or a point on the map)"),
        "first_response": _("A first response within its target"),
        "closing_reason": _("The reason it was closed, rejected or referred"),
    }
    return labels.get(code, code)
