"""Every write of citizen intake, by job: filing a report (`submission`), the status check
(`status`), a citizen's follow-up (`followups`).

A report's filing and a follow-up also touch the case: their transactions are owned by
`cases.services`, which calls the parts here that touch only intake's rows."""

from kalantari.intake.services.followups import (
    followup_clean,
    followup_create,
    followups_mark_read,
)
from kalantari.intake.services.status import (
    STATUS_CODE_DIGITS,
    status_code_send,
    status_lookup,
)
from kalantari.intake.services.submission import (
    CLOCK_SKEW,
    MAX_ADDRESS,
    MAX_NAME,
    MAX_STATEMENT,
    PIN_DIGITS,
    CheckedReport,
    ReportDraft,
    SubmitOutcome,
    report_create,
    report_for_receipt,
    report_validate,
    submit_body,
)

__all__ = [
    "CLOCK_SKEW",
    "MAX_ADDRESS",
    "MAX_NAME",
    "MAX_STATEMENT",
    "PIN_DIGITS",
    "STATUS_CODE_DIGITS",
    "CheckedReport",
    "ReportDraft",
    "SubmitOutcome",
    "followup_clean",
    "followup_create",
    "followups_mark_read",
    "report_create",
    "report_for_receipt",
    "report_validate",
    "status_code_send",
    "status_lookup",
    "submit_body",
]
