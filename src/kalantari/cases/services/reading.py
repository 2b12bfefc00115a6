"""Reading a case's personal data: opening a case, searching cases, downloading a file.
Each read is audited in its own transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.purposes import SEARCH_PURPOSES
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.cases.models import Case
from kalantari.cases.selectors import case_get_visible, case_search, search_identity_subject
from kalantari.core.errors import NotFound, ValidationFailed
from kalantari.core.text import clean_text
from kalantari.intake.files import read_attachment
from kalantari.intake.models import Attachment
from kalantari.intake.services import followups_mark_read
from kalantari.org.models import User


def case_view(
    *, actor: User, case_id: uuid.UUID | str, context: RequestContext = NO_CONTEXT
) -> Case:
    """Open a case for reading: the read of personal data is audited, follow-ups marked read."""
    case = case_get_visible(user=actor, case_id=case_id)
    with transaction.atomic(durable=True):
        audit_record(
            action="case.viewed",
            actor=actor,
            target=case,
            unit_id=case.station_id,
            context=context,
        )
        if case.unread_followups and policy.case_actions(actor, case):
            followups_mark_read(report_id=case.report_id, reader=actor)
            Case.objects.filter(pk=case.pk).update(unread_followups=0)
            case.unread_followups = 0
    return case


IDENTITY_SEARCHES = frozenset({"national_id", "mobile", "name"})
# What an officer may give as the reason for looking a person up (citizens see the label).


def case_search_audited(
    *,
    actor: User,
    query: str,
    purpose_code: str = "",
    purpose: str = "",
    context: RequestContext = NO_CONTEXT,
) -> tuple[str, list[Case]]:
    """Search cases; a search for a person needs a chosen purpose and is audited with it.

    The audit record names the cases found and, for an identity search, the person by the
    blind index of the identifier (never the identifier itself), so "who looked me up"
    can be answered even when the search found nothing. The person is later shown the
    purpose category, never the free-text details (those are for inspectors).
    """
    kind, rows = case_search(user=actor, query=query)
    purpose = clean_text(purpose or "")[:300]
    if kind in IDENTITY_SEARCHES and purpose_code not in SEARCH_PURPOSES:
        raise ValidationFailed(
            _("Choose why you are looking this person up."),
            code="purpose_required",
            field="purpose_code",
        )
    if kind not in IDENTITY_SEARCHES and purpose_code not in SEARCH_PURPOSES:
        purpose_code = ""
    cases = list(rows[:100])
    subjects = [f"case:{c.pk}" for c in cases]
    person = search_identity_subject(kind, query)
    if person:
        subjects.append(person)
    with transaction.atomic(durable=True):
        audit_record(
            action="case.searched",
            actor=actor,
            unit_id=actor.unit_id,
            changes={"matched_as": kind, "found": len(cases)},
            subjects=subjects,
            context=RequestContext(
                ip=context.ip,
                user_agent=context.user_agent,
                purpose=purpose,
                purpose_code=purpose_code,
            ),
        )
    return kind, cases


@dataclass(frozen=True)
class AttachmentDownload:
    """A file handed to a reader: its name, type and plaintext."""

    name: str
    content_type: str
    content: bytes


def attachment_download(
    *,
    actor: User,
    case_id: uuid.UUID | str,
    attachment_id: uuid.UUID | str,
    context: RequestContext = NO_CONTEXT,
) -> AttachmentDownload:
    """Hand one file of a case to a reader who may see it, audited (NotFound otherwise)."""
    case = case_get_visible(user=actor, case_id=case_id)
    item = Attachment.objects.filter(pk=attachment_id, report_id=case.report_id).first()
    if item is None or not policy.can_read_attachment(actor, case):
        raise NotFound(_("Not found."))
    with transaction.atomic(durable=True):
        audit_record(
            action="attachment.downloaded",
            actor=actor,
            target=item,
            unit_id=case.station_id,
            context=context,
        )
        content = read_attachment(item)  # sealed at rest (intake.files); after the record
    return AttachmentDownload(
        name=item.original_name, content_type=item.content_type, content=content
    )
