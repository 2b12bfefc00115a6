"""The registry of audit actions: every name the log may hold, and what people read for it.

The log stores stable dotted names (`case.viewed`); `audit_record` refuses any other. Each
action has two labels in both languages: the inspector's (what the officer did) and the
citizen's (what a person asking "who read my data" is told). A new action is added here,
with its labels and their Persian (scripts/fa_messages.py), before any code records it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Action(StrEnum):
    API_TOKEN_ISSUED = "api_token.issued"  # noqa: S105  # nosec B105 - an action name
    ATTACHMENT_DOWNLOADED = "attachment.downloaded"
    AUDIT_PERSON_ACCESSES_REVIEWED = "audit.person_accesses_reviewed"
    AUDIT_UNUSUAL_REPORT_VIEWED = "audit.unusual_report_viewed"
    AUTH_ACCOUNT_APPROVED = "auth.account_approved"
    AUTH_ACCOUNT_CHANGED = "auth.account_changed"
    AUTH_ACCOUNT_CREATED = "auth.account_created"
    AUTH_ACCOUNT_DISABLED_IDLE = "auth.account_disabled_idle"
    AUTH_ENROLMENT_CODE_ISSUED = "auth.enrolment_code_issued"
    AUTH_ENROLMENT_CODE_USED = "auth.enrolment_code_used"
    AUTH_LOCKED_OUT = "auth.locked_out"
    AUTH_LOGIN = "auth.login"
    AUTH_LOGIN_FAILED = "auth.login_failed"
    AUTH_SECOND_FACTOR = "auth.second_factor"
    AUTH_SECOND_FACTOR_ENROLLED = "auth.second_factor_enrolled"
    AUTH_UNLOCKED = "auth.unlocked"
    # A case's moves are recorded as `case.<move>` (cases.workflow.MOVES names the moves).
    CASE_ASSIGN = "case.assign"
    CASE_CLAIMED = "case.claimed"
    CASE_CLOSE = "case.close"
    CASE_NOTE_ADDED = "case.note_added"
    CASE_REFER = "case.refer"
    CASE_REJECT = "case.reject"
    CASE_RELEASED = "case.released"
    CASE_REOPEN = "case.reopen"
    CASE_RESOLVE = "case.resolve"
    CASE_SEARCHED = "case.searched"
    CASE_SEND_BACK = "case.send_back"
    CASE_SLA_PAUSED = "case.sla_paused"
    CASE_SLA_RESUMED = "case.sla_resumed"
    CASE_START = "case.start"
    CASE_TRIAGE = "case.triage"
    CASE_VIEWED = "case.viewed"
    DISCLOSURE_DEFERRAL_ENDED = "disclosure.deferral_ended"
    DISCLOSURE_DEFERRAL_RENEWED = "disclosure.deferral_renewed"
    DISCLOSURE_DEFERRAL_REVIEWED = "disclosure.deferral_reviewed"
    DISCLOSURE_DEFERRED = "disclosure.deferred"
    DISCLOSURE_IDENTITY_VERIFIED = "disclosure.identity_verified"
    DISCLOSURE_REDEEMED = "disclosure.redeemed"
    REPORT_ANONYMISED = "report.anonymised"
    REPORT_FOLLOWUP_ADDED = "report.followup_added"
    REPORT_STATUS_CODE_SENT = "report.status_code_sent"
    REPORT_STATUS_VIEWED = "report.status_viewed"
    PERSON_CREATED = "person.created"
    PERSON_ERASED = "person.erased"
    PERSON_LINKED = "person.linked"
    PERSON_MERGED = "person.merged"
    PERSON_SEARCHED = "person.searched"
    PERSON_UNMERGED = "person.unmerged"
    PERSON_UPDATED = "person.updated"
    PERSON_VIEWED = "person.viewed"
    REPORT_SUBMITTED = "report.submitted"
    RETENTION_APPLIED = "retention.applied"


@dataclass(frozen=True)
class Labels:
    """What an inspector reads for an action, and what a citizen is told it was."""

    inspector: str | Promise
    citizen: str | Promise


def _same(label: str | Promise) -> Labels:
    return Labels(inspector=label, citizen=label)


LABELS: dict[Action, Labels] = {
    Action.API_TOKEN_ISSUED: _same(_("Issued an API token")),
    Action.ATTACHMENT_DOWNLOADED: _same(_("Opened an attached file")),
    Action.AUDIT_PERSON_ACCESSES_REVIEWED: _same(_("Reviewed the accesses to a person's records")),
    Action.AUDIT_UNUSUAL_REPORT_VIEWED: _same(_("Looked at the list of unusual readers")),
    Action.AUTH_ACCOUNT_APPROVED: _same(_("Approved a staff account")),
    Action.AUTH_ACCOUNT_CHANGED: _same(_("Changed a staff account")),
    Action.AUTH_ACCOUNT_CREATED: _same(_("Created a staff account")),
    Action.AUTH_ACCOUNT_DISABLED_IDLE: _same(_("Disabled an idle staff account")),
    Action.AUTH_ENROLMENT_CODE_ISSUED: _same(_("Issued a one-time code to enrol an authenticator")),
    Action.AUTH_ENROLMENT_CODE_USED: _same(_("Used a one-time code to enrol an authenticator")),
    Action.AUTH_LOCKED_OUT: _same(_("Account locked after failed sign-ins")),
    Action.AUTH_LOGIN: _same(_("Signed in")),
    Action.AUTH_LOGIN_FAILED: _same(_("Failed sign-in")),
    Action.AUTH_SECOND_FACTOR: _same(_("Gave the code of the second sign-in step")),
    Action.AUTH_SECOND_FACTOR_ENROLLED: _same(_("Enrolled an authenticator")),
    Action.AUTH_UNLOCKED: _same(_("Unlocked a staff account")),
    Action.CASE_ASSIGN: _same(_("Assigned the case")),
    Action.CASE_CLAIMED: _same(_("Took the case on")),
    Action.CASE_CLOSE: _same(_("Closed the case")),
    Action.CASE_NOTE_ADDED: _same(_("Added a note")),
    Action.CASE_REFER: _same(_("Referred the case")),
    Action.CASE_REJECT: _same(_("Rejected the report")),
    Action.CASE_RELEASED: _same(_("Released the case")),
    Action.CASE_REOPEN: _same(_("Reopened the case")),
    Action.CASE_RESOLVE: _same(_("Resolved the case")),
    Action.CASE_SEARCHED: _same(_("Found it in a search")),
    Action.CASE_SEND_BACK: _same(_("Sent the case back for more work")),
    Action.CASE_SLA_PAUSED: Labels(
        inspector=_("Stopped the case's clock to wait for the citizen"),
        citizen=_("Asked you for something the case needs"),
    ),
    Action.CASE_SLA_RESUMED: Labels(
        inspector=_("Restarted the case's clock"),
        citizen=_("Went on working the case"),
    ),
    Action.CASE_START: _same(_("Started work on the case")),
    Action.CASE_TRIAGE: _same(_("Triaged the case")),
    Action.CASE_VIEWED: _same(_("Opened the case file")),
    Action.DISCLOSURE_DEFERRAL_ENDED: _same(_("Ended a disclosure deferral")),
    Action.DISCLOSURE_DEFERRAL_RENEWED: _same(_("Renewed a disclosure deferral")),
    Action.DISCLOSURE_DEFERRAL_REVIEWED: _same(_("Reviewed a disclosure deferral")),
    Action.DISCLOSURE_DEFERRED: _same(_("Deferred disclosure for an open investigation")),
    Action.DISCLOSURE_IDENTITY_VERIFIED: _same(
        _("Checked the person's identity for a data request")
    ),
    Action.DISCLOSURE_REDEEMED: _same(_("The person opened their data access request")),
    Action.PERSON_CREATED: Labels(
        inspector=_("Person entered in the registry"),
        citizen=_("Entered your details in the person registry"),
    ),
    Action.PERSON_ERASED: Labels(
        inspector=_("Person's identity erased under the retention rules"),
        citizen=_("Erased your details from the person registry under the retention rules"),
    ),
    Action.PERSON_LINKED: Labels(
        inspector=_("Person linked to a record with a role"),
        citizen=_("Linked you to a report or case"),
    ),
    Action.PERSON_MERGED: Labels(
        inspector=_("Duplicate person merged into a survivor"),
        citizen=_("Joined two records of you into one"),
    ),
    Action.PERSON_SEARCHED: Labels(
        inspector=_("Person registry searched (with purpose)"),
        citizen=_("Looked you up in the person registry"),
    ),
    Action.PERSON_UNMERGED: Labels(
        inspector=_("Person merge undone"),
        citizen=_("Separated two records that had been joined"),
    ),
    Action.PERSON_UPDATED: Labels(
        inspector=_("Person's identity corrected"),
        citizen=_("Corrected your details in the person registry"),
    ),
    Action.PERSON_VIEWED: Labels(
        inspector=_("Person record opened"),
        citizen=_("Opened your record in the person registry"),
    ),
    Action.REPORT_ANONYMISED: _same(_("Removed the personal data from the report")),
    Action.REPORT_FOLLOWUP_ADDED: _same(_("The citizen added a message")),
    Action.REPORT_STATUS_CODE_SENT: _same(_("Texted a code to follow the report")),
    Action.REPORT_STATUS_VIEWED: _same(_("The citizen looked at the report's status")),
    Action.REPORT_SUBMITTED: Labels(
        inspector=_("Recorded the report"), citizen=_("Recorded the report at the desk")
    ),
    Action.RETENTION_APPLIED: _same(_("Applied the retention rules")),
}
OTHER = _("Another recorded action")
_BY_NAME: dict[str, Labels] = {action.value: labels for action, labels in LABELS.items()}


class UnregisteredAction(ValueError):
    """An audit action that is not in the registry: a programming error, refused."""


def registered(action: str) -> Action:
    """The registered action of this name, or UnregisteredAction."""
    try:
        return Action(action)
    except ValueError as exc:
        raise UnregisteredAction(f"audit action {action!r} is not registered") from exc


def inspector_label(action: str) -> str:
    """What an inspector reads for this action, in the current language (never its key)."""
    labels = _BY_NAME.get(action)
    return str(labels.inspector if labels else OTHER)


def citizen_label(action: str) -> str:
    """What a citizen is told this action was, in the current language (never its key)."""
    labels = _BY_NAME.get(action)
    return str(labels.citizen if labels else OTHER)
