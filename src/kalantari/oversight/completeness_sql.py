"""`cases.completeness.case_missing(case) == []` written in SQL (PostgreSQL), for the rebuild
and the naive figures: judging millions of closes one by one in Python takes hours.

SQL sees ciphertext, not text, so it judges what intake guarantees: a sealed statement,
address, rejection reason or outcome is present when its column is not empty (intake and the
workflow refuse blank ones), and a category's required extra fields are present (intake
requires them at filing); a required photo is looked up in the report's attachments, as
`case_missing` does. The receiver that keeps the rollups current still judges each close with
`case_missing` itself; the PostgreSQL property test checks the two agree.
"""

from __future__ import annotations

from kalantari.cases.completeness import rules_for
from kalantari.cases.models import OPEN_STATUSES, Status
from kalantari.intake.models import Category


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _first_response_ok() -> str:
    opened = ", ".join(_lit(str(s)) for s in OPEN_STATUSES)
    return (
        "(c.first_responded_at IS NOT NULL AND c.first_responded_at <= c.first_response_due"
        f" OR c.first_responded_at IS NULL AND c.status IN ({opened})"
        " AND c.first_response_due >= now())"
    )


def _closing_reason_ok() -> str:
    finished = ", ".join(_lit(str(s)) for s in (Status.CLOSED, Status.REJECTED, Status.REFERRED))
    return (
        f"(c.status NOT IN ({finished})"  # noqa: S608 - our constants  # nosec B608
        f" OR c.status = {_lit(Status.REJECTED)} AND c.rejection_reason <> ''"
        f" OR c.status <> {_lit(Status.REJECTED)} AND (btrim(c.referral_name) <> '' OR EXISTS ("
        "SELECT 1 FROM cases_caseevent x WHERE x.case_id = c.id AND x.kind = 'transition'"
        f" AND x.to_status = {_lit(Status.RESOLVED)} AND x.reason <> '')))"
    )


def complete_expr() -> str:
    """A boolean SQL expression over the aliases c (cases_case) and r (intake_report)."""
    branches = []
    for category in Category.objects.all():
        rules = rules_for(category.code, category.group)
        parts = ["true"]
        if rules.statement:
            parts.append("r.statement <> ''")
        if rules.location:
            parts.append("(r.address <> '' OR r.latitude IS NOT NULL)")
        if rules.extra_fields:
            parts += [
                "EXISTS (SELECT 1 FROM intake_attachment a WHERE a.report_id = r.id"  # noqa: S608  # nosec B608
                f" AND a.field_name = {_lit(spec['name'])})"
                for spec in category.extra_fields
                if spec.get("required") and spec.get("kind") == "photo"
            ]
        if rules.first_response:
            parts.append(_first_response_ok())
        if rules.closing_reason:
            parts.append(_closing_reason_ok())
        branches.append(f"WHEN {_lit(str(category.pk))} THEN ({' AND '.join(parts)})")
    if not branches:
        return "false"
    return f"(CASE c.category_id::text {' '.join(branches)} ELSE false END)"
