"""Enter, correct and link persons (the writes of identity)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kalantari.access import policy
from kalantari.audit.services import NO_CONTEXT, RequestContext, audit_record
from kalantari.core import crypto, identifiers, jalali
from kalantari.core.errors import Conflict, Forbidden, ValidationFailed, collect_errors
from kalantari.core.text import clean_text
from kalantari.org.models import OrgUnit, User
from kalantari.people import selectors
from kalantari.people.models import Person, PersonLink, Role, Source, SubjectKind

MAX_NAME = 100
MAX_ADDRESS = 500
IDENTITY_FIELDS = (
    "given_name",
    "family_name",
    "father_name",
    "national_id",
    "mobile",
    "birth_date",
    "address",
)


def subject(person: Person | uuid.UUID | str) -> str:
    """The audit subject naming a person: `person:<id>`."""
    return f"person:{person.pk if isinstance(person, Person) else person}"


@dataclass
class PersonDraft:
    """A person as typed (raw strings); `person_validate` checks and normalises it."""

    given_name: str = ""
    family_name: str = ""
    father_name: str = ""
    national_id: str = ""
    mobile: str = ""
    birth_date: str = ""
    address: str = ""


def _limited(value: str, name: str, limit: int, errors: list[ValidationFailed]) -> str:
    text = clean_text(value or "")
    if len(text) > limit:
        errors.append(
            ValidationFailed(
                _("Too long: at most %(n)d characters.") % {"n": limit},
                code="too_long",
                field=name,
            )
        )
    return text


def person_validate(draft: PersonDraft) -> dict[str, str]:
    """The clean identity, or every field error at once."""
    errors: list[ValidationFailed] = []
    clean = {
        "given_name": _limited(draft.given_name, "given_name", MAX_NAME, errors),
        "family_name": _limited(draft.family_name, "family_name", MAX_NAME, errors),
        "father_name": _limited(draft.father_name, "father_name", MAX_NAME, errors),
        "address": _limited(draft.address, "address", MAX_ADDRESS, errors),
        "national_id": "",
        "mobile": "",
        "birth_date": "",
    }
    checks = (
        ("national_id", identifiers.normalise_national_id),
        ("mobile", identifiers.normalise_mobile),
    )
    for attr, normaliser in checks:
        raw = (getattr(draft, attr) or "").strip()
        if raw:
            try:
                clean[attr] = normaliser(raw)
            except ValidationFailed as exc:
                errors.append(exc)
    if (draft.birth_date or "").strip():
        try:
            born = jalali.parse_date(draft.birth_date, field="birth_date")
            if born > timezone.localdate():
                raise ValidationFailed(
                    _("The date is in the future."), code="date_in_future", field="birth_date"
                )
            clean["birth_date"] = born.isoformat()
        except ValidationFailed as exc:
            errors.append(exc)
    if not (clean["given_name"] or clean["family_name"]) and not errors:
        errors.append(
            ValidationFailed(
                _("Give at least a family name."), code="required", field="family_name"
            )
        )
    collect_errors(errors)
    return clean


def _refuse_duplicate(national_id: str, *, other_than: Any = None) -> None:
    if not national_id:
        return
    same = Person.objects.filter(
        national_id_index__in=crypto.blind_index_candidates("national_id", national_id),
        merged_into__isnull=True,
    )
    if other_than is not None:
        same = same.exclude(pk=other_than)
    if same.exists():
        raise Conflict(
            _("A person with this national ID is already registered: search for them."),
            code="person_exists",
            field="national_id",
        )


def person_create(
    *, actor: User, draft: PersonDraft, context: RequestContext = NO_CONTEXT
) -> Person:
    """Enter a person, recorded at the actor's unit."""
    if not policy.can_enter_person(actor):
        raise Forbidden(_("Your role does not enter persons."))
    clean = person_validate(draft)
    with transaction.atomic(durable=True):
        _refuse_duplicate(clean["national_id"])
        person = Person(
            unit_path=actor.unit.path if actor.unit is not None else "/",
            source=Source.STAFF,
            created_by=actor,
            updated_by=actor,
            **clean,
        )
        person.index_identity()
        person.save()
        audit_record(
            action="person.created",
            actor=actor,
            target=person,
            unit_id=actor.unit_id,
            changes={"fields": sorted(k for k, v in clean.items() if v)},
            subjects=[subject(person)],
            context=context,
        )
    return person


def _locked(actor: User, person_id: Any) -> Person:
    """The person, visible to the actor and locked for this transaction."""
    visible = selectors.person_get_visible(user=actor, person_id=person_id)
    return Person.objects.select_for_update().get(pk=visible.pk)


