"""What a good case file holds, per category: the missing-data list and the completeness rate.

Contract used by oversight's rollups (a closed file counts as complete when nothing is
missing): `case_missing(case)` returns the codes of what the file lacks, in a stable order.
"""

from __future__ import annotations

from kalantari.cases.models import Case


def case_missing(case: Case) -> list[str]:
    """Codes of what the file lacks (an empty list: the file is complete)."""
    missing: list[str] = []
    report = case.report
    if not (report.statement or "").strip():
        missing.append("statement")
    if not (report.address or "").strip() and report.latitude is None:
        missing.append("location")
    return missing
