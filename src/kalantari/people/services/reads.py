"""Audited reads of the registry: search (with a purpose) and opening a record."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.purposes import SEARCH_PURPOSES
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.core import crypto
from kalantari.core.errors import Forbidden, ValidationFailed
from kalantari.core.text import clean_text
from kalantari.org.models import User
from kalantari.people import selectors
from kalantari.people.models import Person
from kalantari.people.services.identity import subject

# Why an officer may look a person up (the person is later shown the category).


def person_search_audited(
    *,
    actor: User,
    query: str,
    purpose_code: str,
    purpose: str = "",
    context: RequestContext = NO_CONTEXT,
) -> tuple[str, list[Person]]:
    """Search persons; every search needs a chosen purpose and is audited with it.

    The record names each person found (`person:<id>`) and, for an identifier, the person
    by the blind index of it, so "who looked me up" is answered even when nothing matched.
    """
    if not policy.can_search_persons(actor):
        raise Forbidden(_("Your role does not search persons."))
    if purpose_code not in SEARCH_PURPOSES:
        raise ValidationFailed(
            _("Choose why you are looking this person up."),
            code="purpose_required",
            field="purpose_code",
        )
    kind, rows = selectors.person_search(user=actor, query=query)
    found = list(rows[:100])
    subjects = [subject(p) for p in found]
    if kind != "name":
        value = selectors.classify_query(query)[1]
        prefix = "nid" if kind == "national_id" else "mobile"
        subjects.append(f"person:{prefix}:{crypto.blind_index(kind, value)}")
    with transaction.atomic(durable=True):
        audit_record(
            action="person.searched",
            actor=actor,
            unit_id=actor.unit_id,
            changes={"matched_as": kind, "found": len(found)},
            subjects=subjects,
            context=RequestContext(
                ip=context.ip,
                user_agent=context.user_agent,
                purpose=clean_text(purpose or "")[:300],
                purpose_code=purpose_code,
            ),
        )
    return kind, found


def person_view(
    *, actor: User, person_id: uuid.UUID | str, context: RequestContext = NO_CONTEXT
) -> Person:
    """Open a person's record for reading (audited); NotFound outside the actor's scope."""
    person = selectors.person_get_visible(user=actor, person_id=person_id)
    with transaction.atomic(durable=True):
        audit_record(
            action="person.viewed",
            actor=actor,
            target=person,
            unit_id=actor.unit_id,
            subjects=[subject(person)],
            context=context,
        )
    return person
