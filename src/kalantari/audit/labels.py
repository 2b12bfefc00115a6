"""What each audit action is called on screen, in both languages (never the raw action name).

The audit log stores stable dotted names (`case.viewed`); people read these labels. An action
missing here is shown as a generic "another recorded action", never as its key.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Any] = {
    "api_token.issued": _("Issued an API token"),
    "attachment.downloaded": _("Opened an attached file"),
    "audit.person_accesses_reviewed": _("Reviewed the accesses to a person's records"),
    "audit.unusual_report_viewed": _("Looked at the list of unusual readers"),
    "auth.account_changed": _("Changed a staff account"),
    "auth.account_created": _("Created a staff account"),
    "auth.account_disabled_idle": _("Disabled an idle staff account"),
    "auth.locked_out": _("Account locked after failed sign-ins"),
    "auth.login": _("Signed in"),
    "auth.login_failed": _("Failed sign-in"),
    "auth.second_factor_enrolled": _("Enrolled an authenticator"),
    "auth.unlocked": _("Unlocked a staff account"),
    "case.claimed": _("Took the case on"),
    "case.note_added": _("Added a note"),
    "case.released": _("Released the case"),
    "case.searched": _("Found it in a search"),
    "case.viewed": _("Opened the case file"),
    "disclosure.deferral_ended": _("Ended a disclosure deferral"),
    "disclosure.deferral_renewed": _("Renewed a disclosure deferral"),
    "disclosure.deferral_reviewed": _("Reviewed a disclosure deferral"),
    "disclosure.deferred": _("Deferred disclosure for an open investigation"),
    "disclosure.identity_verified": _("Checked the person's identity for a data request"),
    "disclosure.redeemed": _("The person opened their data access request"),
    "report.anonymised": _("Removed the personal data from the report"),
    "report.followup_added": _("The citizen added a message"),
    "report.status_code_sent": _("Texted a code to follow the report"),
    "report.status_viewed": _("The citizen looked at the report's status"),
    "report.submitted": _("Recorded the report"),
    "retention.applied": _("Applied the retention rules"),
    # --- people (citizen-facing; the inspector-facing labels are in PEOPLE_INSPECTOR_LABELS) ---
    "person.created": _("Entered your details in the person registry"),
    "person.updated": _("Corrected your details in the person registry"),
    "person.linked": _("Linked you to a report or case"),
    "person.searched": _("Looked you up in the person registry"),
    "person.viewed": _("Opened your record in the person registry"),
    "person.merged": _("Joined two records of you into one"),
    "person.unmerged": _("Separated two records that had been joined"),
}
# --- people: inspector-facing labels (to fold into the action registry) ---
PEOPLE_INSPECTOR_LABELS: dict[str, Any] = {
    "person.created": _("Person entered in the registry"),
    "person.updated": _("Person's identity corrected"),
    "person.linked": _("Person linked to a record with a role"),
    "person.searched": _("Person registry searched (with purpose)"),
    "person.viewed": _("Person record opened"),
    "person.merged": _("Duplicate person merged into a survivor"),
    "person.unmerged": _("Person merge undone"),
}
OTHER = _("Another recorded action")


def action_label(action: str) -> str:
    """The on-screen name of an audit action in the current language."""
    return str(ACTION_LABELS.get(action, OTHER))
