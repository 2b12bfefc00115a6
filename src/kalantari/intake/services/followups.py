"""A citizen's follow-up to a filed report: its check, its insert (inside the caller's
transaction) and its reading by the case handler."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.audit.services import NO_CONTEXT, RequestContext
from kalantari.core import throttle
from kalantari.core.errors import ValidationFailed, collect_errors
from kalantari.intake.files import CleanFile, IncomingFile, clean_files, seal_file, stored_name
from kalantari.intake.models import Attachment, FollowUp, Report
from kalantari.intake.services.submission import MAX_STATEMENT, _text
from kalantari.org.models import User


def followup_clean(*, message: str, files: list[IncomingFile]) -> tuple[str, list[CleanFile]]:
    """Check a citizen's follow-up (message or file): every field error at once."""
    errors: list[ValidationFailed] = []
    text = _text(message, "message", MAX_STATEMENT, required=False, errors=errors)
    clean: list[CleanFile] = []
    try:
        clean = clean_files(files)
    except ValidationFailed as exc:
        errors.append(exc)
    if not text and not clean and not errors:
        errors.append(
            ValidationFailed(
                _("Write a message or attach a file."), code="required", field="message"
            )
        )
    collect_errors(errors)
    return text, clean


def followup_create(
    *, report: Report, text: str, files: list[CleanFile], context: RequestContext = NO_CONTEXT
) -> FollowUp:
    """Insert a checked follow-up and its files, inside the caller's transaction
    (`cases.services.followup_add` owns it and tells the case)."""
    wait = throttle.hit(
        [
            throttle.Limit(
                f"followup:ip:{throttle.address_key(context.ip)}",
                settings.KALANTARI_FOLLOWUPS_PER_ADDRESS_PER_HOUR,
                3600,
            ),
            throttle.Limit(
                f"followup:report:{report.pk}",
                settings.KALANTARI_FOLLOWUPS_PER_REPORT_PER_DAY,
                86400,
            ),
        ]
    )
    if wait:
        throttle.refuse(wait, rate=True)
    followup = FollowUp.objects.create(report=report, message=text)
    for f in files:
        attachment = Attachment(
            report=report,
            followup=followup,
            original_name=f.name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=f.sha256,
        )
        attachment.file.save(
            stored_name(attachment.pk),
            ContentFile(seal_file(f.content, attachment_id=attachment.pk)),
            save=False,
        )
        attachment.save()
    return followup


def followups_mark_read(*, report_id: Any, reader: User) -> int:
    """Mark a report's unread follow-ups read by `reader` (inside the caller's transaction)."""
    return FollowUp.objects.filter(report_id=report_id, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=reader
    )
