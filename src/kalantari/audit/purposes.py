"""Why a member of staff looked someone up: a fixed list the citizen is shown.

The officer may add free text for inspectors, but a citizen only ever sees the chosen
category: free text can carry another person's name or the substance of an investigation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PurposeCode(models.TextChoices):
    REPORT = "report", _("Handling a report made to the police")
    INVESTIGATION = "investigation", _("An investigation")
    IDENTITY = "identity", _("Checking someone's identity")
    MISSING = "missing", _("Looking for a missing person")
    JUDICIAL = "judicial", _("A request from a court or prosecutor")
    OVERSIGHT = "oversight", _("Inspection or oversight")
    SUBJECT_REQUEST = "subject_request", _("The person's own request for their data")


# What staff may give as the reason for looking a person up (a case or a registry search):
# every purpose but the person's own request, which only the disclosure desk records.
SEARCH_PURPOSES = frozenset(set(PurposeCode) - {PurposeCode.SUBJECT_REQUEST})


def purpose_label(code: str) -> str:
    """The citizen-facing label of a purpose code ("—" when none was recorded)."""
    if not code:
        return "—"
    try:
        return str(PurposeCode(code).label)
    except ValueError:
        return "—"