def person_update(
    *,
    actor: User,
    person_id: uuid.UUID | str,
    draft: PersonDraft,
    expected_version: int,
    context: RequestContext = NO_CONTEXT,
) -> Person:
    """Correct a person's identity; a stale version is refused (409). Reports do not change."""
    clean = person_validate(draft)
    with transaction.atomic(durable=True):
        person = _locked(actor, person_id)
        if not policy.can_edit_person(actor, selectors.person_unit_paths(person)):
            raise Forbidden(_("Your role does not correct persons."))
        if person.merged_into_id is not None:
            raise Conflict(_("This record was merged into another: correct that one."))
        if person.version != expected_version:
            raise Conflict(_("Someone changed this person since you opened it: reload."))
        _refuse_duplicate(clean["national_id"], other_than=person.pk)
        changed = sorted(k for k, v in clean.items() if getattr(person, k) != v)
        for name, value in clean.items():
            setattr(person, name, value)
        person.index_identity()
        person.version += 1
        person.updated_by = actor
        person.save()
        audit_record(
            action="person.updated",
            actor=actor,
            target=person,
            unit_id=actor.unit_id,
            changes={"fields": changed},
            subjects=[subject(person)],
            context=context,
        )
    return person


def _link(
    *, person: Person, role: str, kind: str, subject_id: str, unit_path: str, actor: User | None
) -> tuple[PersonLink, bool]:
    if role not in Role.values:
        raise ValidationFailed(_("Choose a role from the list."), code="role_unknown", field="role")
    if kind not in SubjectKind.values:
        raise ValidationFailed(_("Unknown kind of record."), code="kind_unknown", field="kind")
    existing = PersonLink.objects.filter(
        person=person, role=role, subject_kind=kind, subject_id=subject_id
    ).first()
    if existing is not None:
        return existing, False
    link = PersonLink.objects.create(
        person=person,
        role=role,
        subject_kind=kind,
        subject_id=subject_id,
        unit_path=unit_path,
        created_by=actor,
        updated_by=actor,
    )
    return link, True


def person_link(
    *,
    actor: User,
    person_id: uuid.UUID | str,
    role: str,
    subject_kind: str,
    subject_id: str,
    unit_path: str,
    context: RequestContext = NO_CONTEXT,
) -> PersonLink:
    """Link a person to a report or case (named by the app that owns it) with a role.

    The calling app vouches for the record and passes its unit path; linking the same
    person twice in the same role is a no-op.
    """
    with transaction.atomic(durable=True):
        person = _locked(actor, person_id)
        if person.merged_into_id is not None:
            raise Conflict(_("This record was merged into another: link that one."))
        if not policy.can_link_person(actor, unit_path):
            raise Forbidden(_("You may not link persons to this record."))
        link, created = _link(
            person=person,
            role=role,
            kind=subject_kind,
            subject_id=str(subject_id),
            unit_path=unit_path,
            actor=actor,
        )
        if created:
            audit_record(
                action="person.linked",
                actor=actor,
                target=person,
                unit_id=actor.unit_id,
                changes={"role": role, "record": f"{subject_kind}:{subject_id}"},
                subjects=[subject(person)],  # the record is in `changes`: not an access to it
                context=context,
            )
    return link


def _split_name(name: str) -> tuple[str, str]:
    """A name as filed, as (given, family): the first word, then the rest (best effort)."""
    words = name.split()
    if len(words) < 2:
        return "", name
    return words[0], " ".join(words[1:])


def person_link_complainant(
    *,
    actor: User | None,
    report_id: Any,
    unit: OrgUnit,
    name: str,
    national_id: str,
    mobile: str,
    context: RequestContext = NO_CONTEXT,
) -> Person | None:
    """Link a report's complainant to their person, found by national ID or made anew.

    Runs inside the filing's transaction (`cases.services.report_submit` calls it); the
    values are the validated ones the report keeps as filed. An anonymous tip (no name, no
    national ID) makes no person. A person found is not changed: the registry is corrected
    by staff, not by what someone types into a form.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("person_link_complainant runs inside the filing's transaction")
    if not (name or national_id):
        return None
    person = selectors.find_by_national_id(national_id) if national_id else None
    created = person is None
    if person is None:
        given, family = _split_name(name)
        person = Person(
            given_name=given,
            family_name=family,
            national_id=national_id,
            mobile=mobile,
            unit_path=unit.path,
            source=Source.FILING,
            created_by=actor,
            updated_by=actor,
        )
        person.index_identity()
        person.save()
    _link(
        person=person,
        role=Role.COMPLAINANT,
        kind=SubjectKind.REPORT,
        subject_id=str(report_id),
        unit_path=unit.path,
        actor=actor,
    )
    audit_record(
        action="person.linked",
        actor=actor,
        target=person,
        unit_id=unit.pk,
        changes={"role": Role.COMPLAINANT.value, "record": f"report:{report_id}", "new": created},
        subjects=[subject(person)],  # the record is in `changes`: not an access to it
        context=context,
    )
    return person
