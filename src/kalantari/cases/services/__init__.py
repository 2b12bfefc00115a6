"""Every write to a case, by job: filing a report with its case and a citizen's follow-up
(`filing`), moves (`transitions`), claims (`claims`), notes (`notes`), and the audited reads
of personal data (`reading`). One transaction each, audited; the checks every change makes
first are `_guards`."""

from kalantari.cases.services._guards import MAX_REASON
from kalantari.cases.services.claims import case_claim
from kalantari.cases.services.filing import (
    case_followup_received,
    case_open_for_report,
    followup_add,
    report_submit,
)
from kalantari.cases.services.notes import case_note_add
from kalantari.cases.services.pauses import case_pause, case_resume
from kalantari.cases.services.reading import (
    IDENTITY_SEARCHES,
    SEARCH_PURPOSES,
    AttachmentDownload,
    attachment_download,
    case_search_audited,
    case_view,
)
from kalantari.cases.services.transitions import case_transition

__all__ = [
    "IDENTITY_SEARCHES",
    "MAX_REASON",
    "SEARCH_PURPOSES",
    "AttachmentDownload",
    "attachment_download",
    "case_claim",
    "case_followup_received",
    "case_note_add",
    "case_open_for_report",
    "case_pause",
    "case_resume",
    "case_search_audited",
    "case_transition",
    "case_view",
    "followup_add",
    "report_submit",
]
