"""Retention, intake's part: remove the person from one report, purge spent texted codes.

`cases.retention` decides which reports are due (by their case's state) and owns the
transaction; intake deletes only its own rows, and the files only once that commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.files.storage import Storage
from django.db import transaction

from kalantari.intake.models import Attachment, FollowUp, Report, StatusCode

REMOVED = "—"


def _delete_after_commit(storage: Storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))


def report_anonymise(*, report_id: Any, now: datetime) -> int:
    """Clear a report's personal data, files and messages (inside the caller's transaction);
    answer how many files go. The files are deleted after the transaction commits, so a
    rolled-back run loses nothing."""
    report = Report.objects.select_for_update().get(pk=report_id)
    attachments = list(Attachment.objects.filter(report=report))
    for attachment in attachments:
        if attachment.file.name:
            _delete_after_commit(attachment.file.storage, attachment.file.name)
    Attachment.objects.filter(report=report).delete()
    FollowUp.objects.filter(report=report).update(message="")
    report.complainant_name = report.national_id = report.mobile = report.address = ""
    report.statement = REMOVED
    report.extra = {}
    report.latitude = report.longitude = None
    report.pin_hash = ""
    report.national_id_index = report.mobile_index = report.name_index = ""
    report.anonymised_at = now
    report.save()
    return len(attachments)


def status_codes_purge(*, before: datetime) -> None:
    """Delete texted status codes that expired before `before`."""
    StatusCode.objects.filter(expires_at__lt=before).delete()
