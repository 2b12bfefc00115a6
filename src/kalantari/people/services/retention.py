"""The retention rules reach the registry: a record whose personal data is removed stops
naming people, and a person that only a citizen's filing made, named nowhere else, is erased.

Without this the registry would keep, forever, the identity that retention removed from the
report. A person staff entered (or one still named by another record) stays: their record
has its own reasons to exist.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kalantari.audit.services import audit_record
from kalantari.people.models import Person, PersonLink, Source
from kalantari.people.services.identity import IDENTITY_FIELDS, subject


def person_links_retire(*, subject_kind: str, subject_id: Any, unit_id: Any) -> int:
    """Drop the links to one record and erase the filing-made persons left unnamed; runs
    inside the retention run's transaction. Answers how many persons were erased."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("person_links_retire runs inside the retention run's transaction")
    links = PersonLink.objects.filter(subject_kind=subject_kind, subject_id=str(subject_id))
    touched: set[Any] = set()
    for person_id, merged_from_id in links.values_list("person_id", "merged_from_id"):
        touched |= {person_id, merged_from_id} - {None}
    links.delete()
    erased = 0
    candidates = Person.objects.select_for_update().filter(pk__in=touched, source=Source.FILING)
    for person in candidates.order_by("pk"):
        if person.links.exists() or not any(getattr(person, f) for f in IDENTITY_FIELDS):
            continue
        for field in IDENTITY_FIELDS:
            setattr(person, field, "")
        for field in Person.INDEX_FIELDS:
            setattr(person, field, "")
        person.save()
        audit_record(
            action="person.erased",
            actor=None,
            target=person,
            unit_id=unit_id,
            changes={"record": f"{subject_kind}:{subject_id}"},
            subjects=[subject(person)],
        )
        erased += 1
    return erased
