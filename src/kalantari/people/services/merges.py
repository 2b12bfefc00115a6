"""Merge duplicates into a survivor (reversibly) and undo merges."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.core.errors import Conflict, Forbidden, ValidationFailed
from kalantari.core.text import clean_text
from kalantari.org.models import User
from kalantari.people import selectors
from kalantari.people.models import Person, PersonLink
from kalantari.people.services.identity import _locked, subject


def person_merge(
    *,
    actor: User,
    survivor_id: uuid.UUID | str,
    duplicate_id: uuid.UUID | str,
    reason: str = "",
    context: RequestContext = NO_CONTEXT,
) -> Person:
    """Merge a duplicate into the survivor: its links move, it stays as a tombstone."""
    if str(survivor_id) == str(duplicate_id):
        raise ValidationFailed(
            _("A person cannot be merged into themselves."), code="same_person", field="survivor"
        )
    with transaction.atomic(durable=True):
        survivor = _locked(actor, survivor_id)
        duplicate = _locked(actor, duplicate_id)
        paths = selectors.person_unit_paths(survivor) + selectors.person_unit_paths(duplicate)
        if not (
            policy.can_merge_persons(actor, selectors.person_unit_paths(survivor))
            and policy.can_merge_persons(actor, selectors.person_unit_paths(duplicate))
        ):
            raise Forbidden(_("Your role does not merge persons."))
        if survivor.merged_into_id is not None or duplicate.merged_into_id is not None:
            raise Conflict(_("One of these records was merged already."), code="already_merged")
        own = PersonLink.objects.filter(person=duplicate, merged_from__isnull=True)
        moved = own.update(person=survivor, merged_from=duplicate, updated_by=actor)
        moved += PersonLink.objects.filter(person=duplicate).update(person=survivor)
        duplicate.merged_into = survivor
        duplicate.merged_at = timezone.now()
        duplicate.version += 1
        duplicate.updated_by = actor
        duplicate.save()
        audit_record(
            action="person.merged",
            actor=actor,
            target=duplicate,
            unit_id=actor.unit_id,
            changes={
                "survivor": str(survivor.pk),
                "duplicate": str(duplicate.pk),
                "links": moved,
                "units": len(set(paths)),
            },
            subjects=[subject(survivor), subject(duplicate)],
            context=RequestContext(
                ip=context.ip,
                user_agent=context.user_agent,
                purpose=clean_text(reason or "")[:300],
            ),
        )
    return survivor


def person_unmerge(
    *,
    actor: User,
    person_id: uuid.UUID | str,
    reason: str = "",
    context: RequestContext = NO_CONTEXT,
) -> Person:
    """Undo a merge: the tombstone lives again and takes back the links it brought."""
    with transaction.atomic(durable=True):
        duplicate = _locked(actor, person_id)
        if duplicate.merged_into_id is None:
            raise Conflict(_("This person is not merged into another."), code="not_merged")
        survivor = Person.objects.select_for_update().get(pk=duplicate.merged_into_id)
        if not (
            policy.can_merge_persons(actor, selectors.person_unit_paths(duplicate))
            and policy.can_merge_persons(actor, selectors.person_unit_paths(survivor))
        ):
            raise Forbidden(_("Your role does not merge persons."))
        moved = PersonLink.objects.filter(merged_from=duplicate).update(
            person=duplicate, merged_from=None, updated_by=actor
        )
        duplicate.merged_into = None
        duplicate.merged_at = None
        duplicate.version += 1
        duplicate.updated_by = actor
        duplicate.save()
        audit_record(
            action="person.unmerged",
            actor=actor,
            target=duplicate,
            unit_id=actor.unit_id,
            changes={"survivor": str(survivor.pk), "duplicate": str(duplicate.pk), "links": moved},
            subjects=[subject(survivor), subject(duplicate)],
            context=RequestContext(
                ip=context.ip,
                user_agent=context.user_agent,
                purpose=clean_text(reason or "")[:300],
            ),
        )
    return duplicate
